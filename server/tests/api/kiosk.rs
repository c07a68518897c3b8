//! Kiosk mode: staff make a shared device a kiosk, let voters in one after another with the
//! kiosk's PIN, and each voter's session ends with their ballot (and the voluntary questions
//! after it), so the next sees nothing of them; wrong PINs are counted and end the kiosk; a kiosk session never has staff powers.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::kiosk::{KioskNextVoter, LeaveKioskBallot, StartKiosk};
use app::api::participation::AnswerQuestions;
use app::api::voting::CastBallot;
use app::error::AppError;
use app::paths;
use app::ssr::entity::{ballot, kiosk, outbox, sealed_answer};

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

async fn start(device: &Visitor, slug: &str, place: &str, pin: &str) -> reqwest::Response {
    let form = fields(&[
        ("slug", slug),
        ("locale", "sv"),
        ("form[place]", place),
        ("form[pin]", pin),
    ]);
    post(device, StartKiosk::PATH, &paths::staff_ballots(slug), &form).await
}

async fn let_in(device: &Visitor, email: &str, pin: &str) -> reqwest::Response {
    let_in_with_number(device, email, pin, "").await
}

/// Lets a voter in with the personal identity number staff typed from their document.
async fn let_in_with_number(
    device: &Visitor,
    email: &str,
    pin: &str,
    number: &str,
) -> reqwest::Response {
    let form = fields(&[
        ("locale", "sv"),
        ("form[email]", email),
        ("form[pin]", pin),
        ("form[id_document]", "driving_licence"),
        ("form[identity_number]", number),
    ]);
    post(device, KioskNextVoter::PATH, &paths::kiosk(), &form).await
}

/// The page a refused form post goes back to (the error shown there), after checking that it
/// was refused and that the PIN is not among the values sent back.
async fn refused(device: &Visitor, response: &reqwest::Response) -> String {
    let error = refusal(response);
    assert!(
        typed_value(&error, "pin").unwrap_or_default().is_empty(),
        "no PIN sent back: {error:?}"
    );
    device.follow(response).await.html().await
}

/// Changes a round's verification setting in the database (the form would need every field).
async fn set_verification(app: &TestApp, slug: &str, verification: &str) {
    use app::ssr::entity::round;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let row = round::Entity::find()
        .filter(round::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut settings: serde_json::Value = serde_json::from_str(&row.config).unwrap();
    settings["verification"] = verification.into();
    let mut update: round::ActiveModel = row.into();
    update.config = Set(settings.to_string());
    update.update(&app.db).await.unwrap();
}

async fn the_kiosk(app: &TestApp) -> kiosk::Model {
    kiosk::Entity::find().one(&app.db).await.unwrap().unwrap()
}

/// A bad start is explained and stores nothing; the PIN is never sent back.
async fn assert_a_bad_start_is_explained_and_stores_nothing(
    app: &TestApp,
    device: &Visitor,
    slug: &str,
) {
    let response = start(device, slug, "Stadsbiblioteket", "12").await;
    let page = refused(device, &response).await;
    assert_field_error(&page, "pin", Code::PinInvalid);
    assert!(
        page.contains("value=\"Stadsbiblioteket\""),
        "the place is kept"
    );
    assert_eq!(kiosk::Entity::find().count(&app.db).await.unwrap(), 0);
}

/// Staff start the kiosk with the PIN 4711: their own session ends on the shared device, which
/// now waits for the next voter.
async fn start_the_kiosk_and_the_staff_session_ends(device: &Visitor, slug: &str) {
    let response = start(device, slug, "Stadsbiblioteket", "4711").await;
    assert_redirects_to(&response, &paths::kiosk());
    assert_eq!(device.get(&paths::staff()).await.status(), 401);
    let page = device.get(&paths::kiosk()).await.html().await;
    assert!(
        page.contains("Stadsbiblioteket") && page.contains(&tr("sv", "kiosk.next_heading", &[])),
        "{page}"
    );
}

/// A wrong PIN lets nobody in, keeps nothing typed, and is counted.
async fn assert_a_wrong_pin_lets_nobody_in(app: &TestApp, device: &Visitor, slug: &str) {
    let response = let_in(device, "ana@exempel.se", "1111").await;
    let page = refused(device, &response).await;
    assert_field_error(&page, "pin", Code::PinWrong);
    assert!(
        !page.contains("ana@exempel.se"),
        "nothing typed stays in the shared device's history"
    );
    assert_eq!(device.get(&paths::vote(slug)).await.status(), 401);
    assert_eq!(the_kiosk(app).await.pin_failures, 1);
}

/// The first voter is let in and sees who is signed in, with no staff powers.
async fn let_in_the_first_voter(device: &Visitor, slug: &str) {
    let vote = paths::vote(slug);
    let response = let_in(device, "ana@exempel.se", "4711").await;
    assert_redirects_to(&response, &vote);
    let ballot_page = device.get(&vote).await.html().await;
    assert!(
        ballot_page.contains("ana@exempel.se"),
        "the voter sees who is signed in"
    );
    assert!(ballot_page.contains(&tr("sv", "kiosk.hand_back", &[])));
    assert_eq!(
        device.get(&paths::staff()).await.status(),
        403,
        "a kiosk session is no staff"
    );
}

/// The voter at the kiosk votes for `project` and is sent to the voluntary questions.
async fn cast_at_the_kiosk(device: &Visitor, slug: &str, project: i64) {
    let response = post(
        device,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(&[project]),
    )
    .await;
    assert_redirects_to(&response, &paths::kiosk_questions());
}

/// The register records who started the kiosk (and holds its PIN) and the kind of document
/// checked when the voter was let in.
async fn assert_the_register_names_the_kiosk_operator(app: &TestApp, email: &str) {
    let voter = account_id(app, email).await;
    let row = app::ssr::entity::voter_register::Entity::find()
        .filter(app::ssr::entity::voter_register::Column::AccountId.eq(voter))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the voter is registered");
    let started_by = app::ssr::entity::kiosk::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .started_by;
    assert_eq!(
        (
            row.channel.as_str(),
            row.operator_id,
            row.id_document.as_deref()
        ),
        ("kiosk", Some(started_by), Some("driving_licence"))
    );
}

/// After the cast the session only answers the voluntary questions: no receipt on the shared
/// device, no second cast.
async fn assert_only_the_questions_are_left(device: &Visitor, slug: &str, project: i64) {
    assert_eq!(device.get(&paths::receipt(slug)).await.status(), 403);
    let again = post(
        device,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(&[project]),
    )
    .await;
    assert_eq!(refusal(&again), AppError::Forbidden);
    let page = device.get(&paths::kiosk_questions()).await.html().await;
    assert!(
        page.contains(&tr("sv", "participation.answers_title", &[])) && !page.contains("Belysning"),
        "{page}"
    );
}

/// The first voter answers the questions: the answer counts, and the device is handed back
/// with nothing of the voter left on it.
async fn answer_and_hand_back(app: &TestApp, device: &Visitor, slug: &str) {
    let answers = fields(&[
        ("slug", slug),
        ("locale", "sv"),
        ("form[age]", "20-29"),
        ("form[born]", "abroad"),
    ]);
    let response = post(
        device,
        AnswerQuestions::PATH,
        &paths::kiosk_questions(),
        &answers,
    )
    .await;
    let voted = paths::kiosk().query("voted", 1);
    assert_redirects_to(&response, &voted);
    assert_eq!(
        sealed_answer::Entity::find().count(&app.db).await.unwrap(),
        1,
        "the assisted voter counts among those who answered"
    );
    assert_eq!(device.get(&paths::receipt(slug)).await.status(), 401);
    let page = device.get(&voted).await.html().await;
    assert!(page.contains(&tr("sv", "kiosk.voted", &[])));
    assert!(
        !page.contains("ana@exempel.se") && !page.contains("Belysning"),
        "{page}"
    );
}

/// The second voter sees an empty ballot and nothing of the first.
async fn assert_the_second_voter_sees_nothing_of_the_first(device: &Visitor, slug: &str) {
    let vote = paths::vote(slug);
    let response = let_in(device, "bo@exempel.se", "4711").await;
    assert_redirects_to(&response, &vote);
    let second = device.get(&vote).await.html().await;
    assert!(second.contains("bo@exempel.se"));
    assert!(
        !second.contains("ana@exempel.se"),
        "nothing of the first voter"
    );
    assert!(!second.contains("checked"), "no choice ticked");
}

/// The second voter skips the questions: skipping hands the device back as well, and no
/// answer is stored.
async fn skip_the_questions_and_hand_back(app: &TestApp, device: &Visitor, slug: &str) {
    let page = device.get(&paths::kiosk_questions()).await.html().await;
    assert!(
        page.contains(&tr("sv", "participation.answers_title", &[])),
        "{page}"
    );
    let skip = fields(&[("locale", "sv")]);
    let response = post(
        device,
        LeaveKioskBallot::PATH,
        &paths::kiosk_questions(),
        &skip,
    )
    .await;
    assert_redirects_to(&response, &paths::kiosk().query("voted", 1));
    assert_eq!(device.get(&paths::vote(slug)).await.status(), 401);
    assert_eq!(
        sealed_answer::Entity::find().count(&app.db).await.unwrap(),
        1
    );
}

/// `email` votes online for `project` (the round opened to online voting for the moment).
async fn vote_online_meanwhile(app: &TestApp, slug: &str, email: &str, project: i64) {
    let online = app.signed_in(email).await;
    set_verification(app, slug, "email").await;
    let response = post(
        &online,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(&[project]),
    )
    .await;
    assert_redirects_to(&response, &paths::receipt(slug));
    set_verification(app, slug, "in_person").await;
}

/// Lets `email` in at the kiosk; returns the session token the device was given.
async fn let_in_and_read_the_session(device: &Visitor, email: &str) -> String {
    let response = let_in(device, email, "4711").await;
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|c| {
            c.strip_prefix("mb_session=")
                .and_then(|c| c.split(';').next())
        })
        .find(|t| !t.is_empty())
        .unwrap()
        .to_owned()
}

/// An address proves nothing: the ballot cast online is not shown at the kiosk.
async fn assert_the_online_ballot_is_not_shown(device: &Visitor, slug: &str) {
    let page = device.get(&paths::vote(slug)).await.html().await;
    assert!(page.contains("dora@exempel.se"));
    assert!(
        !page.contains("checked"),
        "the online ballot is not shown at the kiosk"
    );
}

/// A copy of the kiosk session works until the voter walks away and the kiosk page lets them
/// out; then it no longer does. Pages for people signed in are never cached.
async fn assert_a_copy_of_the_session_dies_with_the_next_page(
    app: &TestApp,
    device: &Visitor,
    token: &str,
    slug: &str,
) {
    let vote = paths::vote(slug);
    let copy = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let with_copy = |path: &str| {
        copy.get(format!("{}{path}", app.base))
            .header("cookie", format!("mb_session={token}"))
            .header("accept", "text/html")
            .send()
    };
    assert_eq!(with_copy(&vote).await.unwrap().status(), 200);
    device.get(&paths::kiosk()).await;
    assert_eq!(with_copy(&vote).await.unwrap().status(), 401);
    assert_eq!(
        device.get(&paths::kiosk()).await.headers()["cache-control"],
        "no-store"
    );
}

/// Two ballots were cast at the kiosk, three people let in, and each kiosk voter got a receipt.
async fn assert_two_kiosk_ballots_and_a_receipt_each(app: &TestApp) {
    let kiosk_ballots = opened_box(app)
        .await
        .iter()
        .filter(|b| b.channel == "kiosk")
        .count();
    assert_eq!(kiosk_ballots, 2);
    assert_eq!(
        the_kiosk(app).await.voters,
        3,
        "ana, bo and dora were let in"
    );
    for voter in ["ana@exempel.se", "bo@exempel.se"] {
        let receipts = outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq(voter))
            .filter(outbox::Column::EventKey.starts_with("receipt:"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(receipts, 1, "{voter} gets a receipt");
    }
}

/// Online, the same in-person round stays closed.
async fn assert_online_the_round_stays_closed(app: &TestApp, slug: &str, project: i64) {
    let online = app.signed_in("cilla@exempel.se").await;
    let response = post(
        &online,
        CastBallot::PATH,
        &paths::vote(slug),
        &choices(&[project]),
    )
    .await;
    assert_eq!(
        issues(&refusal(&response)),
        [(String::new(), Code::NotEligibleInPerson)]
    );
    assert_eq!(
        ballot::Entity::find().count(&app.db).await.unwrap(),
        3,
        "two at the kiosk, dora's online"
    );
}

on_both_databases!(
    two_voters_in_a_row_at_a_kiosk_each_vote_and_the_second_sees_nothing_of_the_first,
    |backend| async move {
        let app = spawn(backend).await;
        // An in-person round: nobody may vote online, a kiosk voter is checked in person.
        let (slug, ids) = voting_round(&app, &[("verification", "in_person")]).await;
        let device = app.signed_in("staff@parker.se").await;

        // Arrange: staff make the device a kiosk.
        assert_a_bad_start_is_explained_and_stores_nothing(&app, &device, &slug).await;
        start_the_kiosk_and_the_staff_session_ends(&device, &slug).await;
        assert_a_wrong_pin_lets_nobody_in(&app, &device, &slug).await;

        // The first voter: let in, votes for the first project, answers, and is gone.
        let_in_the_first_voter(&device, &slug).await;
        cast_at_the_kiosk(&device, &slug, ids[0]).await;
        assert_the_register_names_the_kiosk_operator(&app, "ana@exempel.se").await;
        assert_only_the_questions_are_left(&device, &slug, ids[2]).await;
        answer_and_hand_back(&app, &device, &slug).await;

        // The second voter sees an empty ballot, votes, and skips the questions.
        assert_the_second_voter_sees_nothing_of_the_first(&device, &slug).await;
        cast_at_the_kiosk(&device, &slug, ids[1]).await;
        skip_the_questions_and_hand_back(&app, &device, &slug).await;

        // Someone who voted online comes to the kiosk: their ballot is not shown there, and a
        // copy of the kiosk session dies with the next page.
        vote_online_meanwhile(&app, &slug, "dora@exempel.se", ids[2]).await;
        let token = let_in_and_read_the_session(&device, "dora@exempel.se").await;
        assert_the_online_ballot_is_not_shown(&device, &slug).await;
        assert_a_copy_of_the_session_dies_with_the_next_page(&app, &device, &token, &slug).await;

        assert_two_kiosk_ballots_and_a_receipt_each(&app).await;
        assert_online_the_round_stays_closed(&app, &slug, ids[0]).await;
    }
);

on_both_databases!(
    five_wrong_pins_end_the_kiosk_and_then_even_the_right_one_lets_nobody_in,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, _) = voting_round(&app, &[]).await;
        let device = app.signed_in("staff@parker.se").await;
        start(&device, &slug, "Träffpunkten", "24680").await;
        for attempt in 1..=4 {
            let response = let_in(&device, "dan@exempel.se", "0000").await;
            let page = refused(&device, &response).await;
            assert_eq!(
                error_summary(&page),
                [("pin".to_owned(), Code::PinWrong.to_string())],
                "attempt {attempt}"
            );
        }
        let response = let_in(&device, "dan@exempel.se", "0000").await;
        let page = refused(&device, &response).await;
        assert_form_error(&page, Code::KioskEnded);
        let stored = the_kiosk(&app).await;
        assert!(stored.ended_at.is_some());
        assert_eq!(stored.pin_failures, 5);
        let response = let_in(&device, "dan@exempel.se", "24680").await;
        let page = refused(&device, &response).await;
        assert_form_error(&page, Code::KioskEnded);
        assert_eq!(device.get(&paths::vote(&slug)).await.status(), 401);
        let page = device.get(&paths::kiosk()).await.html().await;
        assert!(page.contains(&tr("sv", "kiosk.inactive", &[])), "{page}");
        // Starting needs the round's staff: a resident cannot make a kiosk.
        let resident = app.signed_in("eva@exempel.se").await;
        let response = start(&resident, &slug, "Hemma", "1234").await;
        assert_eq!(refusal(&response), AppError::Forbidden);
        assert_eq!(kiosk::Entity::find().count(&app.db).await.unwrap(), 1);
    }
);

// A number typed at the kiosk is checked when the voter is let in, against the electoral roll
// when they cast, and binds the person: under another address they cannot vote again.
on_both_databases!(
    a_number_typed_at_the_kiosk_checks_the_roll_and_binds_the_person,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let vote = paths::vote(&slug);
        let device = app.signed_in("staff@parker.se").await;
        crate::roll::upload_roll(&device, &slug, "19750505-1230\n").await;
        start_the_kiosk_and_the_staff_session_ends(&device, &slug).await;

        let response =
            let_in_with_number(&device, "doris@exempel.se", "4711", "19750505-1231").await;
        let page = refused(&device, &response).await;
        assert_field_error(&page, "identity_number", Code::IdentityNumberCheckDigit);
        assert_eq!(device.get(&vote).await.status(), 401, "nobody let in");

        let response =
            let_in_with_number(&device, "doris@exempel.se", "4711", "197505051230").await;
        assert_redirects_to(&response, &vote);
        cast_at_the_kiosk(&device, &slug, ids[0]).await;
        let skip = fields(&[("locale", "sv")]);
        post(
            &device,
            LeaveKioskBallot::PATH,
            &paths::kiosk_questions(),
            &skip,
        )
        .await;

        // The same person under another address, and someone without a number: refused.
        for (email, number, code) in [
            (
                "doris.d@exempel.se",
                "7505051230",
                Code::AlreadyVotedElsewhere,
            ),
            ("utan@exempel.se", "", Code::RollNeedsIdentity),
        ] {
            let response = let_in_with_number(&device, email, "4711", number).await;
            assert_redirects_to(&response, &vote);
            let response = post(&device, CastBallot::PATH, &vote, &choices(&ids[1..2])).await;
            assert_form_error(&device.follow(&response).await.html().await, code);
            post(&device, LeaveKioskBallot::PATH, &vote, &skip).await;
        }
        assert_eq!(ballot::Entity::find().count(&app.db).await.unwrap(), 1);
        let register = app::ssr::entity::voter_register::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert!(register[0].identity_digest.is_some(), "the person is bound");
        assert!(
            !format!("{register:?}").contains("0505"),
            "by digest, not number"
        );
    }
);
