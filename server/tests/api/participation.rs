//! Equal participation: the baseline import with an error per bad line, voluntary answers
//! stored once and apart from identity, the dashboard flagging exactly the groups that are
//! missing with small counts suppressed, and one notice to staff per group that falls under.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

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
        let dashboard = format!("/staff/rounds/{slug}/participation");

        // A baseline with two bad lines: both reported with their line, nothing stored.
        let bad = "area;dimension;group;count\nall;age;16-19;3000\nall;age;17-18;10\nnowhere;born;sweden;5\n";
        let fields = vec![
            ("slug".to_owned(), slug.clone()),
            ("locale".to_owned(), "sv".to_owned()),
            ("csv".to_owned(), bad.to_owned()),
        ];
        let response = post(&staff, "/api/save_baseline", &dashboard, &fields).await;
        let page = staff.follow(&response).await.html().await;
        assert!(page.contains("Rad 3: Gruppen finns inte"), "{page}");
        assert!(page.contains("Rad 4: Området finns inte"));
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
        let response = post(&staff, "/api/save_baseline", &dashboard, &good).await;
        assert!(
            location(&response).contains("saved=1"),
            "{}",
            location(&response)
        );

        // Someone who has not taken part cannot answer.
        let outsider = app.signed_in("utanfor@exempel.se").await;
        let response = post(
            &outsider,
            "/api/answer_questions",
            "/",
            &answers(&slug, "45-64", "sweden", "woman"),
        )
        .await;
        assert!(location(&response).contains("__err="));

        // Twelve voters, all 30–64 and born in Sweden: the young and those born abroad are missing.
        let from = format!("/rounds/{slug}/vote");
        for n in 0..12 {
            let voter = app.session_for(&format!("deltagare{n}@exempel.se")).await;
            post(&voter, "/api/cast_ballot", &from, &choices(&ids[..1])).await;
            let age = if n % 2 == 0 { "30-44" } else { "45-64" };
            let gender = if n % 3 == 0 { "man" } else { "woman" };
            let response = post(
                &voter,
                "/api/answer_questions",
                &format!("{from}/receipt"),
                &answers(&slug, age, "sweden", gender),
            )
            .await;
            assert!(
                location(&response).contains("answered=1"),
                "{}",
                location(&response)
            );
            if n == 0 {
                // Answering again counts nothing twice.
                post(
                    &voter,
                    "/api/answer_questions",
                    &format!("{from}/receipt"),
                    &answers(&slug, "16-19", "abroad", "man"),
                )
                .await;
                let receipt = voter.get(&format!("{from}/receipt")).await.html().await;
                assert!(
                    !receipt.contains("Vill du berätta lite om dig själv"),
                    "not asked again"
                );
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
            .split("Deltar för lite: ")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap_or_default()
            .to_owned();
        assert_eq!(flagged, "16-19 år, 20-29 år, Född utomlands", "{page}");
        assert!(page.contains("12 personer har svarat"));
        assert!(
            page.contains("färre än 5"),
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
        let report = format!("/rounds/{slug}/participation");
        let csv = format!("/rounds/{slug}/participation.csv");
        assert_eq!(outsider.get(&report).await.status(), 404);
        assert_eq!(outsider.get(&csv).await.status(), 404);
        assert_eq!(staff.get(&report).await.status(), 200);
        assert_eq!(staff.get(&csv).await.status(), 200);
        move_to(&staff, &slug, "deliberation").await;
        let page = app.visitor().get(&report).await.html().await;
        assert!(
            page.contains("Vilka deltog i") && page.contains("Född utomlands"),
            "{page}"
        );
        assert!(page.contains("färre än 5"));
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
        let dashboard = format!("/staff/rounds/{slug}/participation");
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
            "/api/record_outreach",
            &dashboard,
            &fields("", "age:17-18", "-3"),
        )
        .await;
        let page = staff.follow(&response).await.html().await;
        assert!(
            page.contains("Skriv platsen, till exempel Stadsbiblioteket."),
            "{page}"
        );
        assert!(page.contains("Skriv antalet som ett heltal"));
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
            "/api/record_outreach",
            &dashboard,
            &fields("Torget", "", ""),
        )
        .await;
        assert!(location(&response).contains("__err="));
        assert_eq!(
            outreach_action::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );

        let response = post(
            &staff,
            "/api/record_outreach",
            &dashboard,
            &fields("Fritidsgården Norr", "age:16-19", "35"),
        )
        .await;
        assert!(
            location(&response).contains("outreach=1"),
            "{}",
            location(&response)
        );
        let page = staff.get(&dashboard).await.html().await;
        let row = page
            .split("<th scope=\"row\">2026-11-20</th>")
            .nth(1)
            .and_then(|rest| rest.split("</tr>").next())
            .unwrap_or_default();
        assert!(
            row.contains("Fritidsgården Norr")
                && row.contains("16-19 år")
                && row.contains("35 nådda"),
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
        let dashboard = format!("/staff/rounds/{slug}/participation");
        let page = staff.get(&dashboard).await.html().await;
        assert!(
            page.contains("Skriv in befolkningen för hand: Hela kommunen"),
            "{page}"
        );
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
            "/api/save_baseline_counts",
            &dashboard,
            &typed(
                &[("count[age-12-15]", "2 400"), ("count[age-16-19]", "många")],
                "all",
            ),
        )
        .await;
        let page = staff.follow(&response).await.html().await;
        assert!(
            page.contains("id=\"count-age-16-19-error\"")
                && page.contains("Antalet ska vara ett heltal, noll eller större."),
            "the error is at its field: {page}"
        );
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
            "/api/save_baseline_counts",
            &dashboard,
            &typed(
                &[("count[age-12-15]", "2 400"), ("count[age-16-19]", "1800")],
                "all",
            ),
        )
        .await;
        assert!(
            location(&response).contains("saved=1"),
            "{}",
            location(&response)
        );
        // One area of the two: its own counts (no area question within an area).
        let north = app::ssr::entity::area::Entity::find()
            .filter(app::ssr::entity::area::Column::Slug.eq("norr"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let response = post(
            &staff,
            "/api/save_baseline_counts",
            &dashboard,
            &typed(
                &[("count[age-12-15]", "300"), ("count[area-1]", "9")],
                &north.id.to_string(),
            ),
        )
        .await;
        assert!(
            location(&response).contains(&format!("area={}", north.id)),
            "{}",
            location(&response)
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
            .get(&format!("{dashboard}?area={}", north.id))
            .await
            .html()
            .await;
        assert!(page.contains("Skriv in befolkningen för hand: Norr"));
        assert!(
            page.contains("Ålder i Norr: deltagare jämfört med befolkningen"),
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
            "/api/save_baseline_counts",
            &dashboard,
            &typed(&[("count[age-12-15]", "1")], "all"),
        )
        .await;
        assert!(location(&response).contains("__err="));
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
        let submitted = format!("/rounds/{slug}/proposals/{id}?submitted=1");
        let page = author.get(&submitted).await.html().await;
        assert!(page.contains("Vill du berätta lite om dig själv"), "{page}");
        assert!(page.contains(&format!("name=\"proposal\" value=\"{id}\"")));
        let other = app.signed_in("annan@exempel.se").await;
        let page = other.get(&submitted).await.html().await;
        assert!(
            !page.contains("Vill du berätta lite om dig själv"),
            "the author only"
        );

        let mut fields = answers(&slug, "20-29", "abroad", "woman");
        fields.push(("proposal".to_owned(), id.to_string()));
        let response = post(&author, "/api/answer_questions", &submitted, &fields).await;
        assert!(
            location(&response).contains(&format!("/proposals/{id}?answered=1")),
            "{}",
            location(&response)
        );
        let page = author.follow(&response).await.html().await;
        assert!(page.contains("Tack för dina svar!"));
        assert_eq!(
            participant_response::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
        let page = author.get(&submitted).await.html().await;
        assert!(
            !page.contains("Vill du berätta lite om dig själv"),
            "asked once"
        );
    }
);
