#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster if it is not running, and makes the test role
# (allowed to create databases). Prints the admin URL tests use to create their own database.
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
ROLE=medborgarbudget_test
PASSWORD=medborgarbudget_test

if ! pg_lsclusters -h 2>/dev/null | awk '$1=="15" && $2=="main"' | grep -q .; then
  $SUDO pg_createcluster 15 main >&2
fi
if ! pg_lsclusters -h | awk '$1=="15" && $2=="main" {print $4}' | grep -qx online; then
  $SUDO pg_ctlcluster 15 main start >&2
fi
for _ in $(seq 1 30); do
  as_postgres psql -qAtc 'select 1' >/dev/null 2>&1 && break
  sleep 1
done
if ! as_postgres psql -qAtc "select 1 from pg_roles where rolname='$ROLE'" | grep -q 1; then
  as_postgres psql -qc "create role $ROLE login createdb password '$PASSWORD'" >/dev/null
fi
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:5432/postgres"
