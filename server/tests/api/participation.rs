//! Equal participation: the baseline import with an error per bad line, voluntary answers
//! stored once and apart from identity, the dashboard flagging exactly the groups that are
//! missing with small counts suppressed, and one notice to staff per group that falls under.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::participation::{AnswerQuestions, RecordOutreach, SaveBaseline, SaveBaselineCounts};
use app::api::voting::CastBallot;
use app::error::AppError;
use app::i18n::Locale;
use app::paths;
use app::ssr::entity::{outbox, outreach_action, participant_response, population_baseline};

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

on_both_databases!(
    the_dashboard_flags_exactly_the_missing_groups_and_staff_are_told_once,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let dashboard = paths::participation(&slug);

        // A baseline with two bad lines: both reported with their line, nothing stored.
        let bad = "area;dimension;group;count\nall;age;16-19;3000\nall;age;17-18;10\nnowhere;born;sweden;5\n";
        let fields = vec![
            ("slug".to_owned(), slug.clone()),
            ("locale".to_owned(), "sv".to_owned()),
            ("csv".to_owned(), bad.to_owned()),
        ];
        let response = post(&staff, SaveBaseline::PATH, &dashboard, &fields).await;
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
        let mut good = fields.clone();
        good[2].1 = BASELINE.to_owned();
        let response = post(&staff, SaveBaseline::PATH, &dashboard, &good).await;
        assert_redirects_to(&response, &dashboard.clone().query("saved", 1));

        // Someone who has not taken part cannot answer.
        let outsider = app.signed_in("utanfor@exempel.se").await;
        let response = post(
            &outsider,
            AnswerQuestions::PATH,
            &paths::home(),
            &answers(&slug, "45-64", "sweden", "woman"),
        )
        .await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::AnswersNotParticipant)]
        );

        // Twelve voters, all 30–64 and born in Sweden: the young and those born abroad are missing.
        let from = paths::vote(&slug);
        let receipt_page = paths::receipt(&slug);
        let asked = tr("sv", "participation.answers_title", &[]);
        for n in 0..12 {
            let voter = app.session_for(&format!("deltagare{n}@exempel.se")).await;
            post(&voter, CastBallot::PATH, &from, &choices(&ids[..1])).await;
            let age = if n % 2 == 0 { "30-44" } else { "45-64" };
            let gender = if n % 3 == 0 { "man" } else { "woman" };
            let response = post(
                &voter,
                AnswerQuestions::PATH,
                &receipt_page,
                &answers(&slug, age, "sweden", gender),
            )
            .await;
            assert_redirects_to(&response, &receipt_page.clone().query("answered", 1));
            if n == 0 {
                // Answering again counts nothing twice.
                post(
                    &voter,
                    AnswerQuestions::PATH,
                    &receipt_page,
                    &answers(&slug, "16-19", "abroad", "man"),
                )
                .await;
                let receipt = voter.get(&receipt_page).await.html().await;
                assert!(!receipt.contains(&asked), "not asked again");
            }
        }
        assert_eq!(
            participant_response::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            12
        );

        let page = staff.get(&dashboard).await.html().await;
        let flagged = page
            .split(&tr_start("sv", "participation.flagged", &[]))
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap_or_default()
            .to_owned();
        let missing = ["age:16-19", "age:20-29", "born:abroad"].map(group_name);
        assert_eq!(flagged, missing.join(", "), "{page}");
        assert!(page.contains(&tr("sv", "participation.participants", &[("count", &12)])));
        let suppressed = tr("sv", "participation.suppressed", &[]);
        assert!(
            page.contains(&suppressed),
            "the four men aged 30–44 or 45–64 are not shown as such"
        );

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

        // A resident and staff of another nämnd see nothing of it.
        assert_eq!(outsider.get(&dashboard).await.status(), 403);

        // The evaluation report: the round's staff see it while voting runs, others later.
        let report = paths::evaluation(&slug);
        let csv = paths::evaluation_csv(&slug);
        assert_eq!(outsider.get(&report).await.status(), 404);
        assert_eq!(outsider.get(&csv).await.status(), 404);
        assert_eq!(staff.get(&report).await.status(), 200);
        assert_eq!(staff.get(&csv).await.status(), 200);
        move_to(&staff, &slug, "deliberation").await;
        let page = app.visitor().get(&report).await.html().await;
        assert!(
            page.contains(&tr("sv", "evaluation.title", &[("round", &"Omröstning")]))
                && page.contains(&group_name("born:abroad")),
            "{page}"
        );
        assert!(page.contains(&suppressed));
        let response = app.visitor().get(&csv).await;
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
);

on_both_databases!(
    outreach_actions_are_checked_and_read_on_the_participation_timeline,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let dashboard = paths::participation(&slug);
        let fields = |place: &str, group: &str, reached: &str| {
            [
                ("slug", slug.as_str()),
                ("locale", "sv"),
                ("form[day]", "2026-11-20"),
                ("form[place]", place),
                ("form[group]", group),
                ("form[reached]", reached),
                ("form[note]", "Samtal om förslagen vid fritidsgården."),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect::<Vec<_>>()
        };
        let response = post(
            &staff,
            RecordOutreach::PATH,
            &dashboard,
            &fields("", "age:17-18", "-3"),
        )
        .await;
        let page = staff.follow(&response).await.html().await;
        assert_field_error(&page, "place", Code::PlaceEmpty);
        assert_field_error(&page, "reached", Code::ReachedInvalid);
        assert!(
            page.contains("Samtal om förslagen vid fritidsgården."),
            "the note is kept"
        );
        assert_eq!(
            outreach_action::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );

        let resident = app.signed_in("boende@exempel.se").await;
        let response = post(
            &resident,
            RecordOutreach::PATH,
            &dashboard,
            &fields("Torget", "", ""),
        )
        .await;
        assert_eq!(refusal(&response), AppError::Forbidden);
        assert_eq!(
            outreach_action::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );

        let response = post(
            &staff,
            RecordOutreach::PATH,
            &dashboard,
            &fields("Fritidsgården Norr", "age:16-19", "35"),
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
);

on_both_databases!(
    staff_type_the_baseline_by_hand_per_scope_with_errors_at_the_fields,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let dashboard = paths::participation(&slug);
        let hand_heading =
            |scope: &str| tr("sv", "participation.hand_heading", &[("scope", &scope)]);
        let page = staff.get(&dashboard).await.html().await;
        let everyone = tr("sv", "participation.whole_municipality", &[]);
        assert!(page.contains(&hand_heading(&everyone)), "{page}");
        let typed = |pairs: &[(&str, &str)], scope: &str| {
            let mut fields = vec![
                ("slug".to_owned(), slug.clone()),
                ("locale".to_owned(), "sv".to_owned()),
                ("scope".to_owned(), scope.to_owned()),
            ];
            fields.extend(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            );
            fields
        };
        let response = post(
            &staff,
            SaveBaselineCounts::PATH,
            &dashboard,
            &typed(
                &[("count[age-12-15]", "2 400"), ("count[age-16-19]", "många")],
                "all",
            ),
        )
        .await;
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

        let response = post(
            &staff,
            SaveBaselineCounts::PATH,
            &dashboard,
            &typed(
                &[("count[age-12-15]", "2 400"), ("count[age-16-19]", "1800")],
                "all",
            ),
        )
        .await;
        let saved = dashboard.clone().query("saved", 1);
        assert_redirects_to(&response, &saved.clone().fragment("hand-heading"));
        // One area of the two: its own counts (no area question within an area).
        let north = app::ssr::entity::area::Entity::find()
            .filter(app::ssr::entity::area::Column::Slug.eq("norr"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let response = post(
            &staff,
            SaveBaselineCounts::PATH,
            &dashboard,
            &typed(
                &[("count[age-12-15]", "300"), ("count[area-1]", "9")],
                &north.id.to_string(),
            ),
        )
        .await;
        assert_redirects_to(
            &response,
            &saved.query("area", north.id).fragment("hand-heading"),
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
        let page = staff
            .get(&dashboard.clone().query("area", north.id))
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

        // A resident cannot.
        let resident = app.signed_in("boende@exempel.se").await;
        let response = post(
            &resident,
            SaveBaselineCounts::PATH,
            &dashboard,
            &typed(&[("count[age-12-15]", "1")], "all"),
        )
        .await;
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
            participant_response::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
        let page = author.get(&submitted).await.html().await;
        assert!(!page.contains(&asked), "asked once");
    }
);
