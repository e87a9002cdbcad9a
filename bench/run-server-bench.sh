#!/usr/bin/env bash
# Runs the same flint-load workload against flint-server, Prosody and ejabberd, each with a
# private configuration in a temporary directory on 127.0.0.1, and prints a Markdown table.
#
#   bench/run-server-bench.sh [--quick] [--build-dir DIR] [--servers "flint prosody ejabberd"]
#                             [--keep]
#
# Accounts are created by in-band registration (XEP-0077) for every server, so all three get
# the same treatment; the registration rate is reported as an extra row.

# The start_* functions are called indirectly ("start_$name").
# shellcheck disable=SC2317

set -uo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"
BUILD_DIR="$SCRIPT_DIR/../build-bench"
SERVERS="flint prosody ejabberd"
QUICK=0
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1; shift ;;
        --build-dir) BUILD_DIR=$2; shift 2 ;;
        --servers) SERVERS=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

LOAD="$BUILD_DIR/bench/flint-load"
FLINT_SERVER="$BUILD_DIR/server/flint-server"
DOMAIN=bench.test
PREFIX=load
PASSWORD=bench-password-1

if [ "$QUICK" = 1 ]; then
    LOGINS=40; LOGIN_CONCURRENCY=10; PAIRS=20; MESSAGES=20; WINDOW=10
    SESSIONS=200; SESSION_CONCURRENCY=20; HOLD=5
else
    LOGINS=200; LOGIN_CONCURRENCY=20; PAIRS=200; MESSAGES=100; WINDOW=10
    SESSIONS=2000; SESSION_CONCURRENCY=50; HOLD=15
fi
ACCOUNTS=$(( SESSIONS > 2 * PAIRS ? SESSIONS : 2 * PAIRS ))
PHASE_TIMEOUT=600     # seconds any one flint-load phase may take
START_TIMEOUT=60      # seconds a server may take to open its port
STOP_TIMEOUT=20       # seconds a server may take to exit after SIGTERM

for tool in "$LOAD" openssl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool (build flint-load first)" >&2; exit 1; }
done
# 2,000 sessions need more than the usual 1,024 descriptors, in flint-load and in the servers.
ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

make_work_dir flint-server-bench

make_certificate "DNS:$DOMAIN" || exit 1
cat "$WORK/key.pem" "$WORK/cert.pem" >"$WORK/key-and-cert.pem"
chmod 644 "$WORK/key-and-cert.pem"

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
EOF
    "$FLINT_SERVER" --config "$1/flint-server.ini" >"$1/server.log" 2>&1 &
    SERVER_PID=$!
}

start_prosody() { # dir port
    command -v prosody >/dev/null || { echo "prosody is not installed"; return 1; }
    mkdir -p "$1/data"
    cat >"$1/prosody.cfg.lua" <<EOF
-- Private benchmark instance: no s2s, no HTTP, no rate limits.
pidfile = "$1/prosody.pid"
data_path = "$1/data"
run_as_root = true
daemonize = false
log = { warn = "$1/prosody.log", error = "$1/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { $2 }
c2s_interfaces = { "127.0.0.1" }
tcp_backlog = 1024
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "register", "offline" }
modules_disabled = { "s2s" }
authentication = "internal_hashed"
default_iteration_count = 4096
storage = "internal"
c2s_require_encryption = true
allow_registration = true
min_seconds_between_registrations = 0
registration_whitelist = { "127.0.0.1" }
ssl = { certificate = "$WORK/cert.pem", key = "$WORK/key.pem" }
VirtualHost "$DOMAIN"
EOF
    prosody --config "$1/prosody.cfg.lua" -F >"$1/server.log" 2>&1 &
    SERVER_PID=$!
}

start_ejabberd() { # dir port
    { command -v erl && ls -d /usr/lib/*/ejabberd-*; } >/dev/null 2>&1 \
        || { echo "ejabberd is not installed"; return 1; }
    mkdir -p "$1/spool"
    cat >"$1/ejabberd.yml" <<EOF
hosts:
  - $DOMAIN
loglevel: warning
certfiles:
  - "$WORK/key-and-cert.pem"
listen:
  -
    port: $2
    ip: "127.0.0.1"
    module: ejabberd_c2s
    backlog: 1024
    max_stanza_size: 262144
    shaper: none
    starttls_required: true
registration_timeout: infinity
auth_method: internal
auth_password_format: scram
auth_scram_hash: sha256
shaper_rules:
  c2s_shaper: none
  max_user_sessions: 100
  max_user_offline_messages: 5000
access_rules:
  register:
    allow: all
  local:
    allow: all
  c2s:
    allow: all
modules:
  mod_disco: {}
  mod_ping: {}
  mod_register:
    access: register
    ip_access: all
  mod_roster: {}
  mod_offline: {}
EOF
    # erl execs erlexec and then beam.smp, so \$! is the beam.smp process. No node name is
    # given: the instance runs without Erlang distribution, so it needs neither epmd nor a
    # cookie and cannot clash with another node.
    local releases=(/usr/lib/*/ejabberd-*)
    ERL_LIBS=$(dirname "${releases[0]}") \
        EJABBERD_CONFIG_PATH="$1/ejabberd.yml" EJABBERD_LOG_PATH="$1/ejabberd.log" \
        ERL_MAX_PORTS=32000 ERL_CRASH_DUMP="$1/erl_crash.dump" \
        erl -noinput +K true +P 250000 -mnesia dir "\"$1/spool\"" -s ejabberd \
        >"$1/server.log" 2>&1 &
    SERVER_PID=$!
}

# Results per server, keyed "server:row".
declare -A RESULT

load_phase() { # phase port extra-args...
    local phase=$1 port=$2
    shift 2
    timeout $(( PHASE_TIMEOUT + 30 )) "$LOAD" "$phase" --port "$port" --domain "$DOMAIN" \
        --prefix "$PREFIX" --password "$PASSWORD" --timeout "$PHASE_TIMEOUT" "$@"
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
    local pid=$SERVER_PID
    RESULT[$name:process]=$(cat "/proc/$pid/comm")
    sleep 1
    local rss_start
    rss_start=$(rss_kib "$pid")
    local cpu_start
    cpu_start=$(cpu_seconds "$pid")

    log "$name: registering $ACCOUNTS accounts"
    line=$(load_phase register "$port" --count "$ACCOUNTS" --concurrency 20 | grep '^result')
    log "$name: $line"
    RESULT[$name:register]="$(field "$line" rate)"
    if [ "$(field "$line" created)" != "$ACCOUNTS" ]; then
        RESULT[$name:failure]="registration incomplete: $line"
        stop_server
        return
    fi
    local cpu_measured
    cpu_measured=$(cpu_seconds "$pid")

    log "$name: $LOGINS logins, concurrency $LOGIN_CONCURRENCY"
    line=$(load_phase login "$port" --count "$LOGINS" --accounts "$ACCOUNTS" \
        --concurrency "$LOGIN_CONCURRENCY" | grep '^result')
    log "$name: $line"
    RESULT[$name:logins]="$(field "$line" rate) ($(field "$line" ok)/$LOGINS ok)"
    RESULT[$name:login_latency]="$(field "$line" median_ms) / $(field "$line" p99_ms)"
    RESULT[$name:mechanism]="$(field "$line" mechanism)"

    log "$name: $PAIRS pairs x $MESSAGES messages, window $WINDOW"
    line=$(load_phase messages "$port" --pairs "$PAIRS" --messages "$MESSAGES" \
        --window "$WINDOW" --concurrency "$SESSION_CONCURRENCY" | grep '^result')
    log "$name: $line"
    RESULT[$name:msgs]="$(field "$line" rate) ($(field "$line" delivered)/$(field "$line" expected))"
    RESULT[$name:msg_median]="$(field "$line" median_ms)"
    RESULT[$name:msg_p99]="$(field "$line" p99_ms)"

    sleep 3
    local rss_idle rss_held=0 sample
    rss_idle=$(rss_kib "$pid")
    log "$name: $SESSIONS idle sessions (RSS before: $rss_idle KiB)"
    : >"$dir/idle.out"
    load_phase idle "$port" --count "$SESSIONS" --concurrency "$SESSION_CONCURRENCY" \
        --hold "$HOLD" >"$dir/idle.out" &
    local load_pid=$!
    local deadline=$(( SECONDS + PHASE_TIMEOUT ))
    while ! grep -q 'phase=idle-ready' "$dir/idle.out" && kill -0 "$load_pid" 2>/dev/null \
        && [ $SECONDS -lt $deadline ]; do
        sleep 0.5
    done
    sleep 3 # let the server settle after the last login
    for _ in 1 2 3; do
        sample=$(rss_kib "$pid")
        [ "${sample:-0}" -gt "$rss_held" ] && rss_held=$sample
        sleep 1
    done
    wait "$load_pid"
    line=$(grep 'phase=idle-ready' "$dir/idle.out")
    log "$name: $line; $(grep 'phase=idle ' "$dir/idle.out"); RSS held: $rss_held KiB"
    local open
    open=$(field "$line" sessions)
    if [ "${open:-0}" -gt 0 ]; then
        RESULT[$name:per_session]=$(awk -v a="$rss_held" -v b="$rss_idle" -v n="$open" \
            'BEGIN { printf "%.1f", (a - b) / n }')
    fi
    RESULT[$name:sessions]="$open/$SESSIONS ($(field "$(grep 'phase=idle ' "$dir/idle.out")" alive) alive after ${HOLD}s)"
    RESULT[$name:rss]="$(( rss_start / 1024 )) / $(( rss_idle / 1024 )) / $(( rss_held / 1024 ))"

    local cpu_end
    cpu_end=$(cpu_seconds "$pid")
    RESULT[$name:cpu_total]=$(awk -v a="$cpu_end" -v b="$cpu_start" 'BEGIN { printf "%.1f", a - b }')
    RESULT[$name:cpu_measured]=$(awk -v a="$cpu_end" -v b="$cpu_measured" 'BEGIN { printf "%.1f", a - b }')
    stop_server
}

for server in $SERVERS; do
    bench_server "$server"
done

echo
echo "flint-load: $LOGINS logins (concurrency $LOGIN_CONCURRENCY), $PAIRS pairs x $MESSAGES messages (window $WINDOW), $SESSIONS idle sessions; $(nproc) cores; $(date -I)"
echo
table_header
row "Logins/s (SCRAM over TLS)" logins
row "Login latency median / p99 (ms)" login_latency
row "SASL mechanism used" mechanism
row "Messages/s ($PAIRS pairs)" msgs
row "Message latency median (ms)" msg_median
row "Message latency p99 (ms)" msg_p99
row "Idle sessions held" sessions
row "RSS per idle session (KiB)" per_session
row "RSS start / before / with sessions (MiB)" rss
row "Server CPU s, login+messages+idle" cpu_measured
row "Server CPU s, whole run incl. registration" cpu_total
row "In-band registrations/s" register
row "Measured process" process
for server in $SERVERS; do
    [ -n "${RESULT[$server:failure]:-}" ] && echo "- $server: n/a, ${RESULT[$server:failure]}"
done
exit 0
