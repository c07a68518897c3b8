//! What an electoral roll costs: importing a file of N personal identity numbers (parse, keyed
//! digest, replace the round's roll in one transaction) into a fresh database with the demo
//! data, and then the check every cast makes against it (is this digest on the roll?). SQLite
//! by default; set BENCH_POSTGRES_URL to a database URL to measure PostgreSQL as well.
//! Prints the figures; asserts only that every number was imported.
//! `cargo bench -p server --bench roll_import [-- N]` (N defaults to 200 000).

use std::sync::Arc;
use std::time::Instant;

use app::ssr::entity::{electoral_roll, round};
use app::ssr::keys::Keys;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

/// `n` distinct valid personal identity numbers (12 digits), one per line.
fn roll_file(n: usize) -> (String, Vec<String>) {
    let mut numbers = Vec::with_capacity(n);
    let mut day = chrono::NaiveDate::from_ymd_opt(1930, 1, 1).unwrap();
    'outer: loop {
        for serial in 0..1000 {
            let ten = format!("{}{serial:03}", day.format("%y%m%d"));
            numbers.push(format!("{}{ten}{}", day.format("%C"), luhn(&ten)));
            if numbers.len() == n {
                break 'outer;
            }
        }
        day = day.succ_opt().unwrap();
    }
    (numbers.join("\n"), numbers)
}

/// The check digit of the nine digits `digits`.
fn luhn(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let v = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

async fn run(name: &str, db: &DatabaseConnection, n: usize) {
    let keys = Arc::new(Keys::from_secret(b"bench"));
    server::db::finish_migrations(db, &keys).await.unwrap();
    server::demo::load_if_empty(db, keys.clone()).await.unwrap();
    let round = round::Entity::find()
        .filter(round::Column::Slug.eq("unga-i-centrum-2027"))
        .one(db)
        .await
        .unwrap()
        .expect("the demo round in its proposal phase");
    let (file, numbers) = roll_file(n);
    let started = Instant::now();
    let imported = app::ssr::electoral_roll::import(db, &keys, 1, &round, file.as_bytes())
        .await
        .unwrap();
    let import = started.elapsed().as_secs_f64();
    assert_eq!(imported, n, "every number imported");
    let stored = electoral_roll::Entity::find()
        .filter(electoral_roll::Column::RoundId.eq(round.id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(stored, n as u64);

    let lookups = 5_000;
    let started = Instant::now();
    let mut on = 0;
    for i in 0..lookups {
        // Every other one on the roll, the rest not (a number of another round).
        let number = if i % 2 == 0 {
            numbers[(i * 7919) % n].clone()
        } else {
            "199001012385".to_owned()
        };
        let number = domain::identity_number::IdentityNumber::parse(
            &number,
            chrono::Utc::now().date_naive(),
        )
        .unwrap();
        let digest = keys.identity.digest(&number);
        let check = app::ssr::voting::roll_check(db, round.id, Some(&digest))
            .await
            .unwrap();
        on += usize::from(check == domain::electoral_roll::RollCheck::On);
    }
    let per_check = started.elapsed().as_secs_f64() / lookups as f64;
    println!(
        "{name}: import of {n} numbers {import:.2} s ({:.0} numbers/s); roll check {:.3} ms each ({on} of {lookups} on the roll)",
        n as f64 / import,
        per_check * 1000.0
    );
}

#[tokio::main]
async fn main() {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200_000);
    let dir = std::env::temp_dir().join(format!("mb-roll-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
    let db = server::db::connect_and_migrate(&url).await.unwrap();
    run("SQLite", &db, n).await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(url) = std::env::var("BENCH_POSTGRES_URL") {
        let db = server::db::connect_and_migrate(&url).await.unwrap();
        run("PostgreSQL", &db, n).await;
    }
}
