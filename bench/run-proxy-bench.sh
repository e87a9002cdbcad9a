#!/usr/bin/env bash
# Throughput of a large transfer through flint-server's XEP-0065 proxy on loopback, as a ratio
# to a plain loopback TCP copy of the same size in the same run (issue 5; aim >= 0.8).
#
#   bench/run-proxy-bench.sh [--quick] [--build-dir DIR] [--no-build] [flint-proxy-bench args...]
#
# Builds flint-server and flint-proxy-bench (scripts/common.sh environment: cached QXmpp,
# ccache), then runs flint-proxy-bench, which starts its own flint-server on 127.0.0.1 with a
# temporary configuration and stops it at the end. Default: 1 GiB, 3 runs per path, alternating.
set -uo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../scripts/common.sh
source "$SCRIPT_DIR/../scripts/common.sh"
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"
set +e
BUILD_DIR="$FLINT_ROOT/build-bench"
BUILD=1
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) ARGS+=(--mib 256 --runs 3 --verify-mib 16); shift ;;
        --build-dir) BUILD_DIR=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) ARGS+=("$1"); shift ;;
    esac
done

if [ "$BUILD" = 1 ]; then
    build_targets flint-server flint-proxy-bench || exit 1
fi
BENCH="$BUILD_DIR/bench/flint-proxy-bench"
SERVER="$BUILD_DIR/server/flint-server"
for binary in "$BENCH" "$SERVER"; do
    [ -x "$binary" ] || { echo "missing $binary (build it, or pass --build-dir)" >&2; exit 1; }
done

echo "flint-proxy-bench on $(nproc) cores, $(date -Iseconds), load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The tool bounds every socket operation (30 s) and stops its server; this bounds the whole run.
timeout --kill-after=10 900 "$BENCH" --server "$SERVER" "${ARGS[@]}"
