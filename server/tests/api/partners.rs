//! Partner associations: an administrator gives an account the partner role with its
//! organisation and groups (each missing part explained at its field); the partner sees the
//! rounds of its nämnd, the figures of its groups and nothing more, records outreach for its
//! groups only, sees its own outreach, and starts a kiosk; others' partners see nothing.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::api::admin::SetAccountRole;
use app::api::kiosk::StartKiosk;
use app::api::participation::{AnswerQuestions, RecordOutreach, SaveBaseline};
use app::api::voting::CastBallot;
use app::error::AppError;
use app::i18n::Locale;
use app::paths;
use app::ssr::entity::{account, kiosk, namnd, outreach_action};

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

const BASELINE: &str = "area;dimension;group;count
all;age;16-19;5000
all;age;45-64;5000
all;born;sweden;5000
all;born;abroad;5000
";

/// The Swedish name pages give the group `key` ("age:16-19", "born:abroad").
fn group_name(key: &str) -> String {
    app::names::group(Locale::sv, key.parse().unwrap(), |_| {
        unreachable!("no area groups")
    })
}

/// A row heading of a participation table naming the group `key`.
fn row_of(key: &str) -> String {
    format!("scope=\"row\">{}<", group_name(key))
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

async fn namnd_id(app: &TestApp, slug: &str) -> String {
    let row = namnd::Entity::find()
        .filter(namnd::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    row.id.to_string()
}

fn outreach(slug: &str, place: &str, group: &str) -> Vec<(String, String)> {
    fields(&[
        ("slug", slug),
        ("locale", "sv"),
        ("form[day]", "2026-11-25"),
        ("form[place]", place),
        ("form[group]", group),
        ("form[reached]", "12"),
        ("form[note]", ""),
    ])
}

on_both_databases!(
    a_partner_sees_its_groups_records_its_outreach_and_runs_a_kiosk,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let parks = namnd_id(&app, "parker").await;
        let culture = namnd_id(&app, "kultur").await;
        let admin = person(&app, "admin@kommun.se", "admin", None).await;

        // A partner needs a name and groups: both explained, what was typed kept.
        let from = &paths::admin_accounts();
        let refused = admin
            .post_form(
                SetAccountRole::PATH,
                from,
                &[
                    ("email", "forening@exempel.se"),
                    ("role", "partner"),
                    ("namnd_id", &parks),
                    ("locale", "sv"),
                    ("organisation", " "),
                ],
            )
            .await;
        let html = admin.follow(&refused).await.html().await;
        assert_field_error(&html, "organisation", Code::OrganisationEmpty);
        assert_field_error(&html, "groups", Code::GroupsEmpty);
        assert!(
            html.contains("value=\"forening@exempel.se\""),
            "the address is kept"
        );
        let role = |email: &'static str, namnd: String, organisation: &'static str| {
            let admin = &admin;
            async move {
                admin
                    .post_form(
                        SetAccountRole::PATH,
                        from,
                        &[
                            ("email", email),
                            ("role", "partner"),
                            ("namnd_id", &namnd),
                            ("locale", "sv"),
                            ("organisation", organisation),
                            ("groups[born:abroad]", "born:abroad"),
                            ("groups[age:16-19]", "age:16-19"),
                        ],
                    )
                    .await
            }
        };
        let saved = role("forening@exempel.se", parks.clone(), "Somaliska föreningen").await;
        assert_redirects_to(&saved, &from.clone().query("saved", 1));
        let row = account::Entity::find()
            .filter(account::Column::Email.eq("forening@exempel.se"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.role, "partner");
        assert_eq!(row.organisation.as_deref(), Some("Somaliska föreningen"));
        assert_eq!(row.partner_groups.as_deref(), Some("age:16-19,born:abroad"));
        role("kultur@exempel.se", culture, "Kulturföreningen").await;

        // Ten voters answer: five young and born abroad, five 45–64 and born in Sweden.
        let baseline = fields(&[("slug", &slug), ("locale", "sv"), ("csv", BASELINE)]);
        let dashboard = paths::participation(&slug);
        post(&staff, SaveBaseline::PATH, &dashboard, &baseline).await;
        let vote = paths::vote(&slug);
        for n in 0..10 {
            let voter = app.session_for(&format!("rostande{n}@exempel.se")).await;
            post(&voter, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
            let (age, born) = if n < 5 {
                ("16-19", "abroad")
            } else {
                ("45-64", "sweden")
            };
            let answers = fields(&[
                ("slug", &slug),
                ("locale", "sv"),
                ("form[age]", age),
                ("form[born]", born),
                ("form[gender]", if n % 2 == 0 { "woman" } else { "man" }),
            ]);
            post(
                &voter,
                AnswerQuestions::PATH,
                &paths::receipt(&slug),
                &answers,
            )
            .await;
        }

        // The partner's start page lists the round and names its groups.
        let partner = app.signed_in("forening@exempel.se").await;
        let home = partner.get(&paths::partner()).await.html().await;
        assert!(
            home.contains("Omröstning") && home.contains(&group_name("born:abroad")),
            "{home}"
        );
        let page_path = paths::partner_participation(&slug);
        assert!(home.contains(page_path.as_str()));

        // Its groups' figures, nothing more.
        let page = partner.get(&page_path).await.html().await;
        assert!(page.contains(&row_of("born:abroad")), "{page}");
        assert!(page.contains(&row_of("age:16-19")));
        assert!(!page.contains(&row_of("born:sweden")), "not its group");
        assert!(
            !page.contains(&group_name("age:45-64")),
            "not its group, not even as a choice"
        );
        // The sentence that says how many answered, whatever the number.
        let answered = tr("sv", "participation.participants", &[("count", &"")]);
        assert!(!page.contains(&answered), "not how many took part");
        assert!(!page.contains("name=\"csv\""), "no baseline import");
        let staff_page = staff.get(&dashboard).await.html().await;
        assert!(staff_page.contains(&row_of("born:sweden")), "staff see all");

        // Outreach for another group is refused at the field; for its own it is recorded.
        let response = post(
            &partner,
            RecordOutreach::PATH,
            &page_path,
            &outreach(&slug, "Moskén", "age:45-64"),
        )
        .await;
        let html = partner.follow(&response).await.html().await;
        assert_field_error(&html, "group", Code::GroupNotPartner);
        let response = post(
            &partner,
            RecordOutreach::PATH,
            &page_path,
            &outreach(&slug, "Föreningslokalen", "born:abroad"),
        )
        .await;
        assert_redirects_to(
            &response,
            &page_path
                .clone()
                .query("outreach", 1)
                .fragment("outreach-heading"),
        );
        post(
            &staff,
            RecordOutreach::PATH,
            &dashboard,
            &outreach(&slug, "Torget", ""),
        )
        .await;
        let actions = outreach_action::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(actions.len(), 2);
        let page = partner.get(&page_path).await.html().await;
        assert!(
            page.contains("Föreningslokalen") && !page.contains("Torget"),
            "its own only"
        );
        let staff_page = staff.get(&dashboard).await.html().await;
        assert!(staff_page.contains("Föreningslokalen") && staff_page.contains("Torget"));

        // No staff powers: no baseline import, no staff pages.
        let response = post(&partner, SaveBaseline::PATH, &page_path, &baseline).await;
        assert_eq!(refusal(&response), AppError::Forbidden);
        assert_eq!(
            partner.get(&paths::staff_ballots(&slug)).await.status(),
            403
        );

        // A partner of another nämnd and a resident see nothing of it.
        let other = app.signed_in("kultur@exempel.se").await;
        assert_eq!(other.get(&page_path).await.status(), 403);
        let resident = app.signed_in("boende@exempel.se").await;
        assert_eq!(resident.get(&paths::partner()).await.status(), 403);
        assert_eq!(resident.get(&page_path).await.status(), 403);

        // A round not under way is not a partner's: a draft of the same nämnd is not shown.
        let draft = create_round(&staff, "Utkast i parken").await;
        assert_eq!(
            partner
                .get(&paths::partner_participation(&draft))
                .await
                .status(),
            404
        );
        assert!(
            !partner
                .get(&paths::partner())
                .await
                .html()
                .await
                .contains("Utkast i parken")
        );

        // While voting runs the partner starts a kiosk at its meeting place.
        let start = fields(&[
            ("slug", &slug),
            ("locale", "sv"),
            ("form[place]", "Föreningslokalen"),
            ("form[pin]", "2468"),
        ]);
        let response = post(&partner, StartKiosk::PATH, &page_path, &start).await;
        assert_redirects_to(&response, &paths::kiosk());
        let started = kiosk::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!(started.place, "Föreningslokalen");
        assert_eq!(started.started_by, row.id);
        let response = post(&other, StartKiosk::PATH, &page_path, &start).await;
        assert_eq!(
            refusal(&response),
            AppError::Forbidden,
            "not another nämnd's partner"
        );
    }
);
