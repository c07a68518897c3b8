//! The demo municipality: a few nämnder and rounds in different phases, so a newcomer sees a
//! living platform at once. Loaded only into a database without rounds, so it is idempotent.

use sea_orm::{
    ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait,
};

use app::ssr::entity::{namnd, round};

struct DemoRound {
    slug: &'static str,
    namnd: usize,
    phase: &'static str,
    title_sv: &'static str,
    title_en: &'static str,
    summary_sv: &'static str,
    summary_en: &'static str,
}

const NAMNDER: [(&str, &str); 2] = [
    ("kultur-och-fritid", "Kultur- och fritidsnämnden"),
    ("stadsmiljo", "Stadsmiljönämnden"),
];

const ROUNDS: [DemoRound; 4] = [
    DemoRound {
        slug: "unga-i-centrum-2027",
        namnd: 0,
        phase: "proposals",
        title_sv: "Unga i centrum 2027",
        title_en: "Young people downtown 2027",
        summary_sv: "Har du en idé som gör centrum bättre för unga mellan 13 och 25 år? Lämna ditt förslag. Kultur- och fritidsnämnden har avsatt 500 000 kronor.",
        summary_en: "Do you have an idea that makes downtown better for young people aged 13 to 25? Make a proposal. The Culture and Leisure Committee has set aside SEK 500,000.",
    },
    DemoRound {
        slug: "tryggare-parker-2026",
        namnd: 1,
        phase: "voting",
        title_sv: "Tryggare och grönare parker 2026",
        title_en: "Safer and greener parks 2026",
        summary_sv: "Rösta på förslagen som ska göra kommunens parker tryggare och grönare: belysning, planteringar, sittplatser och lek. Budget: 1 200 000 kronor.",
        summary_en: "Vote on the proposals to make the municipality's parks safer and greener: lighting, plantings, seating and play. Budget: SEK 1,200,000.",
    },
    DemoRound {
        slug: "fritidsgardar-2026",
        namnd: 0,
        phase: "implementation",
        title_sv: "Medborgarbudget för fritidsgårdarna 2026",
        title_en: "Citizens' budget for the youth centres 2026",
        summary_sv: "Ungdomarna röstade fram sex projekt, och nämnden beslutade att genomföra fem. Här kan du följa hur arbetet går.",
        summary_en: "Young people voted for six projects, and the committee decided to carry out five. Follow the work here.",
    },
    DemoRound {
        slug: "gatuliv-2025",
        namnd: 1,
        phase: "closed",
        title_sv: "Levande gator 2025",
        title_en: "Lively streets 2025",
        summary_sv: "Avslutad omgång: 214 förslag, 3 870 röster och nio genomförda projekt, bland annat nya bänkar på torget och konst i gångtunneln.",
        summary_en: "Closed round: 214 proposals, 3,870 votes and nine completed projects, among them new benches in the square and art in the underpass.",
    },
];

/// Loads the demo data unless the database already has rounds. Returns whether it loaded.
pub async fn load_if_empty(db: &DatabaseConnection) -> anyhow::Result<bool> {
    if round::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = db.begin().await?;
    let now = chrono::Utc::now();
    let mut namnd_ids = Vec::new();
    for (slug, name) in NAMNDER {
        let row = namnd::ActiveModel {
            slug: Set(slug.to_owned()),
            name: Set(name.to_owned()),
            created_at: Set(now),
            ..Default::default()
        };
        namnd_ids.push(namnd::Entity::insert(row).exec(&txn).await?.last_insert_id);
    }
    for (i, r) in ROUNDS.iter().enumerate() {
        let row = round::ActiveModel {
            slug: Set(r.slug.to_owned()),
            namnd_id: Set(namnd_ids[r.namnd]),
            title_sv: Set(r.title_sv.to_owned()),
            title_en: Set(Some(r.title_en.to_owned())),
            summary_sv: Set(r.summary_sv.to_owned()),
            summary_en: Set(Some(r.summary_en.to_owned())),
            phase: Set(r.phase.to_owned()),
            // Newest first on the start page: the order above.
            created_at: Set(now - chrono::Duration::days(i as i64 * 30)),
            ..Default::default()
        };
        round::Entity::insert(row).exec(&txn).await?;
    }
    txn.commit().await?;
    tracing::info!(rounds = ROUNDS.len(), "demo data loaded");
    Ok(true)
}
