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

/// The administrator makes `email` a partner of `namnd` for `organisation`, with the groups
/// born abroad and 16–19.
async fn make_partner(
    admin: &Visitor,
    email: &str,
    namnd: &str,
    organisation: &str,
) -> reqwest::Response {
    admin
        .post_form(
            SetAccountRole::PATH,
            &paths::admin_accounts(),
            &[
                ("email", email),
                ("role", "partner"),
                ("namnd_id", namnd),
                ("locale", "sv"),
                ("organisation", organisation),
                ("groups[born:abroad]", "born:abroad"),
                ("groups[age:16-19]", "age:16-19"),
            ],
        )
        .await
}

/// A partner needs a name and groups: both explained, what was typed kept.
async fn assert_a_partner_needs_a_name_and_groups(admin: &Visitor, namnd: &str) {
    let refused = admin
        .post_form(
            SetAccountRole::PATH,
            &paths::admin_accounts(),
            &[
                ("email", "forening@exempel.se"),
                ("role", "partner"),
                ("namnd_id", namnd),
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
}

/// The account `email` is stored as the partner the form made; returns it.
async fn assert_stored_as_partner_with_its_groups(app: &TestApp, email: &str) -> account::Model {
    let row = account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.role, "partner");
    assert_eq!(row.organisation.as_deref(), Some("Somaliska föreningen"));
    assert_eq!(row.partner_groups.as_deref(), Some("age:16-19,born:abroad"));
    row
}

fn baseline_form(slug: &str) -> Vec<(String, String)> {
    fields(&[("slug", slug), ("locale", "sv"), ("csv", BASELINE)])
}

/// Staff import the baseline; ten voters answer: five young and born abroad, five 45–64 and
/// born in Sweden.
async fn ten_voters_answer(app: &TestApp, staff: &Visitor, slug: &str, project: i64) {
    let dashboard = paths::participation(slug);
    post(staff, SaveBaseline::PATH, &dashboard, &baseline_form(slug)).await;
    let vote = paths::vote(slug);
    for n in 0..10 {
        let voter = app.session_for(&format!("rostande{n}@exempel.se")).await;
        post(&voter, CastBallot::PATH, &vote, &choices(&[project])).await;
        let (age, born) = if n < 5 {
            ("16-19", "abroad")
        } else {
            ("45-64", "sweden")
        };
        let answers = fields(&[
            ("slug", slug),
            ("locale", "sv"),
            ("form[age]", age),
            ("form[born]", born),
            ("form[gender]", if n % 2 == 0 { "woman" } else { "man" }),
        ]);
        post(
            &voter,
            AnswerQuestions::PATH,
            &paths::receipt(slug),
            &answers,
        )
        .await;
    }
}

/// The partner's start page lists the round and names its groups.
async fn assert_the_partner_home_lists_the_round_and_its_groups(partner: &Visitor, slug: &str) {
    let home = partner.get(&paths::partner()).await.html().await;
    assert!(
        home.contains("Omröstning") && home.contains(&group_name("born:abroad")),
        "{home}"
    );
    assert!(home.contains(paths::partner_participation(slug).as_str()));
}

/// Its groups' figures, nothing more; staff see all.
async fn assert_the_partner_sees_its_groups_figures_only(
    partner: &Visitor,
    staff: &Visitor,
    slug: &str,
) {
    let page = partner
        .get(&paths::partner_participation(slug))
        .await
        .html()
        .await;
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
    let staff_page = staff.get(&paths::participation(slug)).await.html().await;
    assert!(staff_page.contains(&row_of("born:sweden")), "staff see all");
}

/// Outreach for another group is refused at the field; for its own it is recorded; staff
/// record one of their own.
async fn the_partner_and_staff_record_outreach(partner: &Visitor, staff: &Visitor, slug: &str) {
    let page_path = paths::partner_participation(slug);
    let response = post(
        partner,
        RecordOutreach::PATH,
        &page_path,
        &outreach(slug, "Moskén", "age:45-64"),
    )
    .await;
    let html = partner.follow(&response).await.html().await;
    assert_field_error(&html, "group", Code::GroupNotPartner);
    let response = post(
        partner,
        RecordOutreach::PATH,
        &page_path,
        &outreach(slug, "Föreningslokalen", "born:abroad"),
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
        staff,
        RecordOutreach::PATH,
        &paths::participation(slug),
        &outreach(slug, "Torget", ""),
    )
    .await;
}

/// Two actions are stored; the partner sees its own only, staff see both.
async fn assert_the_partner_sees_its_own_outreach_only(
    app: &TestApp,
    partner: &Visitor,
    staff: &Visitor,
    slug: &str,
) {
    let actions = outreach_action::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(actions.len(), 2);
    let page = partner
        .get(&paths::partner_participation(slug))
        .await
        .html()
        .await;
    assert!(
        page.contains("Föreningslokalen") && !page.contains("Torget"),
        "its own only"
    );
    let staff_page = staff.get(&paths::participation(slug)).await.html().await;
    assert!(staff_page.contains("Föreningslokalen") && staff_page.contains("Torget"));
}

/// No staff powers: no baseline import, no staff pages.
async fn assert_a_partner_has_no_staff_powers(partner: &Visitor, slug: &str) {
    let page_path = paths::partner_participation(slug);
    let response = post(
        partner,
        SaveBaseline::PATH,
        &page_path,
        &baseline_form(slug),
    )
    .await;
    assert_eq!(refusal(&response), AppError::Forbidden);
    assert_eq!(partner.get(&paths::staff_ballots(slug)).await.status(), 403);
}

/// A partner of another nämnd and a resident see nothing of it.
async fn assert_others_see_nothing_of_it(app: &TestApp, other: &Visitor, slug: &str) {
    let page_path = paths::partner_participation(slug);
    assert_eq!(other.get(&page_path).await.status(), 403);
    let resident = app.signed_in("boende@exempel.se").await;
    assert_eq!(resident.get(&paths::partner()).await.status(), 403);
    assert_eq!(resident.get(&page_path).await.status(), 403);
}

/// A round not under way is not a partner's: a draft of the same nämnd is not shown.
async fn assert_a_draft_is_not_the_partners(staff: &Visitor, partner: &Visitor) {
    let draft = create_round(staff, "Utkast i parken").await;
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
}

/// While voting runs the partner starts a kiosk at its meeting place; another nämnd's partner
/// may not.
async fn assert_the_partner_starts_a_kiosk_and_no_other(
    app: &TestApp,
    partner: &Visitor,
    partner_id: i64,
    other: &Visitor,
    slug: &str,
) {
    let page_path = paths::partner_participation(slug);
    let start = fields(&[
        ("slug", slug),
        ("locale", "sv"),
        ("form[place]", "Föreningslokalen"),
        ("form[pin]", "2468"),
    ]);
    let response = post(partner, StartKiosk::PATH, &page_path, &start).await;
    assert_redirects_to(&response, &paths::kiosk());
    let started = kiosk::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(started.place, "Föreningslokalen");
    assert_eq!(started.started_by, partner_id);
    let response = post(other, StartKiosk::PATH, &page_path, &start).await;
    assert_eq!(
        refusal(&response),
        AppError::Forbidden,
        "not another nämnd's partner"
    );
}

on_both_databases!(
    a_partner_needs_an_organisation_and_groups_explained_at_their_fields,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let admin = person(&app, "admin@kommun.se", "admin", None).await;
        assert_a_partner_needs_a_name_and_groups(&admin, &town.parks.to_string()).await;
    }
);

on_both_databases!(
    a_partner_sees_its_groups_records_its_outreach_and_runs_a_kiosk,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let parks = namnd_id(&app, "parker").await;
        let culture = namnd_id(&app, "kultur").await;
        let admin = person(&app, "admin@kommun.se", "admin", None).await;

        // Arrange: a partner of the round's nämnd, one of another nämnd, and ten voters who
        // answered the questions.
        let email = "forening@exempel.se";
        let saved = make_partner(&admin, email, &parks, "Somaliska föreningen").await;
        assert_redirects_to(&saved, &paths::admin_accounts().query("saved", 1));
        let partner_id = assert_stored_as_partner_with_its_groups(&app, email)
            .await
            .id;
        make_partner(&admin, "kultur@exempel.se", &culture, "Kulturföreningen").await;
        ten_voters_answer(&app, &staff, &slug, ids[0]).await;

        // Act and assert: what the partner sees and does.
        let partner = app.signed_in(email).await;
        assert_the_partner_home_lists_the_round_and_its_groups(&partner, &slug).await;
        assert_the_partner_sees_its_groups_figures_only(&partner, &staff, &slug).await;
        the_partner_and_staff_record_outreach(&partner, &staff, &slug).await;
        assert_the_partner_sees_its_own_outreach_only(&app, &partner, &staff, &slug).await;
        assert_a_partner_has_no_staff_powers(&partner, &slug).await;
        let other = app.signed_in("kultur@exempel.se").await;
        assert_others_see_nothing_of_it(&app, &other, &slug).await;
        assert_a_draft_is_not_the_partners(&staff, &partner).await;
        assert_the_partner_starts_a_kiosk_and_no_other(&app, &partner, partner_id, &other, &slug)
            .await;
    }
);
