#!/usr/bin/env bash
# The whole test run behind `make test` (and CI): lint, the suite on SQLite, the suite again on a
# throw-away PostgreSQL 15 cluster started here, then the browser tests in Debian's Chromium.
# Needs the project installed (`make install assets`, which `make test` does first).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1
export GRONNKJOP_VAR_DIR="${GRONNKJOP_VAR_DIR:-$PWD/var/test}"
mkdir -p "$GRONNKJOP_VAR_DIR"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

echo "== lint (ruff) =="
$BIN/ruff check .
$BIN/ruff format --check .
$BIN/python scripts/translations.py check >/dev/null || { $BIN/python scripts/translations.py check; exit 1; }

echo "== tests on SQLite =="
$BIN/pytest -m "not browser" -q -p no:cacheprovider

echo "== tests on PostgreSQL =="
PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL server not found; installing postgresql-15 with apt-get"
  apt_install postgresql-15 || apt_install postgresql
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
PG_USER=$(id -un)
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: run it as the unprivileged `postgres` user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  PG_USER=postgres
fi
run_pg() { if [ "$PG_USER" = "$(id -un)" ]; then "$@"; else runuser -u "$PG_USER" -- "$@"; fi; }
PG_DIR=$(mktemp -d /tmp/gronnkjop-pg.XXXXXX)
chown "$PG_USER" "$PG_DIR"
chmod 700 "$PG_DIR"
PG_PORT=$($BIN/python -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
stop_pg() { run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap stop_pg EXIT
run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 start \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" >/dev/null
DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/gronnkjop" \
  $BIN/pytest -m "not browser" -q -p no:cacheprovider
stop_pg
trap - EXIT

echo "== browser tests (Chromium) =="
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium not found; installing Debian's chromium with apt-get"
  apt_install chromium
fi
GRONNKJOP_REQUIRE_BROWSER=1 $BIN/pytest -m browser -q -p no:cacheprovider
