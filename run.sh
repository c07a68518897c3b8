#!/usr/bin/env bash
# Sets up everything that is missing, then builds and serves medborgarbudget on
# http://127.0.0.1:3000 with an embedded SQLite database (./data), the demo municipality, and
# mail written to ./data/mail (readable at /dev/mail).
set -euo pipefail
cd "$(dirname "$0")"
./.ci/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export MEDBORGARBUDGET_DEMO="${MEDBORGARBUDGET_DEMO:-true}"
exec cargo leptos serve --release
