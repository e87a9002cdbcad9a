#!/usr/bin/env bash
# Builds what is missing and runs Flint on its embedded defaults: flint-server (SQLite and a
# self-signed certificate in ~/.local/share/flint-server, localhost:5222; the first start creates
# admin@localhost and prints its password) and, when a display is available, the desktop app
# `flint` connected to nothing yet: log in as "admin", server "localhost", and trust the
# certificate whose fingerprint the server printed. Closing the app (Quit) stops the server.
# Without a display only the server runs, in the foreground. Extra arguments go to flint-server.
source "$(dirname "$0")/common.sh"
flint_build
server=$FLINT_BUILD/server/flint-server
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: running only flint-server (the desktop app is $FLINT_BUILD/app/flint)." >&2
  exec "$server" "$@"
fi
"$server" "$@" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null' EXIT INT TERM
"$FLINT_BUILD/app/flint"
