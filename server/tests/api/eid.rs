//! Swedish eID against a real OpenID provider running locally (`oidc.rs`): a resident proves
//! who they are and votes in an eID round; the same person with a second address cannot vote
//! twice and is offered to merge; every kind of bad answer (state, nonce, expiry, signature,
//! audience, issuer, an invalid identity number, discovery redirected elsewhere) ends on a
//! clear page with nobody signed in; the verified birth year decides age limits and cannot be
//! declared over; staff can be required to sign in with eID.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::eid::MergeEidAccount;
use app::api::voting::{CastBallot, SaveVoterProfile};
use app::paths;
use app::ssr::entity::{account, ballot};

use crate::fixtures::*;
use crate::helpers::*;
use crate::oidc::{eid_sign_in, provider_answer, providers_file};
use crate::on_both_databases;

static SCRATCH: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A server whose eID provider is the local one.
pub(crate) async fn spawn_with_eid(backend: Backend, staff_eid: bool) -> TestApp {
    let n = SCRATCH.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("mb-eid-{}-{n}", std::process::id()));
    let file = providers_file(&dir).await;
    spawn_with(
        backend,
        Options {
            eid_providers: Some(file),
            staff_eid,
            ..Options::default()
        },
    )
    .await
}

async fn account_of(app: &TestApp, email: &str) -> Option<account::Model> {
    account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
}

async fn ballot_count(app: &TestApp) -> u64 {
    ballot::Entity::find().count(&app.db).await.unwrap()
}

/// Whether a response sets a (non-empty) session cookie.
fn signs_in(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.starts_with("mb_session=") && !c.starts_with("mb_session=;"))
}

/// Presses the merge button of the eID page's offer.
async fn merge(visitor: &Visitor) -> reqwest::Response {
    visitor
        .post_form(
            MergeEidAccount::PATH,
            &eid_result("merge"),
            &[("locale", "sv")],
        )
        .await
}

fn eid_result(word: &str) -> String {
    paths::login_eid().query("result", word).into_string()
}

on_both_databases!(
    a_resident_votes_with_eid_and_a_second_address_of_theirs_cannot_vote_again,
    |backend| async move {
        let app = spawn_with_eid(backend, false).await;
        let (slug, ids) = voting_round(&app, &[("verification", "eid")]).await;
        let vote = paths::vote(&slug);
        let anna = app.signed_in("anna@exempel.se").await;

        // Before eID: refused, and the ballot page offers the sign-in.
        let response = post(&anna, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
        assert_form_error(
            &anna.follow(&response).await.html().await,
            Code::NotEligibleEid,
        );
        let page = anna.get(&vote).await.html().await;
        assert!(
            page.contains(&*paths::eid_start("testid")),
            "the ballot offers eID"
        );
        assert_eq!(ballot_count(&app).await, 0);

        let response = eid_sign_in(&anna, "anna", &vote).await;
        assert_redirects_to(&response, &vote);
        assert!(signs_in(&response), "a session marked as eID");
        let stored = account_of(&app, "anna@exempel.se").await.unwrap();
        let digest = stored
            .identity_digest
            .clone()
            .expect("the identity is linked");
        assert_eq!(
            stored.birth_year,
            Some(1990),
            "the birth year comes from the number"
        );
        assert!(stored.eid_verified_at.is_some());
        assert!(
            !format!("{stored:?}").contains("2385"),
            "the number is not stored"
        );
        assert!(!digest.contains("199001012385"));

        let response = post(&anna, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
        assert_redirects_to(&response, &paths::receipt(&slug));
        assert_eq!(ballot_count(&app).await, 1);

        // The same person with another address: still refused, offered to merge.
        let other = app.signed_in("anna.a@annan.se").await;
        let response = eid_sign_in(&other, "anna", &vote).await;
        assert_redirects_to(&response, &eid_result("merge"));
        assert!(!signs_in(&response));
        assert_eq!(
            account_of(&app, "anna.a@annan.se")
                .await
                .unwrap()
                .identity_digest,
            None,
            "one identity, one account"
        );
        let response = post(&other, CastBallot::PATH, &vote, &choices(&ids[1..2])).await;
        assert_form_error(
            &other.follow(&response).await.html().await,
            Code::NotEligibleEid,
        );
        assert_eq!(ballot_count(&app).await, 1);
        let offer = other.get(&eid_result("merge")).await.html().await;
        assert!(
            offer.contains("a…a@exempel.se"),
            "names the account, masked"
        );
        assert!(!offer.contains("anna@exempel.se"));

        // Merging: one account, signed in as it; voting again replaces the one ballot.
        let response = merge(&other).await;
        assert_redirects_to(&response, &vote);
        assert!(
            account_of(&app, "anna.a@annan.se").await.is_none(),
            "merged away"
        );
        let response = post(&other, CastBallot::PATH, &vote, &choices(&ids[1..2])).await;
        assert_redirects_to(&response, &paths::receipt(&slug));
        assert_eq!(ballot_count(&app).await, 1, "one person, one ballot");
        // The offer is used up.
        let response = merge(&other).await;
        assert_redirects_to(&response, &eid_result("merge_expired"));
    }
);

on_both_databases!(
    every_bad_answer_ends_on_a_clear_page_with_nobody_signed_in,
    |backend| async move {
        let app = spawn_with_eid(backend, false).await;
        let back = paths::home().into_string();
        let accounts = || async { account::Entity::find().count(&app.db).await.unwrap() };
        let before = accounts().await;
        for (person, result, check) in [
            ("wrongnonce", "token", "check=\"nonce\""),
            ("expired", "token", "check=\"expired\""),
            ("badsig", "token", "check=\"signature\""),
            ("wrongaud", "token", "check=\"audience\""),
            ("wrongiss", "token", "check=\"issuer\""),
            ("badnumber", "number", "reason=\"number\""),
        ] {
            let visitor = app.visitor();
            let response = eid_sign_in(&visitor, person, &back).await;
            assert_redirects_to(&response, &eid_result(result));
            assert!(!signs_in(&response), "{person}: no session");
            let page = visitor.follow(&response).await.html().await;
            assert!(
                page.contains(&tr("sv", &format!("eid.{result}"), &[])),
                "{person}: the page says why"
            );
            // Each mutated token fails the check it was made to fail (the log says which).
            let logs = server::telemetry::captured_logs();
            assert!(logs.contains(check), "{person}: {check}");
        }
        let logs = server::telemetry::captured_logs();
        assert!(!logs.contains("eyJ"), "no token in the log");
        assert!(
            !logs.contains("199001012386"),
            "no identity number in the log"
        );

        // A tampered state, and an answer reaching a browser that did not start the sign-in.
        let visitor = app.visitor();
        let answer = provider_answer(&visitor, "testid", "anna", &back).await;
        let tampered = answer.replace("state=", "state=x");
        let response = visitor.get(&tampered).await;
        assert_redirects_to(&response, &eid_result("state"));
        assert!(!signs_in(&response));
        let answer = provider_answer(&app.visitor(), "testid", "anna", &back).await;
        let response = app.visitor().get(&answer).await;
        assert_redirects_to(&response, &eid_result("state"));

        // Discovery that redirects to another host is not followed.
        let response = app
            .visitor()
            .get(&paths::eid_start("elsewhere").query("return", &back))
            .await;
        assert_redirects_to(&response, &eid_result("unavailable"));
        assert_eq!(accounts().await, before, "nothing was created");
    }
);

on_both_databases!(
    the_verified_birth_year_decides_the_age_limit_and_cannot_be_declared_over,
    |backend| async move {
        let app = spawn_with_eid(backend, false).await;
        let (slug, ids) = voting_round(&app, &[("verification", "eid"), ("min_age", "16")]).await;
        let vote = paths::vote(&slug);
        let young = app.signed_in("ung@exempel.se").await;
        assert_redirects_to(&eid_sign_in(&young, "young", &vote).await, &vote);
        let response = post(&young, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
        assert_form_error(
            &young.follow(&response).await.html().await,
            Code::NotEligibleTooYoung,
        );
        // Declaring an older birth year changes nothing.
        young
            .post_form(
                SaveVoterProfile::PATH,
                &vote,
                &[
                    ("slug", slug.as_str()),
                    ("locale", "sv"),
                    ("birth_year", "1990"),
                    ("home_area", ""),
                ],
            )
            .await;
        let stored = account_of(&app, "ung@exempel.se").await.unwrap();
        assert_eq!(stored.birth_year, Some(2012));
        let response = post(&young, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
        assert_form_error(
            &young.follow(&response).await.html().await,
            Code::NotEligibleTooYoung,
        );
        assert_eq!(ballot_count(&app).await, 0);
    }
);

on_both_databases!(
    a_person_without_an_account_signs_in_by_email_once_then_with_eid_alone,
    |backend| async move {
        let app = spawn_with_eid(backend, false).await;
        let back = paths::home().into_string();
        let stranger = app.visitor();
        let response = eid_sign_in(&stranger, "cora", &back).await;
        assert_redirects_to(&response, &eid_result("no_account"));
        assert!(!signs_in(&response));

        let cora = app.signed_in("cora@exempel.se").await;
        assert_redirects_to(&eid_sign_in(&cora, "cora", &back).await, &back);
        let stored = account_of(&app, "cora@exempel.se").await.unwrap();
        assert!(
            stored.identity_digest.is_some(),
            "a coordination number links too"
        );

        // Another browser, nobody signed in: eID alone signs in to that account.
        let later = app.visitor();
        let response = eid_sign_in(&later, "cora", &back).await;
        assert_redirects_to(&response, &back);
        assert!(signs_in(&response));
        let page = later.get(&back).await.html().await;
        assert!(page.contains("cora@exempel.se"), "signed in as cora");

        // A signed-in account that holds another person's identity is not taken over.
        let response = eid_sign_in(&later, "bertil", &back).await;
        assert_redirects_to(&response, &eid_result("other_person"));
        let stored_again = account_of(&app, "cora@exempel.se").await.unwrap();
        assert_eq!(stored_again.identity_digest, stored.identity_digest);
    }
);

on_both_databases!(
    staff_act_as_staff_only_after_signing_in_with_eid_when_required,
    |backend| async move {
        let app = spawn_with_eid(backend, true).await;
        let town = municipality(&app).await;
        let staff = person(&app, "handlaggare@parker.se", "staff", Some(town.parks)).await;
        let response = staff.get(&paths::staff()).await;
        assert_eq!(response.status(), 403, "an email session is not enough");
        let page = response.html().await;
        assert!(
            page.contains(&tr("sv", "eid.staff_needed", &[])),
            "the page says why"
        );
        let back = paths::staff().into_string();
        assert_redirects_to(&eid_sign_in(&staff, "bertil", &back).await, &back);
        assert_eq!(staff.get(&paths::staff()).await.status(), 200);
    }
);
