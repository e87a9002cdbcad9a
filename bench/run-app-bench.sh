#!/usr/bin/env bash
# Desktop client benchmark: the `flint` app against Psi (Debian package) in the same run, on one
# private flint-server on 127.0.0.1, under a private Xvfb, D-Bus session and gnome-keyring.
#
#   bench/run-app-bench.sh [--quick] [--build-dir DIR] [--no-build] [--clients "flint psi"]
#                          [--runs N] [--screenshots DIR] [--keep]
#
# Measures startup to a usable roster window (1,000 contacts, 300 online; median of 5 starts after
# a warm-up start) and resident memory after login and after 10,000 messages from 50 contacts,
# and prints a Markdown table. Missing Debian packages are installed with apt-get. The work is
# done by bench/app/app_bench.py (method in its header); scripts/demo-data.py fills the server.

# cleanup is called through the trap.
# shellcheck disable=SC2317

set -uo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
BUILD_DIR="$ROOT/build-bench"
BUILD=1
CLIENTS="flint psi"
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) ARGS+=(--runs 2 --contacts 200 --online 60 --peers 10 --messages 1000); shift ;;
        --build-dir) BUILD_DIR=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --runs|--screenshots) ARGS+=("$1" "$2"); shift 2 ;;
        --keep) ARGS+=(--keep); shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# command -> Debian package
declare -A NEEDED=(
    [psi]=psi [xdotool]=xdotool [xev]=x11-utils [Xvfb]=xvfb [import]=imagemagick
    [dbus-daemon]=dbus-daemon [gnome-keyring-daemon]=gnome-keyring [secret-tool]=libsecret-tools
    [openssl]=openssl [stdbuf]=coreutils
)
missing=()
for tool in "${!NEEDED[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${NEEDED[$tool]}")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null || { echo "could not install ${missing[*]}" >&2; exit 1; }
fi
/usr/bin/python3 -c 'import slixmpp' 2>/dev/null || {
    echo "slixmpp is missing (apt-get install python3-slixmpp)" >&2
    exit 1
}

if [ "$BUILD" = 1 ]; then
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        qxmpp_prefix=$("$ROOT/scripts/bootstrap.sh") || exit 1
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DCMAKE_PREFIX_PATH="$qxmpp_prefix" >/dev/null || exit 1
    fi
    targets=(flint-server)
    [[ " $CLIENTS " == *" flint "* ]] && targets+=(flint)
    ninja -C "$BUILD_DIR" "${targets[@]}" >/dev/null || {
        echo "build failed: ninja -C $BUILD_DIR ${targets[*]}" >&2
        exit 1
    }
fi
binaries=("$BUILD_DIR/server/flint-server")
[[ " $CLIENTS " == *" flint "* ]] && binaries+=("$BUILD_DIR/app/flint")
for binary in "${binaries[@]}"; do
    [ -x "$binary" ] || { echo "missing $binary (build it, or pass --build-dir)" >&2; exit 1; }
done

# The benchmark stops its own processes; this trap covers an interrupted run of the script.
bench_pid=""
cleanup() {
    if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
        kill -TERM "$bench_pid" 2>/dev/null
        for _ in $(seq 100); do
            kill -0 "$bench_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$bench_pid" 2>/dev/null
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

/usr/bin/python3 "$SCRIPT_DIR/app/app_bench.py" --flint "$BUILD_DIR/app/flint" \
    --server "$BUILD_DIR/server/flint-server" --clients "$CLIENTS" "${ARGS[@]}" &
bench_pid=$!
wait "$bench_pid"
status=$?
bench_pid=""
exit "$status"
