#!/usr/bin/env bash
# Pictures every screen of the desktop app into docs/screenshots/<language>/<scale>x/: builds,
# starts a private flint-server on loopback (domain example.com), fills it with demo colleagues
# (scripts/demo-data.py), then runs flint-screenshot-tour — the real app, driven like a user —
# under its own Xvfb for each language and scale. Nothing outlives the script.
#
#   scripts/screenshots.sh [--languages "en zh_CN"] [--scales "1 2"] [--no-build] [--keep]
#
# --keep leaves the temporary directory (logs, and the pictures of a failed run) in place.
# Re-running is cheap: the build is incremental and every run starts from the same server data
# (a snapshot taken after the demo data was loaded), so the pictures come out the same.
source "$(dirname "$0")/common.sh"

languages="en zh_CN"
scales="1 2"
build=1
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --languages) languages=$2; shift 2 ;;
    --scales) scales=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--languages \"en zh_CN\"] [--scales \"1 2\"] [--no-build] [--keep]" >&2
       exit 2 ;;
  esac
done

DOMAIN=example.com
ME=me
ME_PASSWORD="flint demo password"
ADMIN_PASSWORD="flint admin password"
COLLEAGUE_PASSWORD="flint demo colleague"
# The colleague whose conversation the pictures show; the tour also logs in as them (a second
# device) to acknowledge the user's answer and to type.
COLLEAGUE=anna.schmidt
OUT=$FLINT_ROOT/docs/screenshots
PYTHON=/usr/bin/python3

log() { printf '[screenshots] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Waits up to $1 seconds for the command after it to succeed.
wait_until() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# Chinese needs a CJK font (Debian's minimal installs have none) and Qt's own translations
# (standard buttons, text field menus).
ensure_chinese_support() {
  local missing=()
  [ -n "$(fc-list :lang=zh family)" ] || missing+=(fonts-noto-cjk)
  dpkg-query -W -f='${Status}' qt6-translations-l10n 2>/dev/null | grep -q 'install ok installed' ||
    missing+=(qt6-translations-l10n)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null || die "could not install ${missing[*]}"
  fc-cache -f >/dev/null 2>&1 || true
}

work=$(mktemp -d /tmp/flint-screenshots.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$keep" = 1 ]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a background process (its output to $1) and remembers it for cleanup; sets $started.
start_bg() {
  local logfile=$1; shift
  "$@" >"$logfile" 2>&1 &
  started=$!
  pids+=("$started")
}

# Whether a process has exited (a child that is not reaped yet is a zombie).
exited() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 0
  [[ $state == Z* ]]
}

# SIGTERM, then waits (bounded) and forgets the process.
stop_bg() {
  local pid=$1 remaining=() p
  kill "$pid" 2>/dev/null || true
  wait_until 20 exited "$pid" || kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || remaining+=("$p"); done
  pids=("${remaining[@]}")
}

free_port() {
  "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

[[ " $languages " == *" zh_CN "* ]] && ensure_chinese_support
for tool in Xvfb openssl fc-list; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/bootstrap.sh installs it)"
done
started_at=$SECONDS
if [ "$build" = 1 ]; then
  log "building"
  flint_build
fi
server_bin=$FLINT_BUILD/server/flint-server
tour_bin=$FLINT_BUILD/scripts/screenshot-tour/flint-screenshot-tour
[ -x "$server_bin" ] && [ -x "$tour_bin" ] || die "missing $server_bin or $tour_bin (build first)"
demo=$FLINT_ROOT/scripts/demo-data.py
[ -f "$demo" ] || die "missing $demo"

# The server: loopback only, on the standard port when it is free (the login screen's Advanced
# section shows it), everything under $work.
port=5222
if ! "$PYTHON" -c 'import socket; socket.socket().bind(("127.0.0.1", 5222))' 2>/dev/null; then
  port=$(free_port)
fi
config=$work/flint-server.ini
cat >"$config" <<EOF
[server]
domain = "$DOMAIN"
listen = "127.0.0.1:$port"
data_dir = "$work/server"
admins = "admin"
log_level = "info"

[registration]
policy = "open"
per_ip_per_hour = "1000"

[limits]
connections_per_ip = "1000"
EOF

server_log=$work/server.log
start_server() {
  start_bg "$server_log" "$server_bin" --config "$config"
  server_pid=$started
  wait_until 30 grep -q "flint.server: serving" "$server_log" ||
    die "flint-server did not start: $(tail -n 20 "$server_log")"
}
cli() { "$server_bin" --config "$config" "$@"; }

log "starting flint-server for $DOMAIN on 127.0.0.1:$port"
start_server
printf '%s\n' "$ADMIN_PASSWORD" | cli user passwd admin >>"$work/cli.log" 2>&1 &&
  printf '%s\n' "$ME_PASSWORD" | cli user add "$ME" >>"$work/cli.log" 2>&1 ||
  die "flint-server user commands failed: $(tail -n 20 "$work/cli.log")"
log "loading demo data"
demo_args=(--host 127.0.0.1 --port "$port" --domain "$DOMAIN" --server-config "$config"
  --server "$server_bin" --me "$ME" --me-password "$ME_PASSWORD" --password "$COLLEAGUE_PASSWORD")
"$PYTHON" "$demo" demo "${demo_args[@]}" >"$work/demo-data.log" 2>&1 ||
  die "demo-data.py failed: $(tail -n 20 "$work/demo-data.log")"
# Every run starts from this state: the offline messages and the pending subscription request
# are handed out again at each login.
stop_bg "$server_pid"
cp -a "$work/server" "$work/server-snapshot"

fingerprint=$(openssl x509 -in "$work/server/certificate.pem" -noout -fingerprint -sha256 |
  sed 's/^.*=//' | tr 'a-f' 'A-F')
[ -n "$fingerprint" ] || die "no certificate fingerprint"

# An app profile as the login screen leaves it: username and server remembered, the server's
# certificate already trusted for the account, no automatic login, a downloads folder that does
# not name this machine's user; everything else at its default.
make_profile() {
  local dir=$1 language=$2
  mkdir -p "$dir"
  printf '%s@%s %s\n' "$ME" "$DOMAIN" "$fingerprint" >"$dir/pinned-certificates"
  cat >"$dir/flint.ini" <<EOF
[appearance]
language=$language

[login]
username=$ME
server=$DOMAIN
host=127.0.0.1
port=$port
rememberPassword=false
autoLogin=false

[files]
downloads=/home/alex/Downloads
EOF
}

run_tour() {
  local language=$1 scale=$2 out=$OUT/$language/${scale}x run=$work/run-$language-$scale
  local width=1920 height=1200
  if [ "$scale" = 2 ]; then width=3840; height=2400; fi
  mkdir -p "$run"
  rm -rf "$work/server" && cp -a "$work/server-snapshot" "$work/server"
  start_server
  start_bg "$run/demo-stay.log" "$PYTHON" "$demo" demo "${demo_args[@]}" --stay
  local stay_pid=$started
  wait_until 60 grep -qs '^READY' "$run/demo-stay.log" ||
    die "demo-data.py --stay did not get ready: $(tail -n 20 "$run/demo-stay.log")"
  make_profile "$run/profile" "$language"
  mkdir -p -m 0700 "$run/runtime"

  # Xvfb picks a free display itself and writes its number to fd 3.
  start_bg "$run/xvfb.log" Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -nolisten tcp \
    -dpi 96 3>"$run/display"
  local xvfb_pid=$started
  wait_until 15 test -s "$run/display" || die "Xvfb did not start: $(cat "$run/xvfb.log")"
  local display=:$(head -n 1 "$run/display")

  log "tour: $language at ${scale}x on $display"
  # The language's locale (Qt reads LANG itself, even where glibc lacks the locale) makes the
  # font fallback pick the Simplified Chinese glyphs.
  local status=0 locale=(LANG=C.UTF-8)
  [ "$language" = zh_CN ] && locale=(LANG=zh_CN.UTF-8 FC_LANG=zh-cn)
  env -u LC_ALL -u LC_MESSAGES -u LANGUAGE "${locale[@]}" DISPLAY="$display" QT_QPA_PLATFORM=xcb \
    QT_SCALE_FACTOR="$scale" QT_ENABLE_HIGHDPI_SCALING=1 \
    XDG_CONFIG_HOME="$run/config" XDG_DATA_HOME="$run/data" XDG_CACHE_HOME="$run/cache" \
    XDG_RUNTIME_DIR="$run/runtime" \
    DBUS_SESSION_BUS_ADDRESS=disabled: \
    timeout 600 "$tour_bin" --profile "$run/profile" --password "$ME_PASSWORD" \
    --language "$language" --out "$run/pictures" --peer "$COLLEAGUE@$DOMAIN" \
    --peer-password "$COLLEAGUE_PASSWORD" >"$run/tour.log" 2>&1 || status=$?
  stop_bg "$xvfb_pid"
  stop_bg "$stay_pid"
  stop_bg "$server_pid"
  if [ "$status" != 0 ]; then
    grep '^screenshot-tour:' "$run/tour.log" >&2 || tail -n 30 "$run/tour.log" >&2
    log "the tour failed for $language at ${scale}x (exit $status); $out left as it was"
    failed+=("$language ${scale}x")
    return 0
  fi
  # Only a complete set replaces the pictures of an earlier run.
  rm -rf "$out" && mkdir -p "$(dirname "$out")" && mv "$run/pictures" "$out"
  grep '^screenshot-tour:' "$run/tour.log" >&2 || true
}

failed=()
for language in $languages; do
  for scale in $scales; do
    run_tour "$language" "$scale"
  done
done
log "done in $((SECONDS - started_at)) s: $(find "$OUT" -name '*.png' | wc -l) pictures in $OUT"
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]} (--keep keeps their logs and pictures)"
