//! Ballot secrecy against someone who reads the database (every table, with SQLite's rowid
//! and PostgreSQL's `xmin` and `ctid`) and the mail folder, but not the server's secret: a
//! few hundred people vote in a known order, half answer the voluntary questions, the vote
//! closes and is counted; then an attacker tries every pairing it can think of between what
//! people chose or answered and who they are. None may do better than guessing.
//!
//! And the close against the casts: every acknowledged ballot is counted, every later one is
//! refused.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement};

use app::api::participation::AnswerQuestions;
use app::api::voting::CastBallot;
use app::paths;
use app::ssr::entity::round_result;

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

/// How many people vote.
const VOTERS: usize = 240;
const AGES: [&str; 6] = ["16-19", "20-29", "30-44", "45-64", "65-79", "80+"];

/// A small deterministic generator, so a failure can be replayed.
struct Draw(u64);

impl Draw {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// One row as the attacker reads it: its table, the positions the database gives it, its
/// columns as JSON.
struct Row {
    table: String,
    /// `rowid` (SQLite), or `xmin` and the `ctid` as page * 2^16 + tuple (PostgreSQL).
    positions: BTreeMap<&'static str, i64>,
    json: serde_json::Value,
}

/// Every row of every table.
async fn dump(app: &TestApp) -> Vec<Row> {
    let backend = app.db.get_database_backend();
    let query = |sql: String| {
        let db = app.db.clone();
        async move {
            db.query_all_raw(Statement::from_string(backend, sql))
                .await
                .unwrap()
        }
    };
    let mut rows = Vec::new();
    for table in crate::fingerprint::tables(&app.db).await {
        let json = crate::fingerprint::row_json(&app.db, &table).await;
        let sql = match backend {
            DbBackend::Postgres => {
                format!("SELECT xmin::text, ctid::text, {json} FROM \"{table}\" AS t")
            }
            _ => format!("SELECT rowid, {json} FROM \"{table}\" AS t"),
        };
        for r in query(sql).await {
            let (positions, json) = match backend {
                DbBackend::Postgres => {
                    let xmin: String = r.try_get_by_index(0).unwrap();
                    let ctid: String = r.try_get_by_index(1).unwrap();
                    let (page, tuple) = ctid
                        .trim_matches(|c| c == '(' || c == ')')
                        .split_once(',')
                        .unwrap();
                    let ctid =
                        page.parse::<i64>().unwrap() * 65_536 + tuple.parse::<i64>().unwrap();
                    let positions =
                        BTreeMap::from([("xmin", xmin.parse().unwrap()), ("ctid", ctid)]);
                    (positions, r.try_get_by_index::<String>(2).unwrap())
                }
                _ => (
                    BTreeMap::from([("rowid", r.try_get_by_index::<i64>(0).unwrap())]),
                    r.try_get_by_index::<String>(1).unwrap(),
                ),
            };
            rows.push(Row {
                table: table.clone(),
                positions,
                json: serde_json::from_str(&json).unwrap(),
            });
        }
    }
    rows
}

/// A ballot as a sorted set of project ids.
type Choice = Vec<i64>;

/// What the attacker recognises as a ballot in a stored value: JSON holding an `Approval`
/// list (alone, or inside `{"channel":…,"ballot":…}`).
fn ballot_in(text: &str) -> Option<Choice> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let approval = value
        .get("Approval")
        .or_else(|| value.get("ballot")?.get("Approval"))?;
    let mut ids: Choice = approval
        .as_array()?
        .iter()
        .filter_map(|v| v.as_str()?.parse().ok())
        .collect();
    ids.sort_unstable();
    Some(ids)
}

/// What the attacker recognises as someone's answers: JSON with an `age` field.
fn answer_in(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(value.get("age")?.as_str()?.to_owned())
}

/// The most correct guesses a strategy may make and still be guessing: what always naming
/// the most common value gets, plus four standard deviations.
fn chance_bound<T: Ord>(truth: &[T]) -> usize {
    let mut counts = BTreeMap::new();
    for t in truth {
        *counts.entry(t).or_insert(0usize) += 1;
    }
    let n = truth.len() as f64;
    let p = *counts.values().max().unwrap() as f64 / n;
    (n * p + 4.0 * (n * p * (1.0 - p)).sqrt()).ceil() as usize
}

/// Pairs the values found in rows with the people behind the `anchor` rows (register or
/// marker) by equal position or by rank in every ordering the database offers; returns the
/// most people any one pairing guessed right.
fn best_pairing<T: PartialEq + Clone>(
    found: &[(&Row, T)],
    anchors: &[(&Row, i64)],
    truth: &BTreeMap<i64, T>,
) -> usize {
    let mut best = 0;
    let orderings = anchors
        .first()
        .map(|(r, _)| r.positions.keys().copied().collect::<Vec<_>>())
        .unwrap_or_default();
    for key in orderings {
        // The same position (PostgreSQL's xmin: one transaction wrote both rows).
        let same = anchors
            .iter()
            .filter(|(anchor, person)| {
                found.iter().any(|(row, value)| {
                    row.positions.get(key) == anchor.positions.get(key)
                        && truth.get(person) == Some(value)
                })
            })
            .count();
        // The same rank in the database's order.
        let mut by_rank: Vec<_> = anchors.to_vec();
        by_rank.sort_by_key(|(r, _)| r.positions[key]);
        let mut values: Vec<_> = found.to_vec();
        values.sort_by_key(|(r, _)| r.positions[key]);
        let ranked = by_rank
            .iter()
            .zip(&values)
            .filter(|((_, person), (_, value))| truth.get(person) == Some(value))
            .count();
        best = best.max(same).max(ranked);
    }
    best
}

/// The published (and stored) election file's votes, in file order, as project-id sets.
fn votes_in_the_election_file(rows: &[Row]) -> Vec<Choice> {
    let text = rows
        .iter()
        .find(|r| r.table == "round_result")
        .and_then(|r| r.json.get("pabulib")?.as_str().map(str::to_owned))
        .expect("the count stored the election file");
    let file = domain::pabulib::read_pabulib(&text).unwrap();
    file.votes
        .iter()
        .map(|v| {
            let mut ids: Choice = v
                .projects
                .iter()
                .map(|&i| file.projects[i as usize].id.parse().unwrap())
                .collect();
            ids.sort_unstable();
            ids
        })
        .collect()
}

/// `VOTERS` people vote in order, each a random ballot; every other one answers with a random
/// age band. Returns each account's ballot and answer.
async fn people_vote_and_answer(
    app: &TestApp,
    slug: &str,
    ids: &[i64],
) -> (BTreeMap<i64, Choice>, BTreeMap<i64, String>) {
    let options: Vec<Choice> = vec![
        vec![ids[0]],
        vec![ids[1]],
        vec![ids[2]],
        vec![ids[0], ids[1]],
        vec![ids[0], ids[2]],
        vec![ids[1], ids[2]],
    ];
    let mut draw = Draw(15);
    let (mut ballots, mut answers) = (BTreeMap::new(), BTreeMap::new());
    for n in 0..VOTERS {
        let email = format!("hemlig{n}@exempel.se");
        let voter = app.session_for(&email).await;
        let chosen = options[draw.next(options.len())].clone();
        let response = post(
            &voter,
            CastBallot::PATH,
            &paths::vote(slug),
            &choices(&chosen),
        )
        .await;
        assert_redirects_to(&response, &paths::receipt(slug));
        let id = account_id(app, &email).await;
        ballots.insert(id, chosen);
        if n % 2 == 0 {
            let age = AGES[draw.next(AGES.len())];
            let form = [("slug", slug), ("locale", "sv"), ("form[age]", age)]
                .map(|(k, v)| (k.to_owned(), v.to_owned()));
            let response = post(&voter, AnswerQuestions::PATH, &paths::receipt(slug), &form).await;
            assert_redirects_to(&response, &paths::receipt(slug).query("answered", 1));
            answers.insert(id, age.to_owned());
        }
    }
    (ballots, answers)
}

/// The rows of `table` with the account each names.
fn anchors<'a>(rows: &'a [Row], table: &str) -> Vec<(&'a Row, i64)> {
    rows.iter()
        .filter(|r| r.table == table)
        .map(|r| (r, r.json["account_id"].as_i64().unwrap()))
        .collect()
}

/// Every stored text the attacker can read, with its row.
fn texts(rows: &[Row]) -> Vec<(&Row, String)> {
    rows.iter()
        .flat_map(|r| {
            r.json
                .as_object()
                .into_iter()
                .flat_map(|o| o.values())
                .filter_map(move |v| v.as_str().map(|s| (r, s.to_owned())))
        })
        .collect()
}

/// The mails to voters in the folder, by recipient: the ballot whose project titles a mail
/// names (mails to the proposer name their proposal, and that is no ballot).
fn ballots_in_mail(app: &TestApp, titles: &[(i64, &str)]) -> Vec<(String, Choice)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&app.mail_dir)
        .into_iter()
        .flatten()
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let to = text
            .lines()
            .find_map(|l| l.strip_prefix("To: "))
            .unwrap_or_default()
            .to_owned();
        let named: Choice = titles
            .iter()
            .filter(|(_, title)| text.contains(title))
            .map(|(id, _)| *id)
            .collect();
        if !named.is_empty() && to.starts_with("hemlig") {
            found.push((to, named));
        }
    }
    found
}

on_both_databases!(
    a_database_reader_cannot_pair_ballots_or_answers_with_people,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let (ballots, answers) = people_vote_and_answer(&app, &slug, &ids).await;
        let staff = app.signed_in("staff@parker.se").await;
        assert_eq!(move_to(&staff, &slug, "deliberation").await.status(), 302);
        app.wait_for_outbox().await;
        let rows = dump(&app).await;

        // Whatever reads as a ballot or as someone's answers in any stored value, paired with
        // the register and the markers by every position the database gives them.
        let register = anchors(&rows, "voter_register");
        let markers = anchors(&rows, "participation_marker");
        assert_eq!(
            (register.len(), markers.len()),
            (VOTERS, VOTERS.div_ceil(2))
        );
        let texts = texts(&rows);
        let plain_ballots: Vec<_> = texts
            .iter()
            .filter_map(|(r, t)| Some((*r, ballot_in(t)?)))
            .collect();
        let plain_answers: Vec<_> = texts
            .iter()
            .filter_map(|(r, t)| Some((*r, answer_in(t)?)))
            .collect();
        let truth_ballots: Vec<Choice> = ballots.values().cloned().collect();
        let truth_answers: Vec<String> = answers.values().cloned().collect();
        let bound = chance_bound(&truth_ballots);
        let right = best_pairing(&plain_ballots, &register, &ballots);
        assert!(
            right <= bound,
            "stored ballots: {right} of {VOTERS} paired, chance {bound}"
        );
        let answer_bound = chance_bound(&truth_answers);
        let right = best_pairing(&plain_answers, &markers, &answers);
        assert!(
            right <= answer_bound,
            "answers: {right} paired, chance {answer_bound}"
        );
        // (Nothing reads as either: they are sealed.)
        assert!(
            plain_ballots.is_empty(),
            "a ballot in the clear in {}",
            plain_ballots[0].0.table
        );
        assert!(
            plain_answers.is_empty(),
            "an answer in the clear in {}",
            plain_answers[0].0.table
        );

        // Every pairing the database offers, including the public election file against the
        // register and against the box's own rows, guesses no better than chance.
        let file = votes_in_the_election_file(&rows);
        let box_rows: Vec<&Row> = rows.iter().filter(|r| r.table == "ballot").collect();
        assert_eq!((file.len(), box_rows.len()), (VOTERS, VOTERS));
        // The file in its order, against the register and the box rows in theirs.
        let file_rows: Vec<(&Row, Choice)> =
            box_rows.iter().copied().zip(file.iter().cloned()).collect();
        let mut by_link = box_rows.clone();
        by_link.sort_by_key(|r| r.json["voter_link"].as_str().unwrap().to_owned());
        let file_by_link: Vec<(&Row, Choice)> =
            by_link.into_iter().zip(file.iter().cloned()).collect();
        for (name, found) in [("file order", &file_rows), ("file by link", &file_by_link)] {
            let right = best_pairing(found, &register, &ballots);
            assert!(
                right <= bound,
                "{name}: {right} of {VOTERS} paired, chance gives {bound}"
            );
        }
        let in_register_order: Vec<Choice> = {
            let mut r = register.clone();
            r.sort_by_key(|(row, _)| row.json["id"].as_i64());
            r.iter()
                .map(|(_, person)| ballots[person].clone())
                .collect()
        };
        let same = in_register_order
            .iter()
            .zip(&file)
            .filter(|(a, b)| a == b)
            .count();
        assert!(
            same <= bound,
            "the file follows the register: {same} of {VOTERS}, chance {bound}"
        );

        // The mail: no receipt names a project, so no mail pairs an address with a ballot.
        let titles = [
            (ids[0], "Belysning"),
            (ids[1], "Bänkar"),
            (ids[2], "Lekplats"),
        ];
        assert_eq!(
            ballots_in_mail(&app, &titles),
            Vec::new(),
            "a mail names a choice"
        );
        let receipts = std::fs::read_dir(&app.mail_dir).unwrap().count();
        assert!(receipts >= VOTERS, "the receipts were sent ({receipts})");

        // The log: it says that ballots were cast, but no line names a voter or a choice.
        let logs = server::telemetry::captured_logs();
        assert!(logs.contains("ballot cast"), "the log is read");
        for n in 0..VOTERS {
            assert!(
                !logs.contains(&format!("hemlig{n}@")),
                "a voter's address in the log"
            );
        }
        for needle in ["Belysning", "Bänkar", "Lekplats", "choice[", "Approval"] {
            assert!(!logs.contains(needle), "{needle} in the log");
        }

        // And the server, with the key, still counts every ballot as cast.
        let opened = app::ssr::voting::opened_ballots(
            &app.db,
            &app.ctx.keys,
            register[0].0.json["round_id"].as_i64().unwrap(),
        )
        .await
        .unwrap();
        let mut counted: Vec<Choice> = opened
            .iter()
            .map(|b| match &b.ballot {
                domain::ballot::Ballot::Approval(c) => {
                    let mut c: Choice = c.iter().map(|id| id.parse().unwrap()).collect();
                    c.sort_unstable();
                    c
                }
                other => panic!("{other:?}"),
            })
            .collect();
        let mut cast = truth_ballots.clone();
        counted.sort();
        cast.sort();
        assert_eq!(counted, cast);
        let result = round_result::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&result.report).unwrap();
        assert_eq!(report["voters"].as_u64(), Some(VOTERS as u64));
        assert_eq!(
            report["channels"],
            serde_json::json!([{ "channel": "online", "ballots": VOTERS, "registered": VOTERS }])
        );
    }
);

// Casts racing the close: staff close the vote while a hundred and fifty people press
// "Vote" at once. Every cast that was acknowledged is counted, every other one refused.
on_both_databases!(
    casts_racing_the_close_are_counted_exactly_when_acknowledged,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let mut voters = Vec::new();
        for n in 0..150 {
            voters.push(app.session_for(&format!("sent{n}@exempel.se")).await);
        }
        let first = post(
            &voters[0],
            CastBallot::PATH,
            &paths::vote(&slug),
            &choices(&ids[..1]),
        )
        .await;
        assert_redirects_to(&first, &paths::receipt(&slug));
        let mut casts = Vec::new();
        for (n, voter) in voters.into_iter().enumerate().skip(1) {
            let vote = paths::vote(&slug);
            let chosen = choices(&ids[n % 3..n % 3 + 1]);
            casts.push(tokio::spawn(async move {
                script_status(&voter, CastBallot::PATH, &vote, &chosen).await
            }));
            if n == 40 {
                let staff = staff.clone();
                let slug = slug.clone();
                casts.push(tokio::spawn(async move {
                    let status = move_to(&staff, &slug, "deliberation").await.status();
                    assert_eq!(status, 302, "the close goes through");
                    0
                }));
            }
        }
        let mut acknowledged = 1;
        let mut refused = 0;
        for cast in casts {
            match cast.await.unwrap() {
                200 => acknowledged += 1,
                0 => {}
                _ => refused += 1,
            }
        }
        let result = round_result::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&result.report).unwrap();
        assert_eq!(
            report["voters"].as_u64(),
            Some(acknowledged),
            "{acknowledged} acknowledged, {refused} refused"
        );
        assert_eq!(acknowledged + refused, 150);
        let in_box = app::ssr::voting::ballot_count(&app.db, result.round_id)
            .await
            .unwrap();
        assert_eq!(in_box, acknowledged, "none stored after the close");
    }
);

// A ballot whose voter is missing from the register (the row deleted behind the server's
// back) shows at the close: the count states ballots and register entries per channel, and
// the result is not published.
on_both_databases!(
    a_box_that_disagrees_with_the_register_is_not_published,
    |backend| async move {
        use sea_orm::{ColumnTrait, QueryFilter};
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        for n in 0..3 {
            let voter = app.session_for(&format!("kanal{n}@exempel.se")).await;
            post(
                &voter,
                CastBallot::PATH,
                &paths::vote(&slug),
                &choices(&ids[..1]),
            )
            .await;
        }
        let gone = account_id(&app, "kanal0@exempel.se").await;
        app::ssr::entity::voter_register::Entity::delete_many()
            .filter(app::ssr::entity::voter_register::Column::AccountId.eq(gone))
            .exec(&app.db)
            .await
            .unwrap();
        let staff = app.signed_in("staff@parker.se").await;
        assert_eq!(move_to(&staff, &slug, "deliberation").await.status(), 302);
        let result = round_result::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let report: serde_json::Value = serde_json::from_str(&result.report).unwrap();
        assert_eq!(
            report["channels"],
            serde_json::json!([{ "channel": "online", "ballots": 3, "registered": 2 }])
        );
        let response = publish_result(&staff, &slug).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::BallotsRegisterMismatch)]
        );
        let result = round_result::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(result.published_at, None, "not published");
    }
);
