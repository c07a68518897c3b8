//! The client of `scripts/load_casts.sh`: a vote's last days as load. Three steps, so the
//! script can kill and restart the server between them and during the second:
//!
//! - `prepare` creates N voters in the round's database (declared residents, as the round's
//!   rules ask) and issues their session tokens with the server's secret, as a login would;
//! - `cast` posts every voter's ballot as the no-JS form does (`POST /api/cast_ballot`, the
//!   session cookie, a `Referer`), C at a time, and retries a cast that got no answer (the
//!   server was killed) until each voter has their redirect to the receipt: casts/s and
//!   p50/p99/max of the acknowledged casts, and the voters acknowledged, written to a file;
//! - `check` compares the ballot box with that file: every acknowledged voter is in the
//!   voter register, and the round has exactly one ballot per registered voter.
//!
//! `cargo run --release -p server --example cast_load -- <step> --help`

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use app::ssr::entity::{account, area, ballot, round, voter_register};
use app::ssr::keys::Keys;
use chrono::Utc;
use clap::{Parser, Subcommand};
use leptos::server_fn::ServerFn as _;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    step: Step,
}

#[derive(Subcommand)]
enum Step {
    /// Create the voters and write `<account id> <session token>` lines to `--sessions`.
    Prepare {
        #[arg(long, env = "DATABASE_URL")]
        database_url: String,
        #[arg(long, env = "MEDBORGARBUDGET_SECRET")]
        secret: String,
        #[arg(long)]
        round: String,
        #[arg(long, default_value_t = 20_000)]
        voters: usize,
        #[arg(long)]
        sessions: PathBuf,
    },
    /// Cast every voter's ballot over HTTP; write the acknowledged account ids to `--acked`.
    Cast {
        #[arg(long)]
        base: String,
        #[arg(long)]
        round: String,
        #[arg(long, default_value_t = 32)]
        connections: usize,
        #[arg(long)]
        sessions: PathBuf,
        #[arg(long)]
        acked: PathBuf,
    },
    /// Check the ballot box against the acknowledged casts; fails when one is lost.
    Check {
        #[arg(long, env = "DATABASE_URL")]
        database_url: String,
        #[arg(long)]
        round: String,
        #[arg(long)]
        acked: PathBuf,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().step {
        Step::Prepare {
            database_url,
            secret,
            round,
            voters,
            sessions,
        } => prepare(&database_url, &secret, &round, voters, &sessions).await,
        Step::Cast {
            base,
            round,
            connections,
            sessions,
            acked,
        } => cast(&base, &round, connections, &sessions, &acked).await,
        Step::Check {
            database_url,
            round,
            acked,
        } => check(&database_url, &round, &acked).await,
    }
}

const DOMAIN: &str = "@load.example";

async fn prepare(
    url: &str,
    secret: &str,
    slug: &str,
    voters: usize,
    out: &PathBuf,
) -> anyhow::Result<()> {
    let db = server::db::connect(url).await?;
    find_round(&db, slug).await?;
    let home = area::Entity::find()
        .one(&db)
        .await?
        .context("the municipality has areas")?
        .id;
    let now = Utc::now();
    let rows: Vec<account::ActiveModel> = (0..voters)
        .map(|n| account::ActiveModel {
            email: Set(format!("voter{n}{DOMAIN}")),
            role: Set("resident".into()),
            locale: Set("sv".into()),
            created_at: Set(now),
            birth_year: Set(Some(1950 + (n % 55) as i32)),
            home_area_id: Set(Some(home)),
            works_in_municipality: Set(Some(false)),
            session_epoch: Set(0),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(500) {
        account::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&db)
            .await?;
    }
    let created: Vec<(i64, i64)> = account::Entity::find()
        .filter(account::Column::Email.ends_with(DOMAIN))
        .select_only()
        .columns([account::Column::Id, account::Column::SessionEpoch])
        .into_tuple()
        .all(&db)
        .await?;
    let keys = Keys::from_secret(secret.as_bytes());
    let mut lines = String::new();
    for (id, epoch) in &created {
        let token = keys
            .session
            .issue(*id, *epoch)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        lines.push_str(&format!("{id} {token}\n"));
    }
    std::fs::write(out, lines)?;
    println!("voters prepared: {}", created.len());
    Ok(())
}

async fn find_round(db: &sea_orm::DatabaseConnection, slug: &str) -> anyhow::Result<round::Model> {
    round::Entity::find()
        .filter(round::Column::Slug.eq(slug))
        .one(db)
        .await?
        .with_context(|| format!("no round {slug}"))
}

/// A voter still to cast: account id and session token.
type Pending = (i64, String);

/// What the casting tasks share: who is still to cast, and what was measured.
#[derive(Default)]
struct Shared {
    queue: Mutex<VecDeque<Pending>>,
    acked: Mutex<Vec<(i64, Duration)>>,
    retries: Mutex<u64>,
    refused: Mutex<Vec<(u16, String)>>,
}

async fn cast(
    base: &str,
    slug: &str,
    connections: usize,
    sessions: &PathBuf,
    acked_file: &PathBuf,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(sessions)?;
    let voters: VecDeque<Pending> = text
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(id, token)| Ok((id.parse()?, token.to_owned())))
        .collect::<anyhow::Result<_>>()?;
    let total = voters.len();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections)
        .timeout(Duration::from_secs(30))
        .build()?;
    let vote_page = format!("{base}{}", app::paths::vote(slug));
    let choices = ballot_choices(&client, &vote_page, &voters[0].1).await?;
    println!("on the ballot: {choices:?}");
    let shared = Arc::new(Shared {
        queue: Mutex::new(voters),
        ..Shared::default()
    });
    let endpoint = format!("{base}{}", app::api::voting::CastBallot::PATH);
    let receipt = app::paths::receipt(slug).to_string();
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let shared = shared.clone();
            let client = client.clone();
            let (endpoint, vote_page, receipt) =
                (endpoint.clone(), vote_page.clone(), receipt.clone());
            let (slug, choices) = (slug.to_owned(), choices.clone());
            tokio::spawn(async move {
                loop {
                    let Some((id, token)) = shared.queue.lock().unwrap().pop_front() else {
                        break;
                    };
                    let mut form = vec![
                        ("slug".to_owned(), slug.clone()),
                        ("locale".to_owned(), "sv".to_owned()),
                    ];
                    // Two of the projects, different ones for different voters.
                    for k in 0..2 {
                        let choice = &choices[(id as usize + k * 3) % choices.len()];
                        form.push((format!("ballot[choice][{choice}]"), choice.clone()));
                    }
                    let sent = Instant::now();
                    let answer = client
                        .post(&endpoint)
                        .header("Cookie", format!("mb_session={token}"))
                        .header("Accept", "text/html")
                        .header("Referer", &vote_page)
                        .form(&form)
                        .send()
                        .await;
                    match answer {
                        Ok(r) if r.status().is_redirection() => {
                            let location = r
                                .headers()
                                .get("location")
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or_default()
                                .to_owned();
                            if location.starts_with(&receipt) {
                                shared.acked.lock().unwrap().push((id, sent.elapsed()));
                            } else {
                                shared.refused.lock().unwrap().push((303, location));
                            }
                        }
                        Ok(r) if r.status().is_server_error() => {
                            retry(&shared, (id, token)).await;
                        }
                        Ok(r) => {
                            let status = r.status().as_u16();
                            let body = r.text().await.unwrap_or_default();
                            shared.refused.lock().unwrap().push((status, body));
                        }
                        Err(_) => retry(&shared, (id, token)).await,
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed();
    let mut acked = std::mem::take(&mut *shared.acked.lock().unwrap());
    let refused = std::mem::take(&mut *shared.refused.lock().unwrap());
    let ids: String = acked.iter().map(|(id, _)| format!("{id}\n")).collect();
    std::fs::write(acked_file, ids)?;
    acked.sort_by_key(|(_, latency)| *latency);
    let at = |q: f64| {
        acked
            .get(((acked.len() as f64 * q) as usize).min(acked.len().saturating_sub(1)))
            .map_or(0.0, |(_, d)| d.as_secs_f64() * 1000.0)
    };
    println!(
        "voters {total}, acknowledged {}, refused {}, retried {}",
        acked.len(),
        refused.len(),
        shared.retries.lock().unwrap()
    );
    println!(
        "casts/s {:.0}  p50 {:.1} ms  p99 {:.1} ms  max {:.1} ms  ({:.1} s)",
        acked.len() as f64 / elapsed.as_secs_f64(),
        at(0.5),
        at(0.99),
        at(1.0),
        elapsed.as_secs_f64()
    );
    if let Some((status, body)) = refused.first() {
        bail!(
            "{} casts refused, the first with {status}: {body:.300}",
            refused.len()
        );
    }
    Ok(())
}

/// A cast that got no answer (the server is down or restarting) goes back in the queue.
async fn retry(shared: &Shared, voter: Pending) {
    *shared.retries.lock().unwrap() += 1;
    shared.queue.lock().unwrap().push_back(voter);
    tokio::time::sleep(Duration::from_millis(50)).await;
}

/// The project ids on the ballot, read from the ballot page's checkboxes.
async fn ballot_choices(
    client: &reqwest::Client,
    page: &str,
    token: &str,
) -> anyhow::Result<Vec<String>> {
    let html = client
        .get(page)
        .header("Cookie", format!("mb_session={token}"))
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"ballot[choice][";
    let mut ids: Vec<String> = html
        .match_indices(marker)
        .filter_map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest.split(']').next().map(str::to_owned)
        })
        .collect();
    ids.dedup();
    if ids.len() < 2 {
        bail!("fewer than two projects on the ballot at {page}");
    }
    Ok(ids)
}

async fn check(url: &str, slug: &str, acked_file: &PathBuf) -> anyhow::Result<()> {
    let db = server::db::connect(url).await?;
    let round = find_round(&db, slug).await?;
    let registered: std::collections::HashSet<i64> = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round.id))
        .select_only()
        .column(voter_register::Column::AccountId)
        .into_tuple()
        .all(&db)
        .await?
        .into_iter()
        .collect();
    let ballots = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round.id))
        .count(&db)
        .await?;
    let acked: Vec<i64> = std::fs::read_to_string(acked_file)?
        .lines()
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let lost = acked.iter().filter(|id| !registered.contains(id)).count();
    println!(
        "acknowledged {}, in the register {}, ballots in the box {ballots}, lost {lost}",
        acked.len(),
        registered.len()
    );
    if lost > 0 || ballots != registered.len() as u64 {
        bail!("the ballot box does not match the acknowledged casts");
    }
    Ok(())
}
