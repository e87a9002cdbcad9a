#!/usr/bin/env bash
# HTTP file upload (XEP-0363, issue 5): files PUT and then GET through flint-server's upload
# service beside Prosody's mod_http_file_share in the same run, with the server's CPU time and
# peak RSS during each phase. Each server gets a private configuration in a temporary directory
# on 127.0.0.1; prints a Markdown table.
#
#   bench/run-upload-bench.sh [--quick] [--build-dir DIR] [--no-build] [--servers "flint prosody"]
#                             [--flint-server PATH] [--keep]
#
# --flint-server measures another flint-server binary (e.g. one built from an older commit).
# One account per server, created by in-band registration (flint-load register); the workload is
# flint-upload-bench (bench/upload/UploadBench.cpp): a slot per file, the PUTs and then the GETs
# four at a time, every download checked against its SHA-256.

# The start_* functions are called indirectly ("start_$name").
# shellcheck disable=SC2317

set -uo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../scripts/common.sh
source "$SCRIPT_DIR/../scripts/common.sh"
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"
set +e
BUILD_DIR="$FLINT_ROOT/build-bench"
SERVERS="flint prosody"
BUILD=1
QUICK=0
KEEP=0
FLINT_SERVER=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1; shift ;;
        --build-dir) BUILD_DIR=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --servers) SERVERS=$2; shift 2 ;;
        --flint-server) FLINT_SERVER=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

if [ "$QUICK" = 1 ]; then
    MIB=16; FILES=4
else
    MIB=100; FILES=8
fi
CONCURRENCY=4
DOMAIN=bench.test
USER_NAME=uploader
PASSWORD=bench-password-1
PHASE_TIMEOUT=600     # seconds the upload workload may take
START_TIMEOUT=60      # seconds a server may take to open its port
STOP_TIMEOUT=20       # seconds a server may take to exit after SIGTERM

if [ "$BUILD" = 1 ]; then
    build_targets flint-server flint-load flint-upload-bench || exit 1
fi
LOAD="$BUILD_DIR/bench/flint-load"
UPLOAD_BENCH="$BUILD_DIR/bench/flint-upload-bench"
FLINT_SERVER=${FLINT_SERVER:-$BUILD_DIR/server/flint-server}
for tool in "$LOAD" "$UPLOAD_BENCH" openssl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool (build it, or pass --build-dir)" >&2; exit 1; }
done

make_work_dir flint-upload-bench

make_certificate "DNS:$DOMAIN,DNS:upload.$DOMAIN,IP:127.0.0.1" || exit 1

start_flint() { # dir port https-port
    [ -x "$FLINT_SERVER" ] || { echo "flint-server not built: $FLINT_SERVER"; return 1; }
    mkdir -p "$1/data"
    cat >"$1/flint-server.ini" <<EOF
[server]
domain = "$DOMAIN"
listen = "127.0.0.1:$2"
data_dir = "$1/data"
log_level = "warning"

[tls]
certificate = "$WORK/cert.pem"
private_key = "$WORK/key.pem"

[registration]
policy = "open"

[upload]
port = "$3"
public_host = "127.0.0.1"
max_file_size = "$(( MIB * 1024 * 1024 ))"
quota_per_user = "$(( 2 * FILES * MIB * 1024 * 1024 ))"
EOF
    # The full file is measured, not a nearly full disk; an older flint-server without
    # min_free_space gets the file without it.
    sed -i 's/^\[upload\]$/[upload]\nmin_free_space = "0"/' "$1/flint-server.ini"
    "$FLINT_SERVER" --config "$1/flint-server.ini" --check-config >/dev/null 2>&1 ||
        sed -i '/^min_free_space/d' "$1/flint-server.ini"
    "$FLINT_SERVER" --config "$1/flint-server.ini" >"$1/server.log" 2>&1 &
    SERVER_PID=$!
}

start_prosody() { # dir port https-port
    command -v prosody >/dev/null || { echo "prosody is not installed"; return 1; }
    mkdir -p "$1/data"
    cat >"$1/prosody.cfg.lua" <<EOF
-- Private benchmark instance: no s2s, HTTPS only for the upload component.
pidfile = "$1/prosody.pid"
data_path = "$1/data"
run_as_root = true
daemonize = false
log = { warn = "$1/prosody.log", error = "$1/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { $2 }
c2s_interfaces = { "127.0.0.1" }
component_ports = {}
http_ports = {}
https_ports = { $3 }
https_interfaces = { "127.0.0.1" }
https_ssl = { certificate = "$WORK/cert.pem", key = "$WORK/key.pem" }
http_external_url = "https://127.0.0.1:$3/"
-- Above 10 MiB by default; mod_http_file_share streams bodies larger than the buffer to disk.
http_max_content_size = $(( MIB * 1024 * 1024 + 1024 * 1024 ))
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "register" }
modules_disabled = { "s2s", "offline" }
authentication = "internal_hashed"
storage = "internal"
c2s_require_encryption = true
allow_registration = true
min_seconds_between_registrations = 0
registration_whitelist = { "127.0.0.1" }
ssl = { certificate = "$WORK/cert.pem", key = "$WORK/key.pem" }
VirtualHost "$DOMAIN"
Component "upload.$DOMAIN" "http_file_share"
    http_host = "127.0.0.1"
    http_file_share_size_limit = $(( MIB * 1024 * 1024 ))
    http_file_share_daily_quota = $(( 2 * FILES * MIB * 1024 * 1024 ))
EOF
    prosody --config "$1/prosody.cfg.lua" -F >"$1/server.log" 2>&1 &
    SERVER_PID=$!
}

declare -A RESULT

bench_server() { # name
    local name=$1 dir="$WORK/$1" port https line reason
    mkdir -p "$dir"
    port=$(free_port)
    https=$(free_port)
    log "$name: starting on 127.0.0.1:$port, HTTPS on $https"
    SERVER_PID=""
    if ! "start_$name" "$dir" "$port" "$https" >"$dir/start.reason" || [ -z "$SERVER_PID" ]; then
        reason=$(cat "$dir/start.reason")
        RESULT[$name:failure]="${reason:-could not be started}"
        return
    fi
    if ! wait_for_port "$port" "$SERVER_PID" || ! wait_for_port "$https" "$SERVER_PID"; then
        RESULT[$name:failure]="did not open its ports within ${START_TIMEOUT}s: $(tail -c 300 "$dir/server.log" | tr '\n' ' ')"
        stop_server
        return
    fi
    RESULT[$name:process]=$(cat "/proc/$SERVER_PID/comm")
    line=$(timeout 120 "$LOAD" register --port "$port" --domain "$DOMAIN" --prefix "$USER_NAME" \
        --password "$PASSWORD" --count 1 --concurrency 1 --timeout 60 | grep '^result')
    if [ "$(field "$line" created)" != 1 ]; then
        RESULT[$name:failure]="registration failed: $line"
        stop_server
        return
    fi
    log "$name: $FILES files of $MIB MiB, $CONCURRENCY at a time"
    timeout $(( PHASE_TIMEOUT + 30 )) "$UPLOAD_BENCH" --port "$port" --domain "$DOMAIN" \
        --user "${USER_NAME}0" --password "$PASSWORD" --server-pid "$SERVER_PID" \
        --mib "$MIB" --files "$FILES" --concurrency "$CONCURRENCY" >"$dir/upload.out" 2>"$dir/upload.err"
    local status=$?
    while read -r line; do
        log "$name: $line"
        local phase
        phase=$(field "$line" phase)
        RESULT[$name:$phase:rate]="$(field "$line" mib_per_s) ($(field "$line" files))"
        RESULT[$name:$phase:seconds]=$(field "$line" seconds)
        RESULT[$name:$phase:cpu]=$(field "$line" server_cpu)
        RESULT[$name:$phase:rss]="$(field "$line" rss_before_mib) → $(field "$line" peak_rss_mib)"
    done < <(grep '^result' "$dir/upload.out")
    if [ "$status" != 0 ]; then
        RESULT[$name:note]="flint-upload-bench exited with $status: $(grep -v '^result' "$dir/upload.out" | head -c 300 | tr '\n' ' ') $(head -c 300 "$dir/upload.err" | tr '\n' ' ')"
    fi
    stop_server
}

for server in $SERVERS; do
    bench_server "$server"
done

echo
echo "flint-upload-bench: $FILES files of $MIB MiB, $CONCURRENCY at a time, PUT then GET over HTTPS on loopback; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -Iseconds)"
echo
table_header
row "PUT: MiB/s (files stored)" put:rate
row "PUT: seconds" put:seconds
row "PUT: server CPU s" put:cpu
row "PUT: server RSS before → peak (MiB)" put:rss
row "GET: MiB/s (files intact)" get:rate
row "GET: seconds" get:seconds
row "GET: server CPU s" get:cpu
row "GET: server RSS before → peak (MiB)" get:rss
row "Measured process" process
for server in $SERVERS; do
    [ -n "${RESULT[$server:failure]:-}" ] && echo "- $server: n/a, ${RESULT[$server:failure]}"
    [ -n "${RESULT[$server:note]:-}" ] && echo "- $server: ${RESULT[$server:note]}"
done
exit 0
