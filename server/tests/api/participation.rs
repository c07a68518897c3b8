//! Equal participation: the baseline import with an error per bad line, voluntary answers
//! stored once and apart from identity, the dashboard flagging exactly the groups that are
//! missing with small counts suppressed, and one notice to staff per group that falls under.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::participation::{AnswerQuestions, RecordOutreach, SaveBaseline, SaveBaselineCounts};
use app::api::voting::CastBallot;
use app::error::AppError;
use app::i18n::Locale;
use app::paths;
use app::ssr::entity::{outbox, outreach_action, population_baseline, sealed_answer};

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

/// A young municipality where most residents were born abroad, so that twelve participants
/// who are all 30–64 and born in Sweden are clearly not like it.
const BASELINE: &str = "area;dimension;group;count
all;age;16-19;20000
all;age;20-29;20000
all;age;30-44;5000
all;age;45-64;5000
all;born;sweden;10000
all;born;abroad;40000
";

/// The Swedish name pages give the group `key` ("age:16-19", "born:abroad").
fn group_name(key: &str) -> String {
    app::names::group(Locale::sv, key.parse().unwrap(), |_| {
        unreachable!("no area groups")
    })
}

fn answers(slug: &str, age: &str, born: &str, gender: &str) -> Vec<(String, String)> {
    [
        ("slug", slug),
        ("locale", "sv"),
        ("form[age]", age),
        ("form[born]", born),
        ("form[gender]", gender),
        ("form[education]", ""),
        ("form[occupation]", "skip"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// The baseline form with `csv`.
fn baseline_form(slug: &str, csv: &str) -> Vec<(String, String)> {
    vec![
        ("slug".to_owned(), slug.to_owned()),
        ("locale".to_owned(), "sv".to_owned()),
        ("csv".to_owned(), csv.to_owned()),
    ]
}

/// A baseline with two bad lines: both reported with their line, the text kept, nothing stored.
async fn assert_bad_baseline_lines_are_named_and_nothing_is_stored(
    app: &TestApp,
    staff: &Visitor,
    slug: &str,
) {
    let bad =
        "area;dimension;group;count\nall;age;16-19;3000\nall;age;17-18;10\nnowhere;born;sweden;5\n";
    let dashboard = paths::participation(slug);
    let response = post(
        staff,
        SaveBaseline::PATH,
        &dashboard,
        &baseline_form(slug, bad),
    )
    .await;
    let lines: Vec<(String, Code, Option<usize>)> = refusal(&response)
        .form()
        .expect("a form error")
        .errors
        .iter()
        .map(|e| (e.field.clone(), e.code, e.line))
        .collect();
    assert_eq!(
        lines,
        [
            ("csv".to_owned(), Code::BaselineGroupUnknown, Some(3)),
            ("csv".to_owned(), Code::BaselineAreaUnknown, Some(4)),
        ]
    );
    let page = staff.follow(&response).await.html().await;
    for (line, code, key) in [
        (
            3,
            Code::BaselineGroupUnknown,
            "error.baseline_group_unknown",
        ),
        (4, Code::BaselineAreaUnknown, "error.baseline_area_unknown"),
    ] {
        assert_field_error(&page, "csv", code);
        let text = tr("sv", key, &[]);
        assert!(
            page.contains(&tr(
                "sv",
                "error.on_line",
                &[("line", &line), ("text", &text)]
            )),
            "the page names line {line}: {page}"
        );
    }
    assert!(page.contains("all;age;17-18;10"), "the text is kept");
    assert_eq!(
        population_baseline::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

/// Staff import the young municipality's baseline.
async fn import_the_baseline(staff: &Visitor, slug: &str) {
    let dashboard = paths::participation(slug);
    let response = post(
        staff,
        SaveBaseline::PATH,
        &dashboard,
        &baseline_form(slug, BASELINE),
    )
    .await;
    assert_redirects_to(&response, &dashboard.clone().query("saved", 1));
}

/// Someone who has not taken part cannot answer.
async fn assert_an_outsider_cannot_answer(outsider: &Visitor, slug: &str) {
    let response = post(
        outsider,
        AnswerQuestions::PATH,
        &paths::home(),
        &answers(slug, "45-64", "sweden", "woman"),
    )
    .await;
    assert_eq!(
        issues(&refusal(&response)),
        [(String::new(), Code::AnswersNotParticipant)]
    );
}

/// Twelve voters, all 30–64 and born in Sweden, vote and answer (the first tries twice);
/// the young and those born abroad are missing.
async fn twelve_middle_aged_voters_born_in_sweden_answer(app: &TestApp, slug: &str, project: i64) {
    let from = paths::vote(slug);
    let receipt_page = paths::receipt(slug);
    let asked = tr("sv", "participation.answers_title", &[]);
    for n in 0..12 {
        let voter = app.session_for(&format!("deltagare{n}@exempel.se")).await;
        post(&voter, CastBallot::PATH, &from, &choices(&[project])).await;
        let age = if n % 2 == 0 { "30-44" } else { "45-64" };
        let gender = if n % 3 == 0 { "man" } else { "woman" };
        let response = post(
            &voter,
            AnswerQuestions::PATH,
            &receipt_page,
            &answers(slug, age, "sweden", gender),
        )
        .await;
        assert_redirects_to(&response, &receipt_page.clone().query("answered", 1));
        if n == 0 {
            // Answering again counts nothing twice.
            post(
                &voter,
                AnswerQuestions::PATH,
                &receipt_page,
                &answers(slug, "16-19", "abroad", "man"),
            )
            .await;
            let receipt = voter.get(&receipt_page).await.html().await;
            assert!(!receipt.contains(&asked), "not asked again");
        }
    }
    assert_eq!(
        sealed_answer::Entity::find().count(&app.db).await.unwrap(),
        12
    );
}

/// The dashboard flags exactly the missing groups, counts the participants and suppresses the
/// small groups.
async fn assert_the_dashboard_flags_exactly_the_missing_groups(staff: &Visitor, slug: &str) {
    let page = staff.get(&paths::participation(slug)).await.html().await;
    let flagged = page
        .split(&tr_start("sv", "participation.flagged", &[]))
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_owned();
    let missing = ["age:16-19", "age:20-29", "born:abroad"].map(group_name);
    assert_eq!(flagged, missing.join(", "), "{page}");
    assert!(page.contains(&tr("sv", "participation.participants", &[("count", &12)])));
    assert!(
        page.contains(&tr("sv", "participation.suppressed", &[])),
        "the four men aged 30–44 or 45–64 are not shown as such"
    );
}

/// The round's staff, and only they, are told once about each group that falls under.
async fn assert_staff_are_told_once_per_missing_group(app: &TestApp) {
    let alerts: Vec<outbox::Model> = outbox::Entity::find()
        .filter(outbox::Column::EventKey.starts_with("participation-alert:"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(!alerts.is_empty() && alerts.iter().all(|m| m.recipient == "staff@parker.se"));
    for group in ["16-19 år", "20-29 år", "Född utomlands"] {
        let told = alerts
            .iter()
            .filter(|m| m.body_text.contains(group))
            .count();
        assert_eq!(told, 1, "staff are told about {group} once");
    }
}

/// The evaluation report: the round's staff see it while voting runs, others not yet.
async fn assert_only_staff_see_the_evaluation_while_voting_runs(
    staff: &Visitor,
    outsider: &Visitor,
    slug: &str,
) {
    let report = paths::evaluation(slug);
    let csv = paths::evaluation_csv(slug);
    assert_eq!(outsider.get(&report).await.status(), 404);
    assert_eq!(outsider.get(&csv).await.status(), 404);
    assert_eq!(staff.get(&report).await.status(), 200);
    assert_eq!(staff.get(&csv).await.status(), 200);
}

/// After the vote the public report names the groups and suppresses the small ones.
async fn assert_the_public_evaluation_report_suppresses_small_groups(app: &TestApp, slug: &str) {
    let page = app
        .visitor()
        .get(&paths::evaluation(slug))
        .await
        .html()
        .await;
    assert!(
        page.contains(&tr("sv", "evaluation.title", &[("round", &"Omröstning")]))
            && page.contains(&group_name("born:abroad")),
        "{page}"
    );
    assert!(page.contains(&tr("sv", "participation.suppressed", &[])));
}

/// The evaluation export is a CSV without small counts, with the flag.
async fn assert_the_evaluation_export_has_no_small_counts(app: &TestApp, slug: &str) {
    let response = app.visitor().get(&paths::evaluation_csv(slug)).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = response.text().await.unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[..6],
        [
            "area",
            "slice",
            "question",
            "group",
            "participants",
            "suppressed"
        ]
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let men_by_age: Vec<&Vec<&str>> = rows
        .iter()
        .filter(|r| r[0].is_empty() && r[1] == "men" && r[2] == "age")
        .collect();
    assert!(!men_by_age.is_empty());
    assert!(
        men_by_age.iter().all(|r| r[4].is_empty() && r[5] == "true"),
        "four men are never shown by age: {men_by_age:?}"
    );
    for row in &rows {
        if let Ok(n) = row[4].parse::<u64>() {
            assert!(n >= 5, "no small count in the export: {row:?}");
        }
    }
    assert!(
        rows.iter()
            .any(|r| r[1] == "all" && r[2] == "born" && r[3] == "abroad" && r[13] == "true"),
        "the flag is exported"
    );
}

on_both_databases!(
    a_baseline_with_bad_lines_names_each_line_and_stores_nothing,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        assert_bad_baseline_lines_are_named_and_nothing_is_stored(&app, &staff, &slug).await;
    }
);

on_both_databases!(
    the_dashboard_flags_exactly_the_missing_groups_and_staff_are_told_once,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;

        // Arrange: the baseline, and twelve voters who are not like the municipality.
        import_the_baseline(&staff, &slug).await;
        let outsider = app.signed_in("utanfor@exempel.se").await;
        assert_an_outsider_cannot_answer(&outsider, &slug).await;
        twelve_middle_aged_voters_born_in_sweden_answer(&app, &slug, ids[0]).await;

        // Assert: the dashboard and the alerts; a resident sees nothing of it.
        assert_the_dashboard_flags_exactly_the_missing_groups(&staff, &slug).await;
        assert_staff_are_told_once_per_missing_group(&app).await;
        assert_eq!(
            outsider.get(&paths::participation(&slug)).await.status(),
            403
        );

        // The evaluation report: the round's staff see it while voting runs, others later.
        assert_only_staff_see_the_evaluation_while_voting_runs(&staff, &outsider, &slug).await;
        move_to(&staff, &slug, "deliberation").await;
        assert_the_public_evaluation_report_suppresses_small_groups(&app, &slug).await;
        assert_the_evaluation_export_has_no_small_counts(&app, &slug).await;
    }
);

/// The outreach form of the dashboard.
fn outreach_form(slug: &str, place: &str, group: &str, reached: &str) -> Vec<(String, String)> {
    [
        ("slug", slug),
        ("locale", "sv"),
        ("form[day]", "2026-11-20"),
        ("form[place]", place),
        ("form[group]", group),
        ("form[reached]", reached),
        ("form[note]", "Samtal om förslagen vid fritidsgården."),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

async fn outreach_count(app: &TestApp) -> u64 {
    outreach_action::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

/// A bad outreach action is explained at its fields, the note kept, nothing stored.
async fn assert_a_bad_outreach_is_explained_at_its_fields(
    app: &TestApp,
    staff: &Visitor,
    slug: &str,
) {
    let response = post(
        staff,
        RecordOutreach::PATH,
        &paths::participation(slug),
        &outreach_form(slug, "", "age:17-18", "-3"),
    )
    .await;
    let page = staff.follow(&response).await.html().await;
    assert_field_error(&page, "place", Code::PlaceEmpty);
    assert_field_error(&page, "reached", Code::ReachedInvalid);
    assert!(
        page.contains("Samtal om förslagen vid fritidsgården."),
        "the note is kept"
    );
    assert_eq!(outreach_count(app).await, 0);
}

/// A resident may not record outreach.
async fn assert_a_resident_may_not_record_outreach(app: &TestApp, slug: &str) {
    let resident = app.signed_in("boende@exempel.se").await;
    let response = post(
        &resident,
        RecordOutreach::PATH,
        &paths::participation(slug),
        &outreach_form(slug, "Torget", "", ""),
    )
    .await;
    assert_eq!(refusal(&response), AppError::Forbidden);
    assert_eq!(outreach_count(app).await, 0);
}

/// Staff record an action; the timeline shows it on its day with place, group and reach.
async fn assert_recorded_outreach_is_on_the_timeline(staff: &Visitor, slug: &str) {
    let dashboard = paths::participation(slug);
    let response = post(
        staff,
        RecordOutreach::PATH,
        &dashboard,
        &outreach_form(slug, "Fritidsgården Norr", "age:16-19", "35"),
    )
    .await;
    assert_redirects_to(
        &response,
        &dashboard
            .clone()
            .query("outreach", 1)
            .fragment("outreach-heading"),
    );
    let page = staff.get(&dashboard).await.html().await;
    let row = page
        .split("<th scope=\"row\">2026-11-20</th>")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_default();
    assert!(
        row.contains("Fritidsgården Norr")
            && row.contains(&group_name("age:16-19"))
            && row.contains(&tr(
                "sv",
                "participation.outreach_reached",
                &[("count", &35)]
            )),
        "{page}"
    );
}

on_both_databases!(
    outreach_actions_are_checked_and_read_on_the_participation_timeline,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        assert_a_bad_outreach_is_explained_at_its_fields(&app, &staff, &slug).await;
        assert_a_resident_may_not_record_outreach(&app, &slug).await;
        assert_recorded_outreach_is_on_the_timeline(&staff, &slug).await;
    }
);

/// The heading of the hand-typed baseline form for `scope`.
fn hand_heading(scope: &str) -> String {
    tr("sv", "participation.hand_heading", &[("scope", &scope)])
}

/// The hand-typed baseline form for `scope` ("all" or an area's id) with `pairs`.
fn typed(slug: &str, pairs: &[(&str, &str)], scope: &str) -> Vec<(String, String)> {
    let mut fields = vec![
        ("slug".to_owned(), slug.to_owned()),
        ("locale".to_owned(), "sv".to_owned()),
        ("scope".to_owned(), scope.to_owned()),
    ];
    fields.extend(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    fields
}

/// Staff post hand-typed counts for `scope`.
async fn type_counts(
    staff: &Visitor,
    slug: &str,
    pairs: &[(&str, &str)],
    scope: &str,
) -> reqwest::Response {
    let dashboard = paths::participation(slug);
    post(
        staff,
        SaveBaselineCounts::PATH,
        &dashboard,
        &typed(slug, pairs, scope),
    )
    .await
}

/// A count that is no number is explained at its field, what was typed kept, nothing stored.
async fn assert_a_bad_count_is_explained_at_its_field(app: &TestApp, staff: &Visitor, slug: &str) {
    let pairs = [("count[age-12-15]", "2 400"), ("count[age-16-19]", "många")];
    let response = type_counts(staff, slug, &pairs, "all").await;
    let page = staff.follow(&response).await.html().await;
    assert_field_error(&page, "count[age-16-19]", Code::BaselineCountInvalid);
    assert!(
        page.contains("value=\"många\"") && page.contains("value=\"2 400\""),
        "kept"
    );
    assert_eq!(
        population_baseline::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

/// The area `slug` as stored.
async fn area_of(app: &TestApp, slug: &str) -> app::ssr::entity::area::Model {
    app::ssr::entity::area::Entity::find()
        .filter(app::ssr::entity::area::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The whole municipality's counts, then one area's own (no area question within an area):
/// all stored in the one baseline.
async fn assert_counts_typed_per_scope_are_stored(
    app: &TestApp,
    staff: &Visitor,
    slug: &str,
    north: i64,
) {
    let pairs = [("count[age-12-15]", "2 400"), ("count[age-16-19]", "1800")];
    let response = type_counts(staff, slug, &pairs, "all").await;
    let saved = paths::participation(slug).query("saved", 1);
    assert_redirects_to(&response, &saved.clone().fragment("hand-heading"));
    let pairs = [("count[age-12-15]", "300"), ("count[area-1]", "9")];
    let response = type_counts(staff, slug, &pairs, &north.to_string()).await;
    assert_redirects_to(
        &response,
        &saved.query("area", north).fragment("hand-heading"),
    );
    let stored = population_baseline::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for line in [
        "all;age;12-15;2400",
        "all;age;16-19;1800",
        "norr;age;12-15;300",
    ] {
        assert!(stored.csv.contains(line), "{line} in {}", stored.csv);
    }
}

/// The area's dashboard names the area in its form and tables and shows what is stored.
async fn assert_the_area_dashboard_shows_its_counts(staff: &Visitor, slug: &str, north: i64) {
    let page = staff
        .get(&paths::participation(slug).query("area", north))
        .await
        .html()
        .await;
    assert!(page.contains(&hand_heading("Norr")));
    let age = tr("sv", "participation.q_age", &[]);
    assert!(
        page.contains(&tr(
            "sv",
            "participation.caption_area",
            &[("question", &age), ("area", &"Norr")]
        )),
        "the tables name the area: {page}"
    );
    assert!(
        page.contains("value=\"300\""),
        "the form shows what is stored"
    );
}

on_both_databases!(
    staff_type_the_baseline_by_hand_per_scope_with_errors_at_the_fields,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let page = staff.get(&paths::participation(&slug)).await.html().await;
        let everyone = tr("sv", "participation.whole_municipality", &[]);
        assert!(page.contains(&hand_heading(&everyone)), "{page}");

        assert_a_bad_count_is_explained_at_its_field(&app, &staff, &slug).await;
        let north = area_of(&app, "norr").await.id;
        assert_counts_typed_per_scope_are_stored(&app, &staff, &slug, north).await;
        assert_the_area_dashboard_shows_its_counts(&staff, &slug, north).await;

        // A resident cannot.
        let resident = app.signed_in("boende@exempel.se").await;
        let response = type_counts(&resident, &slug, &[("count[age-12-15]", "1")], "all").await;
        assert_eq!(refusal(&response), AppError::Forbidden);
    }
);

on_both_databases!(
    a_proposer_is_asked_the_questions_once_after_submitting,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let staff = person(&app, "staff@parker.se", "staff", Some(town.parks)).await;
        let slug = create_round(&staff, "Förslag i parken").await;
        set_phase(&app, &slug, "proposals").await;
        let author = app.signed_in("forslag@exempel.se").await;
        let id = submit_proposal(&author, &slug, "Fler bänkar", "50000").await;
        let submitted = paths::proposal(&slug, id).query("submitted", 1);
        let asked = tr("sv", "participation.answers_title", &[]);
        let page = author.get(&submitted).await.html().await;
        assert!(page.contains(&asked), "{page}");
        assert!(page.contains(&format!("name=\"proposal\" value=\"{id}\"")));
        let other = app.signed_in("annan@exempel.se").await;
        let page = other.get(&submitted).await.html().await;
        assert!(!page.contains(&asked), "the author only");

        let mut fields = answers(&slug, "20-29", "abroad", "woman");
        fields.push(("proposal".to_owned(), id.to_string()));
        let response = post(&author, AnswerQuestions::PATH, &submitted, &fields).await;
        assert_redirects_to(&response, &paths::proposal(&slug, id).query("answered", 1));
        let page = author.follow(&response).await.html().await;
        assert!(page.contains(&tr("sv", "participation.answers_thanks", &[])));
        assert_eq!(
            sealed_answer::Entity::find().count(&app.db).await.unwrap(),
            1
        );
        let page = author.get(&submitted).await.html().await;
        assert!(!page.contains(&asked), "asked once");
    }
);
