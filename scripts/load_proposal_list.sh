#!/usr/bin/env bash
# Load test of the public proposal list with 1,500 proposals in one round: starts the release
# binary on a fresh SQLite database with the demo data, adds 1,500 submitted proposals (with
# supports) to the round "unga-i-centrum-2027", and measures with wrk (latency percentiles):
# the first page, a late page, an area filter and a text search.
#
#   cargo leptos build --release && scripts/load_proposal_list.sh [seconds] [connections]
#
# Needs `wrk` and Python 3 (apt install wrk). Prints wrk's latency distribution per URL.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
CONNECTIONS="${2:-8}"
WORK="$(mktemp -d)"
PORT=3099
export DATABASE_URL="sqlite://$WORK/load.db?mode=rwc" MEDBORGARBUDGET_DEMO=true MAIL_DIR="$WORK/mail" \
  LEPTOS_OUTPUT_NAME=medborgarbudget LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn
target/release/medborgarbudget migrate
target/release/medborgarbudget demo
python3 - "$WORK/load.db" <<'PY'
import sqlite3, sys, random, datetime
db = sqlite3.connect(sys.argv[1])
round_id, = db.execute("select id from round where slug = 'unga-i-centrum-2027'").fetchone()
areas = [r[0] for r in db.execute("select id from area")]
people = [r[0] for r in db.execute("select id from account")]
words = "park bänk lek ljus träd scen gym cykel bibliotek konst musik bad skate odling grill".split()
now = datetime.datetime.now(datetime.timezone.utc).isoformat()
random.seed(7)
for n in range(1500):
    title = f"{random.choice(words).capitalize()} och {random.choice(words)} nummer {n}"
    cur = db.execute(
        "insert into proposal (round_id, author_id, area_id, title, description, place, cost, status,"
        " submitted_at, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)",
        (round_id, random.choice(people), random.choice(areas), title,
         "Ett förslag som gör centrum bättre för unga. " * 8, "Centrum", random.randint(5, 400) * 1000,
         "submitted", now, now, now))
    for person in random.sample(people, random.randint(0, len(people))):
        db.execute("insert into proposal_support (proposal_id, account_id, created_at) values (?,?,?)",
                   (cur.lastrowid, person, now))
db.commit()
print("proposals in the round:", db.execute("select count(*) from proposal where round_id = ?", (round_id,)).fetchone()[0])
PY
target/release/medborgarbudget serve > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT/rounds/unga-i-centrum-2027/proposals"
for url in "$BASE" "$BASE?page=60" "$BASE?area=2" "$BASE?q=skate"; do
  echo "== $url"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept: text/html' "$url" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
done
