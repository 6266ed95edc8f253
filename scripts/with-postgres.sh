#!/usr/bin/env bash
# Runs a command with MFGPLAN_TEST_POSTGRES pointing at a throwaway PostgreSQL
# server on loopback, started here and stopped afterwards. If the variable is
# already set, the command runs against that server instead. Without a
# PostgreSQL installation the command runs without it (the store tests then
# skip their PostgreSQL half and say so), except under CI, where it fails.
set -euo pipefail

if [[ -n "${MFGPLAN_TEST_POSTGRES:-}" ]]; then
  exec "$@"
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  if [[ -n "${CI:-}" ]]; then
    echo "with-postgres: no PostgreSQL server installed (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "with-postgres: PostgreSQL not installed; running without it" >&2
  exec "$@"
fi

dir=$(mktemp -d /tmp/mfgplan-pg.XXXXXX)
port=${MFGPLAN_PG_PORT:-55432}
run_pg() {
  # PostgreSQL refuses to run as root; run it as the postgres user then.
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres "$dir"
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}
cleanup() {
  run_pg "'$bindir/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

run_pg "'$bindir/initdb' -D '$dir/data' -A trust -U postgres --no-sync" >/dev/null
run_pg "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-k '$dir' -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
export MFGPLAN_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
