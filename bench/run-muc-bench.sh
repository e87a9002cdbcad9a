#!/usr/bin/env bash
# Room fan-out (issue 5): messages per second into one XEP-0045 room with 200 occupants and the
# latency of every delivery, flint-server's MUC beside Prosody's in the same run. Each server gets
# a private configuration in a temporary directory on 127.0.0.1; prints a Markdown table.
#
#   bench/run-muc-bench.sh [--quick] [--build-dir DIR] [--no-build] [--servers "flint prosody"]
#                          [--rates "20,40,100"] [--window 5] [--keep]
#
# Accounts are created by in-band registration (flint-load register) on both servers; the
# workload is flint-muc-bench (light raw-TLS clients, see bench/muc/MucBench.cpp). Per-connection
# rate limits are off on both servers: flint's [limits] are raised far out of reach, Prosody runs
# without mod_limits.

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
RATES_ARG=""
WINDOW_ARG=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1; shift ;;
        --build-dir) BUILD_DIR=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --servers) SERVERS=$2; shift 2 ;;
        --rates) RATES_ARG=$2; shift 2 ;;
        --window) WINDOW_ARG=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

if [ "$QUICK" = 1 ]; then
    OCCUPANTS=50; SENDERS=5; RATES="20,100"; SECONDS_PER_RATE=3; MAX_MESSAGES=500; WINDOW=5
else
    OCCUPANTS=200; SENDERS=5; RATES="20,40,100"; SECONDS_PER_RATE=10; MAX_MESSAGES=2000; WINDOW=5
fi
RATES=${RATES_ARG:-$RATES}
WINDOW=${WINDOW_ARG:-$WINDOW}
DOMAIN=bench.test
ROOM="bench@conference.$DOMAIN"
PREFIX=muc
PASSWORD=bench-password-1
PHASE_TIMEOUT=300     # seconds registration or the room workload may take
START_TIMEOUT=60      # seconds a server may take to open its port
STOP_TIMEOUT=20       # seconds a server may take to exit after SIGTERM

if [ "$BUILD" = 1 ]; then
    build_targets flint-server flint-load flint-muc-bench || exit 1
fi
LOAD="$BUILD_DIR/bench/flint-load"
MUC_BENCH="$BUILD_DIR/bench/flint-muc-bench"
FLINT_SERVER="$BUILD_DIR/server/flint-server"
for tool in "$LOAD" "$MUC_BENCH" openssl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool (build it, or pass --build-dir)" >&2; exit 1; }
done

make_work_dir flint-muc-bench

make_certificate "DNS:$DOMAIN,DNS:conference.$DOMAIN" || exit 1

start_flint() { # dir port
    [ -x "$FLINT_SERVER" ] || { echo "flint-server not built in $BUILD_DIR"; return 1; }
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
per_ip_per_hour = "1000000"

[limits]
connections_per_ip = "1000000"
stanzas_per_second = "1000000"
stanza_burst = "1000000"

[muc]
enabled = "true"
max_occupants = "1000"
EOF
    "$FLINT_SERVER" --config "$1/flint-server.ini" >"$1/server.log" 2>&1 &
    SERVER_PID=$!
}

start_prosody() { # dir port
    command -v prosody >/dev/null || { echo "prosody is not installed"; return 1; }
    mkdir -p "$1/data"
    cat >"$1/prosody.cfg.lua" <<EOF
-- Private benchmark instance: no s2s, no HTTP, no rate limits (mod_limits is not loaded).
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
https_ports = {}
tcp_backlog = 1024
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "register" }
modules_disabled = { "s2s", "offline" }
authentication = "internal_hashed"
default_iteration_count = 4096
storage = "internal"
c2s_require_encryption = true
allow_registration = true
min_seconds_between_registrations = 0
registration_whitelist = { "127.0.0.1" }
ssl = { certificate = "$WORK/cert.pem", key = "$WORK/key.pem" }
VirtualHost "$DOMAIN"
Component "conference.$DOMAIN" "muc"
    restrict_room_creation = false
    max_history_messages = 20
EOF
    prosody --config "$1/prosody.cfg.lua" -F >"$1/server.log" 2>&1 &
    SERVER_PID=$!
}

# Results per server, keyed "server:row".
declare -A RESULT

record_run() { # server key line
    local name=$1 key=$2 line=$3
    RESULT[$name:$key:sent_rate]="$(field "$line" sent_rate)"
    RESULT[$name:$key:deliveries]="$(field "$line" delivery_rate) ($(field "$line" delivered)/$(field "$line" expected))"
    RESULT[$name:$key:latency]="$(field "$line" median_ms) / $(field "$line" p99_ms) / $(field "$line" max_ms)"
    RESULT[$name:$key:cpu]="$(field "$line" server_cpu) / $(field "$line" client_cpu)"
    RESULT[$name:$key:cpu_per_delivery]=$(awk -v cpu="$(field "$line" server_cpu)" \
        -v n="$(field "$line" delivered)" 'BEGIN { if (n > 0) printf "%.1f", cpu * 1e6 / n }')
}

bench_server() { # name
    local name=$1 dir="$WORK/$1" port line reason
    mkdir -p "$dir"
    port=$(free_port)
    log "$name: starting on 127.0.0.1:$port"
    SERVER_PID=""
    # Not in a command substitution: SERVER_PID must be set in this shell.
    if ! "start_$name" "$dir" "$port" >"$dir/start.reason" || [ -z "$SERVER_PID" ]; then
        reason=$(cat "$dir/start.reason")
        RESULT[$name:failure]="${reason:-could not be started}"
        return
    fi
    if ! wait_for_port "$port" "$SERVER_PID"; then
        RESULT[$name:failure]="did not open its port within ${START_TIMEOUT}s: $(tail -c 300 "$dir/server.log" | tr '\n' ' ')"
        stop_server
        return
    fi
    RESULT[$name:process]=$(cat "/proc/$SERVER_PID/comm")

    log "$name: registering $OCCUPANTS accounts"
    line=$(timeout $(( PHASE_TIMEOUT + 30 )) "$LOAD" register --port "$port" --domain "$DOMAIN" \
        --prefix "$PREFIX" --password "$PASSWORD" --count "$OCCUPANTS" --concurrency 20 \
        --timeout "$PHASE_TIMEOUT" | grep '^result')
    log "$name: $line"
    if [ "$(field "$line" created)" != "$OCCUPANTS" ]; then
        RESULT[$name:failure]="registration incomplete: $line"
        stop_server
        return
    fi

    log "$name: $OCCUPANTS occupants, $SENDERS senders, rates $RATES/s for ${SECONDS_PER_RATE}s, then $MAX_MESSAGES at window $WINDOW"
    timeout $(( PHASE_TIMEOUT + 30 )) "$MUC_BENCH" --port "$port" --domain "$DOMAIN" \
        --room "$ROOM" --prefix "$PREFIX" --password "$PASSWORD" --occupants "$OCCUPANTS" \
        --senders "$SENDERS" --rates "$RATES" --seconds "$SECONDS_PER_RATE" \
        --max-messages "$MAX_MESSAGES" --window "$WINDOW" --server-pid "$SERVER_PID" \
        >"$dir/muc.out" 2>"$dir/muc.err"
    local status=$?
    while read -r line; do
        log "$name: $line"
        case "$(field "$line" run)" in
            join) RESULT[$name:join]="$(field "$line" seconds) ($(field "$line" failed) failed)" ;;
            paced-*) record_run "$name" "$(field "$line" run)" "$line" ;;
            max-*) record_run "$name" max "$line" ;;
        esac
    done < <(grep '^result' "$dir/muc.out")
    if [ "$status" != 0 ]; then
        RESULT[$name:note]="flint-muc-bench exited with $status: $(head -c 400 "$dir/muc.err" | tr '\n' ' ')"
    fi
    stop_server
}

for server in $SERVERS; do
    bench_server "$server"
done

echo
echo "flint-muc-bench: $OCCUPANTS occupants in one room, $SENDERS senders; paced runs at $RATES messages/s for ${SECONDS_PER_RATE}s each, then $MAX_MESSAGES messages with $WINDOW unanswered per sender; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -Iseconds)"
echo
table_header
row "Log in and join $OCCUPANTS occupants (s)" join
IFS=',' read -r -a rates <<<"$RATES"
for rate in "${rates[@]}"; do
    row "Offered $rate msg/s: deliveries/s (delivered/expected)" "paced-$rate:deliveries"
    row "Offered $rate msg/s: latency median / p99 / max (ms)" "paced-$rate:latency"
    row "Offered $rate msg/s: server / client CPU s" "paced-$rate:cpu"
done
row "Max rate: messages/s into the room" max:sent_rate
row "Max rate: deliveries/s (delivered/expected)" max:deliveries
row "Max rate: latency median / p99 / max (ms)" max:latency
row "Max rate: server / client CPU s" max:cpu
row "Max rate: server CPU µs per delivery" max:cpu_per_delivery
row "Measured process" process
for server in $SERVERS; do
    [ -n "${RESULT[$server:failure]:-}" ] && echo "- $server: n/a, ${RESULT[$server:failure]}"
    [ -n "${RESULT[$server:note]:-}" ] && echo "- $server: ${RESULT[$server:note]}"
done
exit 0
