#!/usr/bin/env bash
# Builds what is missing and runs flint-server on its embedded defaults: SQLite and a
# self-signed certificate in ~/.local/share/flint-server, listening on localhost:5222.
# On the first start it creates the account admin@localhost and prints its password.
# Extra arguments go to flint-server (e.g. --config /etc/flint/flint-server.ini).
source "$(dirname "$0")/common.sh"
flint_build
exec "$FLINT_BUILD/server/flint-server" "$@"
