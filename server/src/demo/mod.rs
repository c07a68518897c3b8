//! The demo municipality: a few nämnder and rounds in different phases, so a newcomer sees a
//! living platform at once. Loaded only into a database without rounds, so it is idempotent.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};

use app::ssr::entity::namnd;
use app::ssr::entity::round::RoundSettings;
use app::ssr::entity::{
    account, area, ballot, decision, implementation_update, proposal, proposal_support, round,
    round_result,
};

struct DemoRound {
    slug: &'static str,
    budget: i64,
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
        budget: 500000,
        namnd: 0,
        phase: "proposals",
        title_sv: "Unga i centrum 2027",
        title_en: "Young people downtown 2027",
        summary_sv: "Har du en idé som gör centrum bättre för unga mellan 13 och 25 år? Lämna ditt förslag. Kultur- och fritidsnämnden har avsatt 500 000 kronor.",
        summary_en: "Do you have an idea that makes downtown better for young people aged 13 to 25? Make a proposal. The Culture and Leisure Committee has set aside SEK 500,000.",
    },
    DemoRound {
        slug: "tryggare-parker-2026",
        budget: 1200000,
        namnd: 1,
        phase: "voting",
        title_sv: "Tryggare och grönare parker 2026",
        title_en: "Safer and greener parks 2026",
        summary_sv: "Rösta på förslagen som ska göra kommunens parker tryggare och grönare: belysning, planteringar, sittplatser och lek. Budget: 1 200 000 kronor.",
        summary_en: "Vote on the proposals to make the municipality's parks safer and greener: lighting, plantings, seating and play. Budget: SEK 1,200,000.",
    },
    DemoRound {
        slug: "fritidsgardar-2026",
        budget: 600000,
        namnd: 0,
        phase: "implementation",
        title_sv: "Medborgarbudget för fritidsgårdarna 2026",
        title_en: "Citizens' budget for the youth centres 2026",
        summary_sv: "Ungdomarna röstade fram sex projekt, och nämnden beslutade att genomföra fem. Här kan du följa hur arbetet går.",
        summary_en: "Young people voted for six projects, and the committee decided to carry out five. Follow the work here.",
    },
    DemoRound {
        slug: "gatuliv-2025",
        budget: 2000000,
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
    let mut round_ids = Vec::new();
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
            budget_total: Set(r.budget),
            config: Set(serde_json::to_string(&demo_settings(r.slug))?),
            ..Default::default()
        };
        round_ids.push(round::Entity::insert(row).exec(&txn).await?.last_insert_id);
    }
    let mut area_ids = Vec::new();
    for (slug, name, population) in AREAS {
        let row = area::ActiveModel {
            slug: Set(slug.to_owned()),
            name: Set(name.to_owned()),
            population: Set(population),
            created_at: Set(now),
            ..Default::default()
        };
        area_ids.push(area::Entity::insert(row).exec(&txn).await?.last_insert_id);
    }
    let mut people = Vec::new();
    for (email, role, namnd) in PEOPLE {
        let row = account::ActiveModel {
            email: Set(email.to_owned()),
            role: Set(role.to_owned()),
            namnd_id: Set(namnd.map(|n| namnd_ids[n])),
            locale: Set("sv".to_owned()),
            created_at: Set(now),
            ..Default::default()
        };
        people.push(
            account::Entity::insert(row)
                .exec(&txn)
                .await?
                .last_insert_id,
        );
    }
    // A partner association of Stadsmiljönämnden, working with the groups the demo round
    // reaches least.
    let (email, organisation, groups) = PARTNER;
    account::Entity::insert(account::ActiveModel {
        email: Set(email.to_owned()),
        role: Set("partner".to_owned()),
        namnd_id: Set(Some(namnd_ids[1])),
        locale: Set("sv".to_owned()),
        created_at: Set(now),
        organisation: Set(Some(organisation.to_owned())),
        partner_groups: Set(Some(groups.to_owned())),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await?;
    for (n, p) in PROPOSALS.iter().enumerate() {
        let reviewed = matches!(p.status, "feasible" | "not_feasible");
        let row = proposal::ActiveModel {
            round_id: Set(round_ids[p.round]),
            author_id: Set(people[3 + n % 4]),
            area_id: Set(p.area.map(|a| area_ids[a])),
            title: Set(p.title.to_owned()),
            description: Set(p.description.to_owned()),
            place: Set(p.place.map(str::to_owned)),
            latitude: Set(None),
            longitude: Set(None),
            cost: Set(p.cost),
            status: Set(p.status.to_owned()),
            staff_cost: Set(reviewed.then_some(p.staff_cost)),
            public_reason: Set(p.reason.map(str::to_owned)),
            internal_note: Set(None),
            criteria_met: Set(None),
            merged_into: Set(None),
            reviewed_by: Set(reviewed.then_some(people[1])),
            reviewed_at: Set(reviewed.then_some(now)),
            submitted_at: Set(Some(now - chrono::Duration::days(n as i64))),
            created_at: Set(now - chrono::Duration::days(n as i64)),
            updated_at: Set(now),
            ..Default::default()
        };
        let id = proposal::Entity::insert(row)
            .exec(&txn)
            .await?
            .last_insert_id;
        for supporter in people.iter().skip(3).take(p.supports) {
            let support = proposal_support::ActiveModel {
                proposal_id: Set(id),
                account_id: Set(*supporter),
                created_at: Set(now),
                ..Default::default()
            };
            proposal_support::Entity::insert(support)
                .exec_without_returning(&txn)
                .await?;
        }
    }
    // The round in implementation has been voted on: demo ballots, counted and published.
    let implemented = round::Entity::find_by_id(round_ids[2])
        .one(&txn)
        .await?
        .expect("just inserted");
    let on_ballot: Vec<String> = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round_ids[2]))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    for n in 0..40usize {
        // A spread of choices: everyone picks one to three of the four projects.
        let picks: Vec<String> = (0..on_ballot.len())
            .filter(|i| (n * 7 + i * 3) % 5 < 2 + (i % 2))
            .map(|i| on_ballot[i].clone())
            .collect();
        let picks = if picks.is_empty() {
            vec![on_ballot[n % on_ballot.len()].clone()]
        } else {
            picks
        };
        let row = ballot::ActiveModel {
            round_id: Set(round_ids[2]),
            voter_link: Set(format!("demo-{n:03}")),
            choices: Set(serde_json::to_string(&domain::ballot::Ballot::Approval(
                picks,
            ))?),
            channel: Set("online".to_owned()),
        };
        ballot::Entity::insert(row)
            .exec_without_returning(&txn)
            .await?;
    }
    app::ssr::results::compute(&txn, &implemented)
        .await
        .map_err(|err| anyhow::anyhow!("counting the demo round: {err}"))?;
    round_result::Entity::update_many()
        .col_expr(
            round_result::Column::PublishedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(round_result::Column::RoundId.eq(round_ids[2]))
        .exec(&txn)
        .await?;
    follow_up(&txn, round_ids[2], people[0]).await?;
    participation(&txn, round_ids[1]).await?;
    txn.commit().await?;
    tracing::info!(rounds = ROUNDS.len(), "demo data loaded");
    Ok(true)
}

/// The population of the demo municipality per age band and birthplace (SCB-style counts).
const BASELINE: &str = "area;dimension;group;count
all;age;12-15;3900
all;age;16-19;3700
all;age;20-29;10400
all;age;30-44;15800
all;age;45-64;20300
all;age;65-79;11900
all;age;80+;4100
all;born;sweden;55300
all;born;abroad;14800
all;area;centrum;18400
all;area;norra-staden;24900
all;area;eklunda;12300
all;area;sjostaden;9800
all;area;backby;15600
";

/// The voting round's voluntary answers, skewed as open rounds usually are: few under 30, few
/// born abroad, so the participation dashboard has something to flag.
async fn participation<C: sea_orm::ConnectionTrait>(db: &C, round_id: i64) -> anyhow::Result<()> {
    use app::ssr::entity::{participant_response, population_baseline};
    let now = chrono::Utc::now();
    population_baseline::Entity::insert(population_baseline::ActiveModel {
        round_id: Set(round_id),
        csv: Set(BASELINE.to_owned()),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    let areas: Vec<i64> = area::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let ages = [
        "30-44", "45-64", "45-64", "65-79", "30-44", "45-64", "65-79", "80+", "20-29", "45-64",
    ];
    for n in 0..80usize {
        let day = now.date_naive() - chrono::Duration::days((n % 10) as i64);
        participant_response::Entity::insert(participant_response::ActiveModel {
            key: Set(format!("demo-{n:03}")),
            round_id: Set(round_id),
            day: Set(day),
            gender: Set(Some(if n % 5 < 3 { "woman" } else { "man" }.to_owned())),
            age: Set((n % 7 != 6).then(|| ages[n % ages.len()].to_owned())),
            area_id: Set(Some(areas[n % areas.len()])),
            born: Set(Some(
                if n % 20 == 0 { "abroad" } else { "sweden" }.to_owned(),
            )),
            education: Set(Some(
                if n % 3 == 0 {
                    "upper_secondary"
                } else {
                    "post_secondary_long"
                }
                .to_owned(),
            )),
            occupation: Set(Some(
                if n % 4 == 0 { "retired" } else { "working" }.to_owned(),
            )),
            disability: Set(None),
        })
        .exec_without_returning(db)
        .await?;
    }
    // Outreach after the dashboard flagged the young and those born abroad.
    let staff = account::Entity::find()
        .filter(account::Column::Role.eq("staff"))
        .one(db)
        .await?
        .map_or(0, |a| a.id);
    for (days_ago, place, group, reached, note) in [
        (
            6,
            "Fritidsgården i Backby",
            Some("age:16-19"),
            Some(35),
            "Visade förslagen och röstade tillsammans på plats.",
        ),
        (
            3,
            "Språkcaféet på Stadsbiblioteket",
            Some("born:abroad"),
            Some(22),
            "Röstning med stöd på svenska, arabiska och somaliska.",
        ),
    ] {
        app::ssr::entity::outreach_action::Entity::insert(
            app::ssr::entity::outreach_action::ActiveModel {
                round_id: Set(round_id),
                day: Set(now.date_naive() - chrono::Duration::days(days_ago)),
                place: Set(place.to_owned()),
                group_key: Set(group.map(str::to_owned)),
                reached: Set(reached),
                note: Set(Some(note.to_owned())),
                recorded_by: Set(staff),
                created_at: Set(now),
                ..Default::default()
            },
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// (status, percent, text, (year, month, day)) of a demo implementation update.
type DemoUpdate = (&'static str, i32, &'static str, (i32, u32, u32));

/// The nämnd's decision on each counted project of the round in implementation (the funded
/// ones approved, one of them against the vote with a motivation) and dated updates.
async fn follow_up<C: sea_orm::ConnectionTrait>(
    db: &C,
    round_id: i64,
    recorded_by: i64,
) -> anyhow::Result<()> {
    let stored = round_result::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo round was not counted"))?;
    let report: serde_json::Value = serde_json::from_str(&stored.report)?;
    let meeting = chrono::NaiveDate::from_ymd_opt(2026, 6, 10).expect("a real date");
    let now = chrono::Utc::now();
    let projects = report["projects"].as_array().cloned().unwrap_or_default();
    for (n, p) in projects.iter().enumerate() {
        let (Some(id), Some(funded)) = (p["id"].as_i64(), p["funded"].as_bool()) else {
            continue;
        };
        let (outcome, motivation) = match (funded, n) {
            (true, _) => ("approved", None),
            (false, 0 | 1) => (
                "approved",
                Some(
                    "Nämnden beviljar även detta förslag: det ryms i fritidsgårdarnas ordinarie budget.",
                ),
            ),
            (false, _) => continue,
        };
        let row = decision::ActiveModel {
            proposal_id: Set(id),
            round_id: Set(round_id),
            outcome: Set(outcome.to_owned()),
            motivation: Set(motivation.map(str::to_owned)),
            protocol_section: Set(format!("§ {}", 40 + n)),
            meeting_date: Set(meeting),
            minutes_url: Set(None),
            recorded_by: Set(recorded_by),
            recorded_at: Set(now),
            ..Default::default()
        };
        decision::Entity::insert(row)
            .exec_without_returning(db)
            .await?;
        let updates: &[DemoUpdate] = if n % 2 == 0 {
            &[
                (
                    "planned",
                    0,
                    "Upphandlingen är klar och arbetet börjar efter sommaren.",
                    (2026, 6, 20),
                ),
                (
                    "started",
                    40,
                    "Arbetet är i gång. Ungdomarna har varit med och valt färger och möbler.",
                    (2026, 9, 15),
                ),
            ]
        } else {
            &[(
                "done",
                100,
                "Klart och invigt! Tack till alla som röstade.",
                (2026, 10, 1),
            )]
        };
        for (status, percent, text, (y, m, d)) in updates {
            let row = implementation_update::ActiveModel {
                proposal_id: Set(id),
                round_id: Set(round_id),
                status: Set((*status).to_owned()),
                percent: Set(*percent),
                body: Set((*text).to_owned()),
                update_date: Set(chrono::NaiveDate::from_ymd_opt(*y, *m, *d).expect("a real date")),
                image: Set(None),
                image_type: Set(None),
                image_alt: Set(None),
                posted_by: Set(recorded_by),
                posted_at: Set(now),
                ..Default::default()
            };
            implementation_update::Entity::insert(row)
                .exec_without_returning(db)
                .await?;
        }
    }
    Ok(())
}

/// Areas (stadsdelar) with their population.
const AREAS: [(&str, &str, i64); 5] = [
    ("centrum", "Centrum", 18_400),
    ("norra-staden", "Norra staden", 24_900),
    ("eklunda", "Eklunda", 12_300),
    ("sjostaden", "Sjöstaden", 9_800),
    ("backby", "Backby", 15_600),
];

/// The demo partner association: address, name, groups.
const PARTNER: (&str, &str, &str) = (
    "forening@exempelkommun.se",
    "Mötesplats Norr",
    "age:16-19,age:20-29,born:abroad",
);

/// Demo accounts: (address, role, nämnd index). Log in with these addresses in dev mode.
const PEOPLE: [(&str, &str, Option<usize>); 9] = [
    ("personal.kultur@exempelkommun.se", "staff", Some(0)),
    ("personal.stadsmiljo@exempelkommun.se", "staff", Some(1)),
    ("politiker@exempelkommun.se", "politician", Some(1)),
    ("amina@example.se", "resident", None),
    ("erik@example.se", "resident", None),
    ("sara@example.se", "resident", None),
    ("johan@example.se", "resident", None),
    // A second pair of hands per nämnd (paper ballots are entered by two people).
    ("samordnare.stadsmiljo@exempelkommun.se", "staff", Some(1)),
    ("politiker.kultur@exempelkommun.se", "politician", Some(0)),
];

struct DemoProposal {
    round: usize,
    area: Option<usize>,
    title: &'static str,
    description: &'static str,
    place: Option<&'static str>,
    cost: i64,
    staff_cost: i64,
    status: &'static str,
    reason: Option<&'static str>,
    supports: usize,
}

const PROPOSALS: [DemoProposal; 14] = [
    DemoProposal {
        round: 0,
        area: Some(0),
        title: "Gratis gym utomhus vid stationen",
        description: "Ett utegym med räckhäckar och bänkar där många unga redan hänger efter skolan. Det kostar inget att använda och är öppet dygnet runt.",
        place: Some("Stationsparken"),
        cost: 180_000,
        staff_cost: 0,
        status: "submitted",
        reason: None,
        supports: 4,
    },
    DemoProposal {
        round: 0,
        area: Some(0),
        title: "Scen för ung musik på torget",
        description: "En enkel scen med el som unga band och dansgrupper kan boka gratis på helger under sommaren.",
        place: Some("Stortorget"),
        cost: 240_000,
        staff_cost: 0,
        status: "submitted",
        reason: None,
        supports: 3,
    },
    DemoProposal {
        round: 0,
        area: Some(1),
        title: "Läxhjälp och fika på biblioteket",
        description: "Två kvällar i veckan med läxhjälp av studenter, och fika. Många av oss har ingen hemma som kan hjälpa till.",
        place: Some("Norra stadens bibliotek"),
        cost: 90_000,
        staff_cost: 0,
        status: "submitted",
        reason: None,
        supports: 2,
    },
    DemoProposal {
        round: 0,
        area: None,
        title: "Fler papperskorgar med pant-ringar",
        description: "Pantringar på papperskorgarna i centrum så att den som samlar burkar slipper gräva i soporna.",
        place: None,
        cost: 45_000,
        staff_cost: 0,
        status: "submitted",
        reason: None,
        supports: 1,
    },
    DemoProposal {
        round: 1,
        area: Some(2),
        title: "Belysning längs gångvägen i Eklundaparken",
        description: "Gångvägen genom parken är helt mörk på kvällarna. Många går en omväg för att de känner sig otrygga.",
        place: Some("Eklundaparken"),
        cost: 350_000,
        staff_cost: 420_000,
        status: "feasible",
        reason: None,
        supports: 4,
    },
    DemoProposal {
        round: 1,
        area: Some(3),
        title: "Blomsteräng vid Sjöstadens strand",
        description: "Gör om en del av gräsmattan till en äng med ängsblommor för bin och fjärilar, och sätt upp skyltar om arterna.",
        place: Some("Strandpromenaden"),
        cost: 120_000,
        staff_cost: 150_000,
        status: "feasible",
        reason: None,
        supports: 3,
    },
    DemoProposal {
        round: 1,
        area: Some(4),
        title: "Lekplats för alla barn i Backby",
        description: "Lekplatsen i Backby saknar gungor och lekredskap som fungerar för barn i rullstol.",
        place: Some("Backby centrum"),
        cost: 600_000,
        staff_cost: 650_000,
        status: "feasible",
        reason: None,
        supports: 4,
    },
    DemoProposal {
        round: 1,
        area: Some(0),
        title: "Parkeringshus under Stortorget",
        description: "Bygg ett parkeringshus under torget så att det blir lättare att handla.",
        place: Some("Stortorget"),
        cost: 1_000_000,
        staff_cost: 95_000_000,
        status: "not_feasible",
        reason: Some(
            "Ett parkeringshus kostar omkring 95 miljoner kronor, långt mer än omgångens budget, och ger stora driftkostnader.",
        ),
        supports: 1,
    },
    DemoProposal {
        round: 1,
        area: Some(1),
        title: "Sittbänkar längs Norra allén",
        description: "Fler bänkar så att äldre orkar gå hela vägen till vårdcentralen.",
        place: Some("Norra allén"),
        cost: 80_000,
        staff_cost: 96_000,
        status: "feasible",
        reason: None,
        supports: 2,
    },
    DemoProposal {
        round: 1,
        area: Some(2),
        title: "Hundrastgård vid skolan",
        description: "En inhägnad hundrastgård på skolans gräsplan.",
        place: Some("Eklundaskolan"),
        cost: 150_000,
        staff_cost: 150_000,
        status: "not_feasible",
        reason: Some(
            "Skolgården är inte kommunens parkmark: den förvaltas av utbildningsnämnden och används av eleverna, så stadsmiljönämnden har inte rådighet över den.",
        ),
        supports: 0,
    },
    DemoProposal {
        round: 2,
        area: Some(1),
        title: "Musikstudio på fritidsgården",
        description: "Ett litet inspelningsrum med mikrofoner och en dator, så att unga kan spela in sin egen musik.",
        place: Some("Norra stadens fritidsgård"),
        cost: 120_000,
        staff_cost: 140_000,
        status: "feasible",
        reason: None,
        supports: 3,
    },
    DemoProposal {
        round: 2,
        area: Some(2),
        title: "Nya spel och konsoler",
        description: "Fler spelkonsoler och brädspel till Eklundas fritidsgård.",
        place: Some("Eklunda fritidsgård"),
        cost: 60_000,
        staff_cost: 70_000,
        status: "feasible",
        reason: None,
        supports: 2,
    },
    DemoProposal {
        round: 2,
        area: Some(4),
        title: "Utegym vid fritidsgården i Backby",
        description: "Ett utegym som är öppet även när gården är stängd.",
        place: Some("Backby fritidsgård"),
        cost: 300_000,
        staff_cost: 330_000,
        status: "feasible",
        reason: None,
        supports: 4,
    },
    DemoProposal {
        round: 2,
        area: None,
        title: "Sommarresor för alla gårdar",
        description: "Två gemensamma dagsresor på sommarlovet för alla fritidsgårdar.",
        place: None,
        cost: 90_000,
        staff_cost: 95_000,
        status: "feasible",
        reason: None,
        supports: 1,
    },
];

/// The configuration of each demo round: a timeline around today and the usual settings.
fn demo_settings(slug: &str) -> RoundSettings {
    use domain::round::{CountingRule, PhaseDates};
    let today = chrono::Utc::now().date_naive();
    let day = |offset: i64| Some(today + chrono::Duration::days(offset));
    let mut settings = RoundSettings::default();
    settings.easy_read_sv = Some("Kommunen har pengar till bra idéer. Du kan lämna en idé. Sedan röstar alla om idéerna. De idéer som får flest röster blir av.".to_owned());
    settings.dates = match slug {
        "unga-i-centrum-2027" => {
            settings.min_age = Some(13);
            settings.max_age = Some(25);
            PhaseDates {
                information: day(-30),
                proposals: day(-10),
                review: day(20),
                voting: day(50),
                voting_end: day(70),
            }
        }
        "tryggare-parker-2026" => {
            settings.rule = CountingRule::EqualShares;
            PhaseDates {
                information: day(-90),
                proposals: day(-70),
                review: day(-40),
                voting: day(-5),
                voting_end: day(20),
            }
        }
        "fritidsgardar-2026" => PhaseDates {
            information: day(-300),
            proposals: day(-270),
            review: day(-240),
            voting: day(-210),
            voting_end: day(-190),
        },
        _ => PhaseDates {
            information: day(-700),
            proposals: day(-670),
            review: day(-640),
            voting: day(-610),
            voting_end: day(-590),
        },
    };
    settings
}
