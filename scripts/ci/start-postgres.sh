#!/usr/bin/env bash
# Start a local PostgreSQL for raqib's store tests and print the URL to use.
#
#   eval "$(scripts/ci/start-postgres.sh)"    # sets RAQIB_TEST_PG_URL
#   cargo test -p raqib-store
#
# Idempotent: installs Debian's `postgresql` only when no server binary is found, reuses a
# running cluster, and creates the role and database only when they are missing. Listens on
# 127.0.0.1 only. Everything it says goes to standard error except the final `export` line.
set -euo pipefail

PORT="${RAQIB_PG_PORT:-5432}"
DB="${RAQIB_PG_DB:-raqib_test}"
ROLE="${RAQIB_PG_USER:-raqib}"
PASS="${RAQIB_PG_PASSWORD:-raqib}"

log() { echo "start-postgres: $*" >&2; }

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/postgres" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! BINDIR="$(find_bindir)"; then
  log "installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BINDIR="$(find_bindir)"
fi
VERSION="$(basename "$(dirname "$BINDIR")")"
log "server $VERSION in $BINDIR"

ready() { "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; }

if ! ready; then
  started=0
  # Preferred: the Debian cluster, started with the distribution's wrapper.
  if command -v pg_ctlcluster >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | awk '{print $1, $2, $3}' | grep -q "^$VERSION main $PORT\$"; then
    log "starting cluster $VERSION/main"
    if pg_ctlcluster "$VERSION" main start >&2; then started=1; fi
  fi
  # Fallback: a private cluster owned by the postgres user in a fixed directory.
  if [ "$started" = 0 ]; then
    DATA="${RAQIB_PG_DATA:-/var/tmp/raqib-pg-$PORT}"
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    if [ ! -s "$DATA/PG_VERSION" ]; then
      log "initdb into $DATA"
      mkdir -p "$DATA"; chown postgres "$DATA"; chmod 700 "$DATA"
      su postgres -c "$BINDIR/initdb -D '$DATA' -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8" >&2 \
        || su postgres -c "$BINDIR/initdb -D '$DATA' -A trust -U postgres --encoding=UTF8 --no-locale" >&2
    fi
    mkdir -p /var/run/postgresql && chown postgres /var/run/postgresql
    log "pg_ctl start on 127.0.0.1:$PORT"
    su postgres -c "$BINDIR/pg_ctl -D '$DATA' -l '$DATA/server.log' -w -o \"-p $PORT -c listen_addresses=127.0.0.1 -k /var/run/postgresql\" start" >&2
  fi
  for _ in $(seq 1 60); do ready && break; sleep 0.5; done
  ready || { log "server did not come up on 127.0.0.1:$PORT"; exit 1; }
fi

psql_admin() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p $PORT -d postgres $*" >&2; }

if ! su postgres -c "psql -X -tA -h /var/run/postgresql -p $PORT -d postgres -c \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\"" | grep -q 1; then
  log "creating role $ROLE"
  psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASS' CREATEDB\""
fi
if ! su postgres -c "psql -X -tA -h /var/run/postgresql -p $PORT -d postgres -c \"SELECT 1 FROM pg_database WHERE datname='$DB'\"" | grep -q 1; then
  log "creating database $DB"
  psql_admin "-c \"CREATE DATABASE $DB OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0\""
fi

URL="postgres://$ROLE:$PASS@127.0.0.1:$PORT/$DB"
# Check the URL works with a password over TCP (pg_hba of the Debian cluster asks md5/scram
# for 127.0.0.1, which the password satisfies).
PGPASSWORD="$PASS" "$BINDIR/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -c 'SELECT 1' >/dev/null \
  || { log "cannot connect as $ROLE to $DB on 127.0.0.1:$PORT"; exit 1; }
log "ready: $URL"
echo "export RAQIB_TEST_PG_URL=$URL"
