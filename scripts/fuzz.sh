#!/usr/bin/env bash
# Sends malformed requests to every server function and form route of a test server holding
# the demo municipality (server/tests/api/fuzz.rs): 10,000 by default, from a random seed
# (printed, to replay a failure). Prints how many were refused and accepted; fails on any
# server error, dropped connection, or refused request that changed the database.
#   scripts/fuzz.sh [requests] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-10000}"
seed="${2:-$RANDOM$RANDOM}"
echo "fuzz: $requests requests, seed $seed"
FUZZ_REQUESTS="$requests" FUZZ_SEED="$seed" CARGO_INCREMENTAL=0 \
  cargo test -p server --test api --locked -- --exact fuzz::malformed_requests_get_no_server_error_and_change_nothing_when_refused --nocapture
