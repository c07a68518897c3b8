//! A round's electoral roll: staff upload it as a file (all or nothing, each bad line named by
//! number and reason, never by content), only keyed digests are stored, and then residence is
//! verified: an identified person on the roll votes, one off it is refused, one whose identity
//! is unknown is told how to be identified; a number typed in person joins the same
//! one-person-one-vote check as eID.

use sea_orm::{EntityTrait, PaginatorTrait};

use app::api::rounds::ClearRoll;
use app::api::voting::{AssistVote, CastBallot};
use app::paths;
use app::ssr::entity::{ballot, electoral_roll};

use crate::eid::spawn_with_eid;
use crate::fixtures::*;
use crate::helpers::*;
use crate::oidc::eid_sign_in;
use crate::on_both_databases;

/// Anna in the local provider; two more valid numbers, and Bertil, who is left off the roll.
const ANNA: &str = "199001012385";
const BERTIL: &str = "198112289874";
const DORIS: &str = "19750505-1230";
const ERIK: &str = "196803149878";

/// Sends the roll form as the browser does (plain multipart).
pub(crate) async fn upload_roll(who: &Visitor, slug: &str, text: &str) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(text.as_bytes().to_vec())
        .file_name("rostlangd.csv")
        .mime_str("text/csv")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("locale", "sv")
        .part("roll", part);
    let page = paths::staff_round(slug);
    who.client
        .post(format!("{}{}", who.base, paths::electoral_roll(slug)))
        .headers(browser_headers(&format!("{}{page}", who.base)))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn roll_rows(app: &TestApp) -> Vec<electoral_roll::Model> {
    electoral_roll::Entity::find().all(&app.db).await.unwrap()
}

fn roll_page(slug: &str, query: &str) -> String {
    paths::staff_round(slug)
        .encoded_query(query)
        .fragment("roll")
        .into_string()
}

on_both_databases!(
    a_roll_with_bad_lines_imports_nothing_and_names_each_line,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;

        let bad =
            format!("personnummer;namn\n{ANNA};Anna\n19900101-2386;X\n\n{ERIK}\n1990-13-01\n");
        let response = upload_roll(&staff, &slug, &bad).await;
        assert_redirects_to(
            &response,
            &roll_page(
                &slug,
                "roll_error=roll_bad_lines&bad=3%3Aidentity_number_check_digit%2C6%3Aidentity_number_format&bad_total=2",
            ),
        );
        assert!(roll_rows(&app).await.is_empty(), "all or nothing");
        let page = staff.follow(&response).await.html().await;
        assert_eq!(
            field_error(&page, "roll").as_deref(),
            Some("roll_bad_lines")
        );
        let line = tr(
            "sv",
            "error.on_line",
            &[
                ("line", &3),
                ("text", &tr("sv", "error.identity_number_check_digit", &[])),
            ],
        );
        assert!(page.contains(&line), "line 3 is named with its reason");
        assert!(!page.contains("2386"), "a bad line's content is not shown");

        let response = upload_roll(&staff, &slug, "personnummer\n\n").await;
        assert_redirects_to(&response, &roll_page(&slug, "roll_error=roll_empty"));

        // Residents cannot upload; the round page says residence is declared.
        let resident = app.signed_in("boende@exempel.se").await;
        let response = upload_roll(&resident, &slug, ANNA).await;
        assert_eq!(response.status(), 403);
        let round_page = app.visitor().get(&paths::round(&slug)).await.html().await;
        assert!(!round_page.contains("data-residence=\"roll\""));

        // A good file: each person once, whatever the form; only digests stored.
        let good = format!("{ANNA}\n{DORIS}\n\"19750505-1230\";dubblett\n{ERIK}\n");
        let response = upload_roll(&staff, &slug, &good).await;
        assert_redirects_to(&response, &roll_page(&slug, "roll_imported=3"));
        let rows = roll_rows(&app).await;
        assert_eq!(rows.len(), 3);
        let stored = format!("{rows:?}");
        for number in [ANNA, "197505051230", ERIK, "1990010", "0505-1230"] {
            assert!(!stored.contains(number), "no number stored: {number}");
        }
        assert_eq!(audited(&app, "round.roll_imported").await, ["count:3"]);
        let page = staff.follow(&response).await.html().await;
        assert!(page.contains("data-roll-count=\"3\""));
        let round_page = app.visitor().get(&paths::round(&slug)).await.html().await;
        assert!(round_page.contains(&tr("sv", "round.residence_roll", &[])));

        // A new file replaces the old one; removing it makes residence declared again.
        let response = upload_roll(&staff, &slug, ERIK).await;
        assert_redirects_to(&response, &roll_page(&slug, "roll_imported=1"));
        assert_eq!(roll_rows(&app).await.len(), 1);
        let fields = [
            ("slug".to_owned(), slug.clone()),
            ("locale".into(), "sv".into()),
        ];
        let response = post(&staff, ClearRoll::PATH, &paths::staff_round(&slug), &fields).await;
        assert_redirects_to(&response, &roll_page(&slug, "roll_cleared=1"));
        assert!(roll_rows(&app).await.is_empty());
        assert_eq!(audited(&app, "round.roll_cleared").await.len(), 1);

        // Once voting has closed the roll stays as the ballots were checked against.
        upload_roll(&staff, &slug, ERIK).await;
        set_phase(&app, &slug, "deliberation").await;
        let response = upload_roll(&staff, &slug, ANNA).await;
        assert_redirects_to(&response, &roll_page(&slug, "roll_error=roll_locked"));
        let response = post(&staff, ClearRoll::PATH, &paths::staff_round(&slug), &fields).await;
        assert_eq!(
            issues(&refusal(&response)),
            [("roll".to_owned(), Code::RollLocked)]
        );
        assert_eq!(roll_rows(&app).await.len(), 1);
    }
);

/// An assisted vote for `email` with the `number` typed from their document.
async fn assist(
    staff: &Visitor,
    slug: &str,
    email: &str,
    number: &str,
    pick: i64,
) -> reqwest::Response {
    let mut fields = choices(&[pick]);
    fields.push(("email".into(), email.into()));
    fields.push(("id_document".into(), "passport".into()));
    fields.push(("identity_number".into(), number.into()));
    post(
        staff,
        AssistVote::PATH,
        &paths::staff_ballots(slug),
        &fields,
    )
    .await
}

async fn ballots(app: &TestApp) -> u64 {
    ballot::Entity::find().count(&app.db).await.unwrap()
}

on_both_databases!(
    with_a_roll_only_identified_people_on_it_vote_once_across_channels,
    |backend| async move {
        let app = spawn_with_eid(backend, false).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let vote = paths::vote(&slug);
        let staff = app.signed_in("staff@parker.se").await;
        let roll = format!("{ANNA}\n{DORIS}\n{ERIK}\n");
        assert_redirects_to(
            &upload_roll(&staff, &slug, &roll).await,
            &roll_page(&slug, "roll_imported=3"),
        );

        // Email alone: who this is is unknown; the ballot offers eID.
        let anna = app.signed_in("anna@exempel.se").await;
        let response = post(&anna, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
        assert_form_error(
            &anna.follow(&response).await.html().await,
            Code::RollNeedsIdentity,
        );
        assert!(
            anna.get(&vote)
                .await
                .html()
                .await
                .contains(&*paths::eid_start("testid"))
        );

        // With eID, on the roll: votes (no residence declared).
        assert_redirects_to(&eid_sign_in(&anna, "anna", &vote).await, &vote);
        let response = post(&anna, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
        assert_redirects_to(&response, &paths::receipt(&slug));

        // With eID, off the roll: refused with the reason.
        let bertil = app.signed_in("bertil@exempel.se").await;
        assert_redirects_to(&eid_sign_in(&bertil, "bertil", &vote).await, &vote);
        let response = post(&bertil, CastBallot::PATH, &vote, &choices(&ids[..1])).await;
        assert_form_error(
            &bertil.follow(&response).await.html().await,
            Code::NotOnRoll,
        );
        assert_eq!(ballots(&app).await, 1);

        // In person: Anna's number under another address is Anna, who has voted.
        let response = assist(&staff, &slug, "anna.annan@exempel.se", ANNA, ids[1]).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::AlreadyVotedElsewhere)]
        );
        // A number that is not the eID-verified account's own.
        let response = assist(&staff, &slug, "bertil@exempel.se", DORIS, ids[1]).await;
        assert_eq!(
            issues(&refusal(&response)),
            [("identity_number".to_owned(), Code::IdentityNumberMismatch)]
        );
        assert_eq!(
            kept_value(&app.ctx.keys, &response, "identity_number").as_deref(),
            Some(DORIS),
            "the form keeps the number as typed"
        );
        // No number: unknown; a mistyped one: its reason at the field; Bertil's: off the roll.
        let response = assist(&staff, &slug, "doris@exempel.se", "", ids[1]).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::RollNeedsIdentity)]
        );
        let response = assist(&staff, &slug, "doris@exempel.se", "19750505-1231", ids[1]).await;
        assert_eq!(
            issues(&refusal(&response)),
            [("identity_number".to_owned(), Code::IdentityNumberCheckDigit)]
        );
        let response = assist(&staff, &slug, "bertil.b@exempel.se", BERTIL, ids[1]).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::NotOnRoll)]
        );
        assert_eq!(ballots(&app).await, 1);

        // Doris, typed in person, on the roll: votes; then not again under another address.
        let response = assist(&staff, &slug, "doris@exempel.se", DORIS, ids[1]).await;
        assert_redirects_to(&response, &paths::staff_ballots(&slug).query("assisted", 1));
        let response = assist(&staff, &slug, "doris.d@exempel.se", "197505051230", ids[2]).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::AlreadyVotedElsewhere)]
        );
        assert_eq!(ballots(&app).await, 2);

        // Without a roll Doris changes her vote online by email alone: she stays bound to her
        // number, so it still cannot vote again under another address.
        let fields = [
            ("slug".to_owned(), slug.clone()),
            ("locale".into(), "sv".into()),
        ];
        post(&staff, ClearRoll::PATH, &paths::staff_round(&slug), &fields).await;
        let doris = app.signed_in("doris@exempel.se").await;
        let response = post(&doris, CastBallot::PATH, &vote, &choices(&ids[2..3])).await;
        assert_redirects_to(&response, &paths::receipt(&slug));
        let response = assist(&staff, &slug, "doris.e@exempel.se", DORIS, ids[0]).await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::AlreadyVotedElsewhere)]
        );
        assert_eq!(ballots(&app).await, 2);
    }
);
