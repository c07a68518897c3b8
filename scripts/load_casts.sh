#!/usr/bin/env bash
# Load test of casting: N voters cast approval ballots through the no-JS form post, C at a time,
# into the demo round "tryggare-parker-2026" (voting), receipt mail queued with each cast; then
# the ballot box is checked against the acknowledged casts (lost must be 0).
#
#   scripts/load_casts.sh [voters] [connections] [sqlite|postgres] [kills]
#
# With kills > 0 the server is killed with SIGKILL that many times during the load (every
# KILL_EVERY seconds, default 1.5) and restarted; the client retries casts that got no answer.
# PostgreSQL: a server on 127.0.0.1 with the test role (./.ci/postgres.sh); a database is
# created and dropped; PG_OPTIONS is appended to its URL (PG_OPTIONS='?sslmode=disable': no TLS
# to the database on the same host). MAIL_POLL_MS=600000 keeps the mail worker from sending
# during the load (the receipts stay queued). Prints casts/s, p50/p99/max and the server's peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
VOTERS="${1:-20000}"
CONNECTIONS="${2:-32}"
BACKEND="${3:-sqlite}"
KILLS="${4:-0}"
KILL_EVERY="${KILL_EVERY:-1.5}"
ROUND=tryggare-parker-2026
WORK="$(mktemp -d)"
PORT=3098
PG=postgres://medborgarbudget_test:medborgarbudget_test@127.0.0.1:5432
case "$BACKEND" in
  sqlite) export DATABASE_URL="sqlite://$WORK/load.db?mode=rwc" ;;
  postgres)
    DB="load_$$"
    PGPASSWORD=medborgarbudget_test psql -q -h 127.0.0.1 -U medborgarbudget_test -d postgres -c "create database $DB"
    export DATABASE_URL="$PG/$DB${PG_OPTIONS:-}" ;;
  *) echo "backend: sqlite or postgres" >&2; exit 2 ;;
esac
export MEDBORGARBUDGET_SECRET="load-test-secret-that-is-long-enough-0123456789" \
  MEDBORGARBUDGET_DEMO=true MAIL_DIR="$WORK/mail" MEDBORGARBUDGET_LISTEN="127.0.0.1:$PORT" \
  LEPTOS_OUTPUT_NAME=medborgarbudget LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn
SERVER=""
cleanup() {
  pkill -9 -f "medborgarbudget serve" 2>/dev/null || true
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null || true
  if [ "$BACKEND" = postgres ]; then
    sleep 0.5
    PGPASSWORD=medborgarbudget_test psql -q -h 127.0.0.1 -U medborgarbudget_test -d postgres -c "drop database if exists $DB with (force)"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cargo build --release -q -p server --bin medborgarbudget --example cast_load
CLIENT=target/release/examples/cast_load
target/release/medborgarbudget demo >/dev/null
$CLIENT prepare --round "$ROUND" --voters "$VOTERS" --sessions "$WORK/sessions"

start_server() {
  target/release/medborgarbudget serve >> "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.05; done
  echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}
start_server
# Peak resident memory of the (current) server, sampled every 100 ms.
( peak=0; while sleep 0.1; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$(pgrep -n -f 'medborgarbudget serve')/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss && echo "$peak" > "$WORK/peak_rss"
  done ) & SAMPLER=$!

if [ "$KILLS" -gt 0 ]; then
  ( for _ in $(seq "$KILLS"); do
      sleep "$KILL_EVERY"
      pkill -9 -f "medborgarbudget serve" || true
      sleep 0.2
      target/release/medborgarbudget serve >> "$WORK/server.log" 2>&1 &
    done ) & KILLER=$!
fi
$CLIENT cast --base "http://127.0.0.1:$PORT" --round "$ROUND" --connections "$CONNECTIONS" \
  --sessions "$WORK/sessions" --acked "$WORK/acked"
[ "$KILLS" -gt 0 ] && wait "$KILLER"
pkill -f "medborgarbudget serve" || true
echo "server peak RSS: $(( $(cat "$WORK/peak_rss" 2>/dev/null || echo 0) / 1024 )) MB"
[ "$KILLS" -gt 0 ] && echo "server killed with SIGKILL $KILLS times"
sleep 0.5
$CLIENT check --round "$ROUND" --acked "$WORK/acked"
if grep -qi "panicked" "$WORK/server.log"; then echo "the server log has a panic" >&2; exit 1; fi
