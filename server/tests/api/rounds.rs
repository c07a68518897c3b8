//! Rounds: staff create and configure them, move them through the phases under the rules,
//! and the public sees them once published.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::api::rounds::{MovePhase, SaveRound};
use app::paths;
use app::ssr::entity::{round, round_phase_change};

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

/// A round whose area budgets (200 000 and 100 000 kr) do not add up to its total is refused
/// at the group of fields, the amounts kept; made to add up, the round is saved with them.
async fn assert_area_budgets_must_add_up_to_the_total(app: &TestApp, staff: &Visitor, town: &Town) {
    let mut split = round_fields("Delad budget");
    split.push((format!("area_budget[{}]", town.centre), "200 000".into()));
    split.push((format!("area_budget[{}]", town.north), "100 000".into()));
    let response = post(staff, SaveRound::PATH, &paths::new_round(), &split).await;
    let html = staff.follow(&response).await.html().await;
    // The area amounts are one group of fields: the summary links to it.
    assert_error_listed(&html, "area_budget", Code::AreaBudgetsSum);
    assert!(
        html.contains("value=\"200 000\""),
        "the area amounts typed are kept"
    );
    split.last_mut().unwrap().1 = "300000".into();
    let response = post(staff, SaveRound::PATH, &paths::new_round(), &split).await;
    assert_redirects_to(
        &response,
        &paths::staff_round("delad-budget").query("saved", 1),
    );
    let stored = round::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut budgets = stored.settings().area_budgets;
    budgets.sort();
    let mut expected = vec![(town.centre, 200_000), (town.north, 300_000)];
    expected.sort();
    assert_eq!(budgets, expected);
}

/// The new round is a draft of the staff's own nämnd with the form's budget and settings.
async fn assert_stored_as_a_draft_of_the_staffs_namnd(app: &TestApp, slug: &str, town: &Town) {
    let stored = round::Entity::find()
        .filter(round::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.namnd_id, town.parks, "staff's own nämnd");
    assert_eq!(stored.budget_total, 500_000);
    assert_eq!(stored.phase, "draft");
    let settings = stored.settings();
    assert_eq!(
        settings.criteria,
        ["Kommunen har rådighet", "Ryms inom budgeten"]
    );
    assert_eq!(settings.max_choices, Some(3));
}

/// Drafts are not public; staff see their draft.
async fn assert_only_staff_see_the_draft(public: &Visitor, staff: &Visitor, slug: &str) {
    assert_eq!(
        public.get(&paths::round(slug)).await.status(),
        404,
        "drafts are not public"
    );
    let staff_view = staff.get(&paths::round(slug)).await;
    assert_eq!(staff_view.status(), 200, "staff see their draft");
}

/// The hydrated page posts the same form by fetch: the answer is the redirect header, or the
/// error with its field.
async fn assert_the_hydrated_page_moves_the_round_by_fetch(staff: &Visitor, slug: &str) {
    let from = paths::staff_round(slug);
    let fields = [("slug", slug), ("to", "proposals"), ("locale", "sv")];
    let response = staff.post_as_script(MovePhase::PATH, &from, &fields).await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    let fields = [("slug", slug), ("to", "review"), ("locale", "sv")];
    let response = staff.post_as_script(MovePhase::PATH, &from, &fields).await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        issues(&script_refusal(response).await),
        [("to".to_owned(), Code::PhaseNoProposals)]
    );
}

/// The published round shows its title, money, criteria and where it stands.
async fn assert_the_public_sees_the_published_round(public: &Visitor, slug: &str) {
    let html = public.get(&paths::round(slug)).await.html().await;
    assert!(html.contains("Gröna parker 2027"));
    assert!(html.contains("500\u{a0}000\u{a0}kr"), "the money is shown");
    assert!(
        html.contains("Ryms inom budgeten"),
        "the criteria are shown"
    );
    assert!(
        html.contains("aria-current=\"step\""),
        "the timeline marks the current phase"
    );
}

/// Each move through the staff form is logged, with who made it.
async fn assert_each_move_is_logged_with_who(app: &TestApp) {
    let log = round_phase_change::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    let moves: Vec<(&str, &str)> = log
        .iter()
        .map(|c| (c.from_phase.as_str(), c.to_phase.as_str()))
        .collect();
    assert_eq!(
        moves,
        [("draft", "information"), ("information", "proposals")]
    );
    assert!(log[0].account_id.is_some(), "who moved it is logged");
}

on_both_databases!(
    area_budgets_must_add_up_to_the_total_and_are_kept_when_they_do_not,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let staff = person(&app, "staff@parker.se", "staff", Some(town.parks)).await;
        assert_area_budgets_must_add_up_to_the_total(&app, &staff, &town).await;
    }
);

on_both_databases!(
    staff_create_a_round_that_stays_hidden_until_published,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let staff = person(&app, "staff@parker.se", "staff", Some(town.parks)).await;
        let slug = create_round(&staff, "Gröna parker 2027").await;
        assert_eq!(slug, "grona-parker-2027");
        assert_stored_as_a_draft_of_the_staffs_namnd(&app, &slug, &town).await;
        let public = app.visitor();
        assert_only_staff_see_the_draft(&public, &staff, &slug).await;

        let response = move_to(&staff, &slug, "information").await;
        assert_redirects_to(&response, &paths::staff_round(&slug).query("moved", 1));
        assert_the_hydrated_page_moves_the_round_by_fetch(&staff, &slug).await;
        set_phase(&app, &slug, "information").await;
        assert_the_public_sees_the_published_round(&public, &slug).await;
        assert_each_move_is_logged_with_who(&app).await;
    }
);

on_both_databases!(
    a_bad_round_form_comes_back_with_every_error_and_the_text_kept,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let staff = person(&app, "staff@parker.se", "staff", Some(town.parks)).await;
        let mut fields = round_fields("");
        for (key, value) in fields.iter_mut() {
            match key.as_str() {
                "form[budget_total]" => *value = "femhundra".into(),
                "form[summary_sv]" => *value = "Sammanfattning som ska finnas kvar".into(),
                "form[rule]" => *value = "phragmen".into(),
                "form[ballot_format]" => *value = "knapsack".into(),
                _ => {}
            }
        }
        fields.push(("form[proposals_date]".into(), "2027-02-01".into()));
        fields.push(("form[information_date]".into(), "2027-03-01".into()));
        let response = post(&staff, SaveRound::PATH, &paths::new_round(), &fields).await;
        assert_eq!(response.status(), 302);
        let html = staff.follow(&response).await.html().await;
        assert_field_error(&html, "title_sv", Code::TitleSvEmpty);
        assert_field_error(&html, "budget_total", Code::BudgetInvalid);
        assert_field_error(&html, "rule", Code::RuleNeedsApproval);
        assert_field_error(&html, "proposals_date", Code::DateOrder);
        assert!(
            html.contains("Sammanfattning som ska finnas kvar"),
            "what was typed is kept"
        );
        assert!(html.contains("femhundra"), "the bad value is kept too");
        assert!(
            round::Entity::find().all(&app.db).await.unwrap().is_empty(),
            "nothing saved"
        );
    }
);

on_both_databases!(
    a_phase_move_the_rules_forbid_is_refused_with_the_reason,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let staff = person(&app, "staff@parker.se", "staff", Some(town.parks)).await;
        let slug = create_round(&staff, "Parker").await;
        // The phase buttons have no message of their own: the summary says why.
        let response = move_to(&staff, &slug, "voting").await;
        let html = staff.follow(&response).await.html().await;
        assert_error_listed(&html, "to", Code::PhaseNotAllowed);
        set_phase(&app, &slug, "review").await;
        let response = move_to(&staff, &slug, "voting").await;
        let html = staff.follow(&response).await.html().await;
        assert_error_listed(&html, "to", Code::PhaseNoFeasible);
        let stored = round::Entity::find()
            .filter(round::Column::Slug.eq(&slug))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.phase, "review", "nothing moved");
        assert!(
            round_phase_change::Entity::find()
                .all(&app.db)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

on_both_databases!(
    rounds_move_by_date_when_the_rules_allow,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let staff = person(&app, "staff@parker.se", "staff", Some(town.parks)).await;
        let mut fields = round_fields("Datumstyrd");
        fields.push(("form[information_date]".into(), "2027-01-01".into()));
        fields.push(("form[proposals_date]".into(), "2027-02-01".into()));
        fields.push(("form[review_date]".into(), "2027-03-01".into()));
        fields.push(("form[voting_date]".into(), "2027-04-01".into()));
        let response = post(&staff, SaveRound::PATH, &paths::new_round(), &fields).await;
        assert_redirects_to(
            &response,
            &paths::staff_round("datumstyrd").query("saved", 1),
        );
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let moved = app::ssr::rounds::advance_by_date(&app.ctx, day("2027-02-15"))
            .await
            .unwrap();
        assert_eq!(moved, 0, "a draft never moves by date");
        set_phase(&app, "datumstyrd", "information").await;
        let moved = app::ssr::rounds::advance_by_date(&app.ctx, day("2027-02-15"))
            .await
            .unwrap();
        assert_eq!(moved, 1);
        let phase = || async {
            round::Entity::find()
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .phase
        };
        assert_eq!(phase().await, "proposals");
        // Review would start on 1 March, but no proposal was submitted: the round waits.
        app::ssr::rounds::advance_by_date(&app.ctx, day("2027-04-15"))
            .await
            .unwrap();
        assert_eq!(phase().await, "proposals");
        let log = round_phase_change::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(log.len(), 1);
        assert!(
            log[0].account_id.is_none(),
            "moved by date, not by a person"
        );
    }
);

on_both_databases!(
    only_staff_of_the_rounds_namnd_may_configure_or_move_it,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let staff = person(&app, "staff@parker.se", "staff", Some(town.parks)).await;
        let slug = create_round(&staff, "Parker").await;
        let other_staff = person(&app, "staff@kultur.se", "staff", Some(town.culture)).await;
        let resident = person(&app, "boende@exempel.se", "resident", None).await;
        let politician = person(&app, "politiker@parker.se", "politician", Some(town.parks)).await;
        let anonymous = app.visitor();
        let mut edit = round_fields("Kapad");
        edit[0].1 = slug.clone();
        let from = paths::staff_round(&slug);
        let to_information: Vec<(String, String)> = [
            ("slug", slug.as_str()),
            ("to", "information"),
            ("locale", "sv"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        for (who, expected) in [
            (&other_staff, 403),
            (&resident, 403),
            (&politician, 403),
            (&anonymous, 401),
        ] {
            assert_eq!(
                script_status(who, SaveRound::PATH, &from, &edit).await,
                expected,
                "save_round"
            );
            assert_eq!(
                script_status(who, MovePhase::PATH, &from, &to_information).await,
                expected,
                "move_phase"
            );
            // Without JavaScript the refusal comes back to the page, which says so.
            let response = post(who, SaveRound::PATH, &from, &edit).await;
            assert_eq!(who.follow(&response).await.status(), expected);
        }
        // A resident cannot create rounds either.
        let status = script_status(
            &resident,
            SaveRound::PATH,
            &paths::new_round(),
            &round_fields("Ny"),
        )
        .await;
        assert_eq!(status, 403);
        let stored = round::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].title_sv, "Parker", "nothing changed");
        assert_eq!(stored[0].phase, "draft");
    }
);

/// The voting round's form as stored, with `changes`, for an edit by its staff.
fn voting_round_edit(slug: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = round_fields("Omröstning");
    fields[0].1 = slug.to_owned();
    for (key, value) in [("form[residence]", "anyone")].iter().chain(changes) {
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*key).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

// Once voting has opened, who may vote stays fixed: a changed age limit is refused at its
// field with what was typed kept, and nothing is stored; the last day of voting may be set
// and moved later (stored and audited, old -> new), never earlier.
on_both_databases!(
    eligibility_is_locked_while_voting_and_the_last_day_only_moves_later,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let from = paths::staff_round(&slug);
        let stored = || async { round::Entity::find().one(&app.db).await.unwrap().unwrap() };
        let before = stored().await.settings();

        let response = post(
            &staff,
            SaveRound::PATH,
            &from,
            &voting_round_edit(&slug, &[("form[min_age]", "16")]),
        )
        .await;
        let refused = refusal(&response);
        assert_eq!(
            issues(&refused),
            [("min_age".to_owned(), Code::EligibilityLocked)]
        );
        let html = staff.follow(&response).await.html().await;
        assert_field_error(&html, "min_age", Code::EligibilityLocked);
        assert!(html.contains("value=\"16\""), "what was typed is kept");
        let edit = voting_round_edit(&slug, &[("form[verification]", "in_person")]);
        let refused = refusal(&post(&staff, SaveRound::PATH, &from, &edit).await);
        assert_eq!(
            issues(&refused),
            [("verification".to_owned(), Code::EligibilityLocked)]
        );
        assert_eq!(stored().await.settings(), before, "nothing stored");

        let end = |day: &'static str| voting_round_edit(&slug, &[("form[voting_end_date]", day)]);
        let response = post(&staff, SaveRound::PATH, &from, &end("2030-03-20")).await;
        assert_redirects_to(&response, &from.clone().query("saved", 1));
        let response = post(&staff, SaveRound::PATH, &from, &end("2030-03-27")).await;
        assert_redirects_to(&response, &from.clone().query("saved", 1));
        let refused = refusal(&post(&staff, SaveRound::PATH, &from, &end("2030-03-21")).await);
        assert_eq!(
            issues(&refused),
            [("voting_end_date".to_owned(), Code::VotingEndOnlyLater)]
        );
        assert_eq!(
            stored()
                .await
                .settings()
                .dates
                .voting_end
                .map(|d| d.to_string())
                .as_deref(),
            Some("2030-03-27")
        );
        assert_eq!(
            audited(&app, "round.voting_end").await,
            ["- -> 2030-03-20", "2030-03-20 -> 2030-03-27"]
        );
    }
);
