#!/usr/bin/env bash
# One throwaway MariaDB server for a whole ctest run (a ctest fixture):
#   mariadb-fixture.sh start DIR   installs a fresh data directory in DIR and starts mariadbd on
#                                  DIR/mysqld.sock and a free 127.0.0.1 port, with a test user
#   mariadb-fixture.sh stop DIR    stops it and removes DIR
# Tests find it through FLINT_TEST_MARIADB_DIR (tests/support/MariaDbInstance.cpp).
set -euo pipefail
command=$1
dir=$2

stop() {
  if [ -f "$dir/mysqld.pid" ]; then
    local pid
    pid=$(cat "$dir/mysqld.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

start() {
  stop
  mkdir -p "$dir/tmp"
  local user=root
  [ "$(id -u)" -eq 0 ] || user=$(id -un)
  mariadb-install-db --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --user="$user" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 ||
    { cat "$dir/install.log" >&2; exit 1; }
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local mariadbd
  mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
  local extra=()
  [ "$(id -u)" -ne 0 ] || extra=(--user=root)
  "$mariadbd" --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --socket="$dir/mysqld.sock" \
    --port="$port" --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" \
    --log-error="$dir/error.log" --innodb-buffer-pool-size=128M --innodb-log-file-size=32M \
    --innodb-flush-log-at-trx-commit=2 "${extra[@]}" >/dev/null 2>&1 &
  for _ in $(seq 300); do
    mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.1
  done
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<SQL || { tail -20 "$dir/error.log" >&2; exit 1; }
CREATE USER 'flint_test'@'localhost' IDENTIFIED BY '$password';
CREATE USER 'flint_test'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'flint_test'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'flint_test'@'127.0.0.1' WITH GRANT OPTION;
SQL
  printf '%s\n' "$port" >"$dir/port"
  printf '%s\n' "$password" >"$dir/password"
}

case $command in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
