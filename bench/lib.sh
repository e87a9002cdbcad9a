# shellcheck shell=bash
# Shell helpers the server benchmarks share (sourced by the bench/run-*-bench.sh scripts):
# building the tools, a temporary work directory with a throwaway certificate, logging, a free
# loopback port, waiting for a server's port, stopping the server in SERVER_PID, reading
# key=value fields of the load tools' result lines, and a process's RSS and CPU time, and the
# result table (a column per server in SERVERS, values from the associative array
# RESULT[server:key]). The caller sets BUILD_DIR, KEEP, DOMAIN, START_TIMEOUT and STOP_TIMEOUT
# (seconds) as it uses them.

# Builds the given targets in BUILD_DIR, configuring it first like the README's build (cached
# QXmpp, ccache) when it is new.
build_targets() { # target...
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        local qxmpp_prefix
        qxmpp_prefix=$("$FLINT_ROOT/scripts/bootstrap.sh") || return 1
        cmake -S "$FLINT_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DCMAKE_PREFIX_PATH="$qxmpp_prefix" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
            >/dev/null || return 1
    fi
    ninja -C "$BUILD_DIR" "$@" >/dev/null || {
        echo "build failed: ninja -C $BUILD_DIR $*" >&2
        return 1
    }
}

# WORK: a new temporary directory named after the benchmark, removed at exit (after the server
# is stopped) unless KEEP=1.
make_work_dir() { # name
    WORK=$(mktemp -d "/tmp/$1.XXXXXX")
    SERVER_PID=""
    trap remove_work_dir EXIT
    trap 'exit 130' INT TERM
}

remove_work_dir() {
    stop_server
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}

# WORK/cert.pem and WORK/key.pem: a throwaway RSA-2048 certificate for DOMAIN.
make_certificate() { # subjectAltName
    openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=$DOMAIN" \
        -addext "subjectAltName=$1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" \
        >/dev/null 2>&1 || { echo "openssl could not make a certificate" >&2; return 1; }
    chmod 644 "$WORK"/*.pem
}

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() { # port pid
    local deadline=$(( SECONDS + START_TIMEOUT ))
    while [ $SECONDS -lt $deadline ]; do
        kill -0 "$2" 2>/dev/null || return 1
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null
    local deadline=$(( SECONDS + STOP_TIMEOUT ))
    while kill -0 "$SERVER_PID" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
        sleep 0.2
    done
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

cpu_seconds() { # utime + stime of the process, in seconds
    local ticks
    ticks=$(getconf CLK_TCK)
    # Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk -v hz="$ticks" '{ printf "%.1f", ($12 + $13) / hz }'
}

field() { # line key
    sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"
}

table_header() {
    local header="| |" rule="|---|" server
    for server in $SERVERS; do
        header+=" $server |"
        rule+="---:|"
    done
    echo "$header"
    echo "$rule"
}

row() { # title key
    local line="| $1 |" server value
    for server in $SERVERS; do
        if [ -n "${RESULT[$server:failure]:-}" ]; then
            value="n/a"
        else
            value=${RESULT[$server:$2]:-n/a}
        fi
        line+=" $value |"
    done
    echo "$line"
}
