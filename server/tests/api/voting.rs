//! Voting: casting and changing a ballot, the receipt, one person one ballot (also under
//! concurrent casts), a ballot box without identities, and refusals that store nothing.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use app::api::voting::{AssistVote, CastBallot, EnterPaperBallot, SaveVoterProfile};
use app::paths;
use app::ssr::entity::{ballot, outbox, voter_register};

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

async fn ballots(app: &TestApp) -> Vec<ballot::Model> {
    ballot::Entity::find().all(&app.db).await.unwrap()
}

async fn register_count(app: &TestApp) -> u64 {
    voter_register::Entity::find().count(&app.db).await.unwrap()
}

/// The feasible projects are on the ballot.
async fn assert_the_feasible_projects_are_on_the_ballot(voter: &Visitor, slug: &str) {
    let page = voter.get(&paths::vote(slug)).await.html().await;
    assert!(
        page.contains("Belysning") && page.contains("Lekplats"),
        "the feasible projects are on the ballot"
    );
}

/// The voter chooses the light and the benches; the receipt shows them and how to change.
async fn assert_the_receipt_shows_the_choices(voter: &Visitor, slug: &str, chosen: &[i64]) {
    let response = post(
        voter,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(chosen),
    )
    .await;
    assert_redirects_to(&response, &paths::receipt(slug));
    let receipt = voter.follow(&response).await.html().await;
    assert!(
        receipt.contains("Belysning")
            && receipt.contains("Bänkar")
            && !receipt.contains("Lekplats")
    );
    assert!(receipt.contains(&tr("sv", "vote.change_link", &[])));
}

/// The voter changes to the playground: the new ballot replaces the old, stored once.
async fn assert_a_changed_vote_replaces_the_ballot(
    app: &TestApp,
    voter: &Visitor,
    slug: &str,
    ids: &[i64],
) {
    let response = post(
        voter,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(&ids[2..]),
    )
    .await;
    let receipt = voter.follow(&response).await.html().await;
    assert!(
        receipt.contains("Lekplats") && !receipt.contains("Belysning"),
        "the new ballot replaced the old"
    );
    let stored = ballots(app).await;
    assert_eq!(stored.len(), 1, "never counted twice");
    assert_eq!(register_count(app).await, 1);
    let opened = opened_box(app).await;
    assert_eq!(
        opened[0].ballot,
        domain::ballot::Ballot::Approval(vec![ids[2].to_string()])
    );
}

/// The ballot box holds no identity: neither the account id nor the address.
async fn assert_the_ballot_box_holds_no_identity(app: &TestApp) {
    let stored = ballots(app).await;
    let account_id = voter_register::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .account_id;
    assert_eq!(stored[0].voter_link.len(), 64);
    assert_ne!(stored[0].voter_link, account_id.to_string());
    assert!(!format!("{stored:?}").contains("rostare@exempel.se"));
}

/// One receipt mail per ballot cast, saying where to see and change it, never what it holds.
async fn assert_a_receipt_mail_per_ballot(app: &TestApp, slug: &str) {
    let receipts = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("rostare@exempel.se"))
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.event_key.starts_with("receipt:"))
        .collect::<Vec<_>>();
    assert_eq!(receipts.len(), 2, "one receipt per ballot cast");
    assert!(receipts[1].subject.starts_with(&receipt_subject_sv()));
    for receipt in &receipts {
        for title in ["Lekplats", "Belysning", "Bänkar"] {
            assert!(!receipt.body_text.contains(title), "no choice in any mail");
            assert!(!receipt.body_html.contains(title));
        }
    }
    assert!(
        receipts[1]
            .body_text
            .contains(paths::receipt(slug).as_str()),
        "where to see and change it"
    );
}

on_both_databases!(
    a_resident_votes_changes_the_vote_and_gets_a_receipt_each_time,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let voter = app.signed_in("rostare@exempel.se").await;
        assert_the_feasible_projects_are_on_the_ballot(&voter, &slug).await;
        assert_the_receipt_shows_the_choices(&voter, &slug, &ids[..2]).await;
        assert_a_changed_vote_replaces_the_ballot(&app, &voter, &slug, &ids).await;
        assert_the_ballot_box_holds_no_identity(&app).await;
        assert_a_receipt_mail_per_ballot(&app, &slug).await;
        let again = voter.get(&paths::vote(&slug)).await.html().await;
        assert!(again.contains(&tr("sv", "vote.already_voted", &[])));
    }
);

on_both_databases!(
    bad_ballots_are_explained_and_nothing_is_stored,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let voter = app.signed_in("rostare@exempel.se").await;
        let from = paths::vote(&slug);
        let mut unknown = choices(&ids[..1]);
        unknown.push(("ballot[choice][99999]".into(), "99999".into()));
        let cases = [
            (choices(&ids), Code::BallotTooMany),
            (unknown, Code::BallotUnknownProject),
            (choices(&[]), Code::BallotEmpty),
        ];
        for (fields, code) in cases {
            let response = post(&voter, CastBallot::PATH, &from, &fields).await;
            let html = voter.follow(&response).await.html().await;
            assert_form_error(&html, code);
            assert_eq!(
                script_status(&voter, CastBallot::PATH, &from, &fields).await,
                422
            );
        }
        // What was ticked is still ticked after a refusal.
        let response = post(&voter, CastBallot::PATH, &from, &choices(&ids)).await;
        let html = voter.follow(&response).await.html().await;
        assert_eq!(html.matches("checked").count(), 3, "{html}");
        set_phase(&app, &slug, "deliberation").await;
        let response = post(&voter, CastBallot::PATH, &from, &choices(&ids[..1])).await;
        let html = voter.follow(&response).await.html().await;
        assert_form_error(&html, Code::VotingClosed);
        assert!(ballots(&app).await.is_empty(), "nothing stored");
        assert_eq!(register_count(&app).await, 0);
    }
);

on_both_databases!(
    a_knapsack_ballot_over_the_budget_and_an_ineligible_voter_are_refused,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(
            &app,
            &[("ballot_format", "knapsack"), ("budget_total", "300000")],
        )
        .await;
        let voter = app.signed_in("rostare@exempel.se").await;
        let from = paths::vote(&slug);
        let response = post(&voter, CastBallot::PATH, &from, &choices(&ids[1..])).await;
        let html = voter.follow(&response).await.html().await;
        assert_form_error(&html, Code::BallotOverBudget);
        let response = post(&voter, CastBallot::PATH, &from, &choices(&ids[..2])).await;
        // 250 000 of 300 000 kr fits.
        assert_redirects_to(&response, &paths::receipt(&slug));
        assert_eq!(ballots(&app).await.len(), 1);

        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("verification", "in_person")]).await;
        let voter = app.signed_in("rostare@exempel.se").await;
        let from = paths::vote(&slug);
        let response = post(&voter, CastBallot::PATH, &from, &choices(&ids[..1])).await;
        let html = voter.follow(&response).await.html().await;
        assert_form_error(&html, Code::NotEligibleInPerson);
        assert!(ballots(&app).await.is_empty());
    }
);

on_both_databases!(
    two_hundred_simultaneous_casts_by_one_person_leave_one_ballot,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let voter = app.signed_in("rostare@exempel.se").await;
        let from = paths::vote(&slug);
        let mut casts = tokio::task::JoinSet::new();
        for n in 0..200 {
            let voter = voter.clone();
            let from = from.clone();
            let fields = choices(&ids[n % 3..n % 3 + 1]);
            casts.spawn(
                async move { script_status(&voter, CastBallot::PATH, &from, &fields).await },
            );
        }
        let mut statuses = Vec::new();
        while let Some(status) = casts.join_next().await {
            statuses.push(status.unwrap());
        }
        let ok = statuses.iter().filter(|s| **s == 200).count();
        assert!(ok >= 1, "{statuses:?}");
        assert_eq!(ballots(&app).await.len(), 1, "one ballot");
        assert_eq!(register_count(&app).await, 1, "one register entry");
    }
);

/// Three voters: the playground and the light, the playground, the benches and the light.
async fn three_vote(app: &TestApp, slug: &str, light: i64, benches: i64, playground: i64) {
    let from = paths::vote(slug);
    for (n, chosen) in [
        [playground, light].as_slice(),
        &[playground],
        &[benches, light],
    ]
    .iter()
    .enumerate()
    {
        let voter = app.signed_in(&format!("rostare{n}@exempel.se")).await;
        let response = post(&voter, CastBallot::PATH, &from, &choices(chosen)).await;
        assert_redirects_to(&response, &paths::receipt(slug));
    }
}

/// The counted result is not public until staff, who see it first, publish it.
async fn assert_staff_see_the_result_first_and_publish_it(
    public: &Visitor,
    staff: &Visitor,
    slug: &str,
) {
    let results = paths::results(slug);
    assert_eq!(public.get(&results).await.status(), 404, "not public yet");
    assert_eq!(public.get(&paths::ballots_pb(slug)).await.status(), 404);
    let preview = staff.get(&results).await.html().await;
    assert!(
        preview.contains(&tr("sv", "results.publish", &[])),
        "staff see it first"
    );
    let response = publish_result(staff, slug).await;
    assert_redirects_to(&response, &results.clone().query("published", 1));
}

/// The published result counts the voters and says why the benches were not funded.
async fn assert_the_result_explains_what_was_not_funded(public: &Visitor, slug: &str) {
    let page = public.get(&paths::results(slug)).await.html().await;
    assert!(
        page.contains(&tr_start("sv", "results.summary", &[("voters", &3)])),
        "{page}"
    );
    let nothing_left = format!("{}0", tr_start("sv", "results.why_does_not_fit", &[]));
    assert!(
        page.contains(&tr("sv", "results.not_funded", &[])) && page.contains(&nothing_left),
        "why Bänkar was not funded"
    );
}

/// The anonymous ballot file recounts to the same result: the light and the playground.
async fn assert_the_ballot_file_recounts_to_the_result(
    public: &Visitor,
    slug: &str,
    funded_projects: [i64; 2],
) {
    let file = public.get(&paths::ballots_pb(slug)).await;
    assert_eq!(file.status(), 200);
    let text = file.text().await.unwrap();
    assert!(!text.contains("exempel.se"), "the ballots are anonymous");
    let recount = domain::tally::tally(
        &text,
        &domain::tally::TallyOptions::new(domain::count::Rule::Greedy)
            .with_tie_break(domain::count::TieBreak::LowerCostThenDraw { seed: 0 }),
    )
    .unwrap();
    let mut funded = recount.selected.clone();
    funded.sort();
    let mut expected = funded_projects.map(|id| id.to_string()).to_vec();
    expected.sort();
    assert_eq!(
        funded, expected,
        "ties go to the cheaper project; the benches do not fit"
    );
    assert_eq!(recount.voters, 3);
}

on_both_databases!(
    closing_the_vote_counts_it_and_the_published_result_can_be_recounted_from_its_ballots,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) =
            voting_round(&app, &[("max_choices", "2"), ("budget_total", "300000")]).await;
        let (light, benches, playground) = (ids[0], ids[1], ids[2]);
        three_vote(&app, &slug, light, benches, playground).await;
        let staff = app.signed_in("staff@parker.se").await;
        let response = move_to(&staff, &slug, "deliberation").await;
        assert_redirects_to(&response, &paths::staff_round(&slug).query("moved", 1));

        let public = app.visitor();
        assert_staff_see_the_result_first_and_publish_it(&public, &staff, &slug).await;
        assert_the_result_explains_what_was_not_funded(&public, &slug).await;
        assert_the_ballot_file_recounts_to_the_result(&public, &slug, [light, playground]).await;
    }
);

on_both_databases!(
    staff_help_a_verified_person_vote_and_the_ballot_is_theirs_alone,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) =
            voting_round(&app, &[("max_choices", "2"), ("verification", "in_person")]).await;
        let staff = app.signed_in("staff@parker.se").await;
        let from = paths::staff_ballots(&slug);
        let mut fields = choices(&ids[..1]);
        fields.push(("email".into(), "hjalp@exempel.se".into()));
        // Without the identity document checked, nothing is stored.
        let response = post(&staff, AssistVote::PATH, &from, &fields).await;
        let html = staff.follow(&response).await.html().await;
        assert_field_error(&html, "id_document", Code::IdDocumentMissing);
        assert_eq!(register_count(&app).await, 0);
        fields.push(("id_document".into(), "national_id_card".into()));
        let resident = app.signed_in("boende@exempel.se").await;
        assert_eq!(
            script_status(&resident, AssistVote::PATH, &from, &fields).await,
            403,
            "only staff"
        );
        let response = post(&staff, AssistVote::PATH, &from, &fields).await;
        assert_redirects_to(&response, &from.clone().query("assisted", 1));
        let register = voter_register::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(register.len(), 1);
        assert_eq!(register[0].channel, "assisted");
        let staff_id = account_id(&app, "staff@parker.se").await;
        assert_eq!(
            (register[0].operator_id, register[0].id_document.as_deref()),
            (Some(staff_id), Some("national_id_card")),
            "who let the person in, on which kind of document"
        );
        let stored = opened_box(&app).await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].channel, "assisted");
        // The helped person gets the receipt, and their ballot is the one they can see.
        let receipt = outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq("hjalp@exempel.se"))
            .all(&app.db)
            .await
            .unwrap();
        assert!(
            receipt
                .iter()
                .any(|m| m.subject.starts_with(&receipt_subject_sv()))
        );
        let person = app.signed_in("hjalp@exempel.se").await;
        let page = person.get(&paths::receipt(&slug)).await.html().await;
        assert!(page.contains("Belysning"));
        let audit = app::ssr::entity::audit_event::Entity::find()
            .filter(app::ssr::entity::audit_event::Column::Action.eq("ballot.assisted"))
            .one(&app.db)
            .await
            .unwrap()
            .expect("helping is audited");
        assert!(
            !audit.detail.contains(&ids[0].to_string()),
            "but not what was chosen"
        );
        // A bad address comes back to the field.
        let mut bad = choices(&ids[..1]);
        bad.push(("email".into(), "inte en adress".into()));
        bad.push(("id_document".into(), "passport".into()));
        let response = post(&staff, AssistVote::PATH, &from, &bad).await;
        let url = location(&response);
        assert!(!url.contains("adress"), "no address in the URL: {url}");
        assert_eq!(
            refusal(&response).form().map(|f| f.values.len()),
            Some(0),
            "nothing typed travels in the URL"
        );
        let html = staff.follow(&response).await.html().await;
        assert_field_error(&html, "email", Code::EmailInvalid);
        assert!(
            html.contains("value=\"inte en adress\""),
            "the address is kept"
        );
        let at = html.find(&format!("id=\"assist-{}\"", ids[0])).unwrap();
        let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
        assert!(tag.contains("checked"), "and the choice: {tag}");
    }
);

/// The nämnd of the voting round (the only one in these tests).
async fn parks_namnd(app: &TestApp) -> i64 {
    app::ssr::entity::namnd::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Staff enter the paper ballot `serial` with `chosen`.
async fn enter_paper(
    staff: &Visitor,
    slug: &str,
    serial: &str,
    chosen: &[i64],
) -> reqwest::Response {
    post(
        staff,
        EnterPaperBallot::PATH,
        &paths::staff_ballots(slug),
        &paper(serial, chosen),
    )
    .await
}

fn paper(serial: &str, chosen: &[i64]) -> Vec<(String, String)> {
    let mut fields = choices(chosen);
    fields.push(("serial".into(), serial.into()));
    fields
}

/// Where entering a paper ballot leads, with its `state`.
fn paper_state(slug: &str, state: &str) -> app::paths::Path {
    paths::staff_ballots(slug).query("paper", state)
}

/// One entry does not count, and the same person entering it again is refused at the serial;
/// a second staff member entering it alike makes it count.
async fn assert_a_paper_ballot_counts_once_two_staff_entered_it_alike(
    app: &TestApp,
    first: &Visitor,
    second: &Visitor,
    slug: &str,
    chosen: &[i64],
) {
    let response = enter_paper(first, slug, "A-1", chosen).await;
    assert_redirects_to(&response, &paper_state(slug, "waiting"));
    assert!(ballots(app).await.is_empty(), "one entry does not count");
    let again = enter_paper(first, slug, "A-1", chosen).await;
    let html = first.follow(&again).await.html().await;
    assert_field_error(&html, "serial", Code::PaperEnteredTwice);
    let response = enter_paper(second, slug, "A-1", chosen).await;
    assert_redirects_to(&response, &paper_state(slug, "matched"));
    let stored = opened_box(app).await;
    assert_eq!((stored.len(), stored[0].channel.as_str()), (1, "paper"));
}

/// Entries that differ are not counted, and the staff page shows the mismatch.
async fn assert_a_mismatch_is_not_counted(
    app: &TestApp,
    first: &Visitor,
    second: &Visitor,
    slug: &str,
    ids: &[i64],
) {
    enter_paper(first, slug, "A-2", &ids[..1]).await;
    let response = enter_paper(second, slug, "A-2", &ids[1..2]).await;
    assert_redirects_to(&response, &paper_state(slug, "mismatch"));
    assert_eq!(ballots(app).await.len(), 1, "a mismatch is not counted");
    let page = first.get(&paths::staff_ballots(slug)).await.html().await;
    assert!(page.contains(&tr("sv", "staff_ballots.state_mismatch", &[])) && page.contains("A-2"));
}

on_both_databases!(
    paper_ballots_count_when_two_staff_enter_them_alike,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let first = app.signed_in("staff@parker.se").await;
        let namnd = parks_namnd(&app).await;
        let second = person(&app, "staff2@parker.se", "staff", Some(namnd)).await;
        let response = save_paper_roll(&first, &slug, "a-001", "A-100", "").await;
        assert_redirects_to(&response, &paths::staff_ballots(&slug).query("roll", 1));

        assert_a_paper_ballot_counts_once_two_staff_entered_it_alike(
            &app,
            &first,
            &second,
            &slug,
            &ids[..2],
        )
        .await;
        assert_a_mismatch_is_not_counted(&app, &first, &second, &slug, &ids).await;
        assert_eq!(
            register_count(&app).await,
            0,
            "paper voters are checked off on paper, not here"
        );
        let resident = app.signed_in("boende@exempel.se").await;
        let from = paths::staff_ballots(&slug);
        assert_eq!(
            script_status(
                &resident,
                EnterPaperBallot::PATH,
                &from,
                &paper("A-3", &ids[..1])
            )
            .await,
            403
        );
    }
);

/// The voter declares a birth year and a home area (an area's id, or "none") on the ballot
/// page.
async fn declare(who: &Visitor, slug: &str, year: &str, home: &str) -> reqwest::Response {
    who.post_form(
        SaveVoterProfile::PATH,
        &paths::vote(slug),
        &[
            ("slug", slug),
            ("locale", "sv"),
            ("birth_year", year),
            ("home_area", home),
        ],
    )
    .await
}

/// The voter casts a ballot for the first project and reads what the ballot page says.
async fn cast_and_read(voter: &Visitor, slug: &str, project: i64) -> String {
    let response = post(
        voter,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(&[project]),
    )
    .await;
    voter.follow(&response).await.html().await
}

/// The year of someone turning eighteen this year.
fn eighteen() -> String {
    let year = chrono::Datelike::year(&chrono::Utc::now());
    (year - 18).to_string()
}

/// A young voter must declare first; a bad birth year is explained at its field; declared,
/// the voter may vote.
async fn assert_an_eligible_voter_declares_and_votes(
    app: &TestApp,
    slug: &str,
    area: &str,
    project: i64,
) {
    let young = app.signed_in("ung@exempel.se").await;
    let html = cast_and_read(&young, slug, project).await;
    assert_form_error(&html, Code::ProfileNeeded);
    let bad = declare(&young, slug, "nittonhundra", area).await;
    let html = young.follow(&bad).await.html().await;
    assert_field_error(&html, "birth_year", Code::BirthYearInvalid);
    let response = declare(&young, slug, &eighteen(), area).await;
    assert_redirects_to(&response, &paths::vote(slug));
    let response = post(
        &young,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(&[project]),
    )
    .await;
    assert_redirects_to(&response, &paths::receipt(slug));
}

/// Too old, or living outside the municipality: refused.
async fn assert_the_too_old_and_those_living_elsewhere_are_refused(
    app: &TestApp,
    slug: &str,
    area: &str,
    project: i64,
) {
    let old = app.signed_in("aldre@exempel.se").await;
    declare(&old, slug, "1960", area).await;
    let html = cast_and_read(&old, slug, project).await;
    assert_form_error(&html, Code::NotEligibleTooOld);
    let away = app.signed_in("bortrest@exempel.se").await;
    declare(&away, slug, &eighteen(), "none").await;
    let html = cast_and_read(&away, slug, project).await;
    assert_form_error(&html, Code::NotEligibleResidence);
}

on_both_databases!(
    age_and_residence_are_checked_against_what_the_voter_declared,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(
            &app,
            &[("min_age", "13"), ("max_age", "25"), ("residence", "lives")],
        )
        .await;
        let area = app::ssr::entity::area::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        assert_an_eligible_voter_declares_and_votes(&app, &slug, &area, ids[0]).await;
        assert_the_too_old_and_those_living_elsewhere_are_refused(&app, &slug, &area, ids[0]).await;
        assert_eq!(
            ballots(&app).await.len(),
            1,
            "only the eligible voter's ballot"
        );
        assert_eq!(register_count(&app).await, 1);
    }
);

// Staff helping someone cannot overwrite the ballot that person cast themselves: the help is
// refused with a message saying they can change it themselves, and their own ballot stands.
on_both_databases!(
    an_assisted_ballot_never_replaces_a_persons_own,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let own = app.signed_in("egen@exempel.se").await;
        let response = post(
            &own,
            CastBallot::PATH,
            &paths::vote(&slug),
            &choices(&ids[..1]),
        )
        .await;
        assert_redirects_to(&response, &paths::receipt(&slug));
        let staff = app.signed_in("staff@parker.se").await;
        let from = paths::staff_ballots(&slug);
        let mut fields = choices(&ids[1..2]);
        fields.push(("email".into(), "egen@exempel.se".into()));
        fields.push(("id_document".into(), "passport".into()));
        let response = post(&staff, AssistVote::PATH, &from, &fields).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::AlreadyVotedElsewhere)]
        );
        let html = staff.follow(&response).await.html().await;
        assert_form_error(&html, Code::AlreadyVotedElsewhere);
        let looked_up = app::ssr::entity::audit_event::Entity::find()
            .filter(app::ssr::entity::audit_event::Column::Action.eq("ballot.assisted_refused"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(
            looked_up.iter().map(|e| e.account_id).collect::<Vec<_>>(),
            [Some(account_id(&app, "staff@parker.se").await)],
            "telling staff that a person has voted is audited"
        );
        let stored = opened_box(&app).await;
        assert_eq!(stored.len(), 1);
        assert_eq!(
            (stored[0].channel.as_str(), &stored[0].ballot),
            (
                "online",
                &domain::ballot::Ballot::Approval(vec![ids[0].to_string()])
            )
        );
        assert_eq!(register_count(&app).await, 1);
    }
);

// One printed serial is one ballot however it is typed ("012" and "12"); a counted paper
// ballot stays in the box when one person reads it otherwise, and is set aside for a check
// only when a second person confirms the other reading.
on_both_databases!(
    a_counted_paper_ballot_is_taken_out_by_no_single_person,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let namnd = parks_namnd(&app).await;
        let first = app.signed_in("staff@parker.se").await;
        save_paper_roll(&first, &slug, "1", "500", "").await;
        let mut staff = vec![first];
        for n in 2..=4 {
            staff.push(person(&app, &format!("staff{n}@parker.se"), "staff", Some(namnd)).await);
        }
        let light = domain::ballot::Ballot::Approval(vec![ids[0].to_string()]);
        // (who, serial as typed, what they read, what staff are told, what the box holds)
        let steps = [
            (0, "12", ids[0], "waiting", None),
            (1, " 012", ids[0], "matched", Some(&light)),
            // One person reads it otherwise: flagged for a check, still counted as read twice.
            (2, "0012", ids[1], "mismatch", Some(&light)),
            // A second person confirms the other reading: out until the paper is checked.
            (3, "12", ids[1], "mismatch", None),
        ];
        for (who, serial, read, told, held) in steps {
            let response = enter_paper(&staff[who], &slug, serial, &[read]).await;
            assert_redirects_to(&response, &paper_state(&slug, told));
            let counted: Vec<_> = opened_box(&app)
                .await
                .into_iter()
                .map(|b| b.ballot)
                .collect();
            assert_eq!(
                counted,
                held.into_iter().cloned().collect::<Vec<_>>(),
                "after {serial:?}"
            );
        }
        let refused = refusal(&enter_paper(&staff[0], &slug, "12/4", &ids[..1]).await);
        assert_eq!(
            issues(&refused),
            [("serial".to_owned(), Code::SerialInvalid)]
        );
        let refused = refusal(&enter_paper(&staff[0], &slug, "501", &ids[..1]).await);
        assert_eq!(
            issues(&refused),
            [("serial".to_owned(), Code::SerialOutOfRange)]
        );
    }
);

// Paper ballots need the printed range first, which cannot move once ballots are typed in;
// at the close the paper ballots are checked against the number checked off the paper voter
// list, and the result is published only when they agree (the number may come after the
// close, and the check is then made again).
on_both_databases!(
    paper_ballots_are_checked_against_the_paper_voter_list,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let namnd = parks_namnd(&app).await;
        let first = app.signed_in("staff@parker.se").await;
        let second = person(&app, "staff2@parker.se", "staff", Some(namnd)).await;
        let refused = refusal(&enter_paper(&first, &slug, "7", &ids[..1]).await);
        assert_eq!(
            issues(&refused),
            [("serial".to_owned(), Code::PaperRangeMissing)]
        );
        let response = save_paper_roll(&first, &slug, "B-9", "B-1", "x").await;
        let refused = refusal(&response);
        assert_eq!(
            issues(&refused),
            [
                ("last_serial".to_owned(), Code::PaperRangeInvalid),
                ("checked_off".to_owned(), Code::CheckedOffInvalid)
            ]
        );
        assert_eq!(
            kept_value(&app.ctx.keys, &response, "first_serial").as_deref(),
            Some("B-9")
        );
        save_paper_roll(&first, &slug, "1", "50", "").await;
        for who in [&first, &second] {
            enter_paper(who, &slug, "7", &ids[..1]).await;
        }
        let refused = refusal(&save_paper_roll(&first, &slug, "1", "60", "").await);
        assert_eq!(
            issues(&refused),
            [("last_serial".to_owned(), Code::PaperRangeLocked)]
        );

        assert_eq!(move_to(&first, &slug, "deliberation").await.status(), 302);
        let response = publish_result(&first, &slug).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::BallotsRegisterMismatch)],
            "a paper ballot, nobody checked off yet"
        );
        let page = first.get(&paths::results(&slug)).await.html().await;
        assert!(page.contains(&tr("sv", "results.channel_mismatch", &[])));
        let response = save_paper_roll(&first, &slug, "1", "50", "1").await;
        assert_redirects_to(&response, &paths::staff_ballots(&slug).query("roll", 1));
        let response = publish_result(&first, &slug).await;
        assert_eq!(response.status(), 302, "published once the list agrees");
        let page = first.get(&paths::results(&slug)).await.html().await;
        assert!(!page.contains(&tr("sv", "results.channel_mismatch", &[])));
        assert!(page.contains(&tr("sv", "results.channel_paper", &[])));
    }
);
