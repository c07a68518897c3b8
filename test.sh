#!/usr/bin/env bash
# Sets up everything that is missing, then runs every test: unit and property tests, the
# integration tests against SQLite and PostgreSQL, and the browser tests in Chromium with axe.
set -euo pipefail
cd "$(dirname "$0")"
./.ci/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "== PostgreSQL"
TEST_POSTGRES_URL="$(./.ci/postgres.sh)"
export TEST_POSTGRES_URL

echo "== unit, property and integration tests"
# A clean build gains nothing from incremental artefacts; they only fill the disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
cargo test --workspace --locked

echo "== browser tests"
E2E_DIR="$PWD/target/e2e"
rm -rf "$E2E_DIR" && mkdir -p "$E2E_DIR"
export DATABASE_URL="sqlite://$E2E_DIR/e2e.db?mode=rwc"
export MAIL_DIR="$E2E_DIR/mail"
export MAIL_POLL_MS=200
export MEDBORGARBUDGET_DEMO=true
export MEDBORGARBUDGET_ADMIN_EMAIL=admin@exempelkommun.se
# The specs log in some sixty times from one client address within minutes; the limits
# themselves are tested over HTTP.
export MEDBORGARBUDGET_LOGIN_LIMIT=100
# A real OpenID provider with Swedish test identities, for the eID specs.
MEDBORGARBUDGET_EID_PROVIDERS="$(./.ci/eid_provider.sh "$E2E_DIR")"
export MEDBORGARBUDGET_EID_PROVIDERS
trap 'kill "$(cat "$E2E_DIR/eid-provider.pid")" 2>/dev/null || true' EXIT
cargo leptos end-to-end --release
