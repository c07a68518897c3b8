//! Voting: casting and changing a ballot, the receipt, one person one ballot (also under
//! concurrent casts), a ballot box without identities, and refusals that store nothing.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use app::api::voting::{AssistVote, CastBallot, EnterPaperBallot, PublishResult, SaveVoterProfile};
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

on_both_databases!(
    a_resident_votes_changes_the_vote_and_gets_a_receipt_each_time,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let voter = app.signed_in("rostare@exempel.se").await;
        let vote = paths::vote(&slug);
        let page = voter.get(&vote).await.html().await;
        assert!(
            page.contains("Belysning") && page.contains("Lekplats"),
            "the feasible projects are on the ballot"
        );

        let response = post(&voter, CastBallot::PATH, &vote, &choices(&ids[..2])).await;
        assert_redirects_to(&response, &paths::receipt(&slug));
        let receipt = voter.follow(&response).await.html().await;
        assert!(
            receipt.contains("Belysning")
                && receipt.contains("Bänkar")
                && !receipt.contains("Lekplats")
        );
        assert!(receipt.contains(&tr("sv", "vote.change_link", &[])));

        let response = post(&voter, CastBallot::PATH, &vote, &choices(&ids[2..])).await;
        let receipt = voter.follow(&response).await.html().await;
        assert!(
            receipt.contains("Lekplats") && !receipt.contains("Belysning"),
            "the new ballot replaced the old"
        );
        let stored = ballots(&app).await;
        assert_eq!(stored.len(), 1, "never counted twice");
        assert_eq!(register_count(&app).await, 1);
        assert!(stored[0].choices.contains(&ids[2].to_string()));
        assert!(!stored[0].choices.contains(&ids[0].to_string()));

        // The ballot box holds no identity: neither the account id nor the address.
        let account_id = voter_register::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .account_id;
        assert_eq!(stored[0].voter_link.len(), 64);
        assert_ne!(stored[0].voter_link, account_id.to_string());
        assert!(!format!("{stored:?}").contains("rostare@exempel.se"));

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
        assert!(receipts[1].subject.contains("Kvitto på din röst"));
        assert!(receipts[1].body_text.contains("Lekplats"));
        assert!(
            receipts[1].body_text.contains(vote.as_str()),
            "how to change it"
        );
        let again = voter.get(&vote).await.html().await;
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

on_both_databases!(
    closing_the_vote_counts_it_and_the_published_result_can_be_recounted_from_its_ballots,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) =
            voting_round(&app, &[("max_choices", "2"), ("budget_total", "300000")]).await;
        let (light, benches, playground) = (ids[0], ids[1], ids[2]);
        let from = paths::vote(&slug);
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
            assert_redirects_to(&response, &paths::receipt(&slug));
        }
        let staff = app.signed_in("staff@parker.se").await;
        let response = move_to(&staff, &slug, "deliberation").await;
        assert_redirects_to(&response, &paths::staff_round(&slug).query("moved", 1));

        let public = app.visitor();
        let results = paths::results(&slug);
        assert_eq!(public.get(&results).await.status(), 404, "not public yet");
        assert_eq!(public.get(&paths::ballots_pb(&slug)).await.status(), 404);
        let preview = staff.get(&results).await.html().await;
        assert!(
            preview.contains(&tr("sv", "results.publish", &[])),
            "staff see it first"
        );
        let response = staff
            .post_form(
                PublishResult::PATH,
                &results,
                &[("slug", &slug), ("locale", "sv")],
            )
            .await;
        assert_redirects_to(&response, &results.clone().query("published", 1));

        let page = public.get(&results).await.html().await;
        assert!(
            page.contains(&tr_start("sv", "results.summary", &[("voters", &3)])),
            "{page}"
        );
        let nothing_left = format!("{}0", tr_start("sv", "results.why_does_not_fit", &[]));
        assert!(
            page.contains(&tr("sv", "results.not_funded", &[])) && page.contains(&nothing_left),
            "why Bänkar was not funded"
        );
        let file = public.get(&paths::ballots_pb(&slug)).await;
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
        let mut expected = vec![light.to_string(), playground.to_string()];
        expected.sort();
        assert_eq!(
            funded, expected,
            "ties go to the cheaper project; the benches do not fit"
        );
        assert_eq!(recount.voters, 3);
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
        let stored = ballots(&app).await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].channel, "assisted");
        // The helped person gets the receipt, and their ballot is the one they can see.
        let receipt = outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq("hjalp@exempel.se"))
            .all(&app.db)
            .await
            .unwrap();
        assert!(receipt.iter().any(|m| m.subject.contains("Kvitto")));
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
        let response = post(&staff, AssistVote::PATH, &from, &bad).await;
        let html = staff.follow(&response).await.html().await;
        assert_field_error(&html, "email", Code::EmailInvalid);
    }
);

on_both_databases!(
    paper_ballots_count_when_two_staff_enter_them_alike,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let first = app.signed_in("staff@parker.se").await;
        let second = person(&app, "staff2@parker.se", "staff", {
            use sea_orm::EntityTrait;
            Some(
                app::ssr::entity::namnd::Entity::find()
                    .one(&app.db)
                    .await
                    .unwrap()
                    .unwrap()
                    .id,
            )
        })
        .await;
        let from = paths::staff_ballots(&slug);
        let paper_state = |state: &str| from.clone().query("paper", state);
        let paper = |serial: &str, chosen: &[i64]| {
            let mut fields = choices(chosen);
            fields.push(("serial".into(), serial.into()));
            fields
        };
        let response = post(
            &first,
            EnterPaperBallot::PATH,
            &from,
            &paper("A-1", &ids[..2]),
        )
        .await;
        assert_redirects_to(&response, &paper_state("waiting"));
        assert!(ballots(&app).await.is_empty(), "one entry does not count");
        let again = post(
            &first,
            EnterPaperBallot::PATH,
            &from,
            &paper("A-1", &ids[..2]),
        )
        .await;
        let html = first.follow(&again).await.html().await;
        assert_field_error(&html, "serial", Code::PaperEnteredTwice);
        let response = post(
            &second,
            EnterPaperBallot::PATH,
            &from,
            &paper("A-1", &ids[..2]),
        )
        .await;
        assert_redirects_to(&response, &paper_state("matched"));
        let stored = ballots(&app).await;
        assert_eq!((stored.len(), stored[0].channel.as_str()), (1, "paper"));

        post(
            &first,
            EnterPaperBallot::PATH,
            &from,
            &paper("A-2", &ids[..1]),
        )
        .await;
        let response = post(
            &second,
            EnterPaperBallot::PATH,
            &from,
            &paper("A-2", &ids[1..2]),
        )
        .await;
        assert_redirects_to(&response, &paper_state("mismatch"));
        assert_eq!(ballots(&app).await.len(), 1, "a mismatch is not counted");
        let page = first.get(&from).await.html().await;
        assert!(
            page.contains(&tr("sv", "staff_ballots.state_mismatch", &[])) && page.contains("A-2")
        );
        assert_eq!(
            register_count(&app).await,
            0,
            "paper voters are checked off on paper, not here"
        );
        let resident = app.signed_in("boende@exempel.se").await;
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

on_both_databases!(
    age_and_residence_are_checked_against_what_the_voter_declared,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(
            &app,
            &[("min_age", "13"), ("max_age", "25"), ("residence", "lives")],
        )
        .await;
        let from = paths::vote(&slug);
        let area = app::ssr::entity::area::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let declare = |who: Visitor, year: String, home: String| {
            let slug = slug.clone();
            let from = from.clone();
            async move {
                who.post_form(
                    SaveVoterProfile::PATH,
                    &from,
                    &[
                        ("slug", &slug),
                        ("locale", "sv"),
                        ("birth_year", &year),
                        ("home_area", &home),
                    ],
                )
                .await
            }
        };
        let young = app.signed_in("ung@exempel.se").await;
        let response = post(&young, CastBallot::PATH, &from, &choices(&ids[..1])).await;
        let html = young.follow(&response).await.html().await;
        assert_form_error(&html, Code::ProfileNeeded);
        let bad = declare(young.clone(), "nittonhundra".into(), area.clone()).await;
        let html = young.follow(&bad).await.html().await;
        assert_field_error(&html, "birth_year", Code::BirthYearInvalid);
        let year = chrono::Datelike::year(&chrono::Utc::now());
        let eighteen = (year - 18).to_string();
        let response = declare(young.clone(), eighteen.clone(), area.clone()).await;
        assert_redirects_to(&response, &from);
        let response = post(&young, CastBallot::PATH, &from, &choices(&ids[..1])).await;
        assert_redirects_to(&response, &paths::receipt(&slug));

        let old = app.signed_in("aldre@exempel.se").await;
        declare(old.clone(), "1960".into(), area.clone()).await;
        let response = post(&old, CastBallot::PATH, &from, &choices(&ids[..1])).await;
        let html = old.follow(&response).await.html().await;
        assert_form_error(&html, Code::NotEligibleTooOld);
        let away = app.signed_in("bortrest@exempel.se").await;
        declare(away.clone(), eighteen.clone(), "none".into()).await;
        let response = post(&away, CastBallot::PATH, &from, &choices(&ids[..1])).await;
        let html = away.follow(&response).await.html().await;
        assert_form_error(&html, Code::NotEligibleResidence);
        assert_eq!(
            ballots(&app).await.len(),
            1,
            "only the eligible voter's ballot"
        );
        assert_eq!(register_count(&app).await, 1);
    }
);
