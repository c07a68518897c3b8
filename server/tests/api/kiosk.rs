//! Kiosk mode: staff make a shared device a kiosk, let voters in one after another with the
//! kiosk's PIN, and each voter's session ends with their ballot (and the voluntary questions
//! after it), so the next sees nothing of them; wrong PINs are counted and end the kiosk; a kiosk session never has staff powers.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::entity::{ballot, kiosk, outbox, participant_response};

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
    post(
        device,
        "/api/start_kiosk",
        &format!("/staff/rounds/{slug}/ballots"),
        &form,
    )
    .await
}

async fn let_in(device: &Visitor, email: &str, pin: &str) -> reqwest::Response {
    let form = fields(&[("locale", "sv"), ("form[email]", email), ("form[pin]", pin)]);
    post(device, "/api/kiosk_next_voter", "/kiosk", &form).await
}

/// The page a refused form post goes back to (the error shown there), after checking that it
/// was refused and that the PIN is not among the values sent back.
async fn refused(device: &Visitor, response: &reqwest::Response) -> String {
    let back = location(response);
    assert!(back.contains("__err="), "refused: {back}");
    let payload = back.split("__err=").nth(1).unwrap();
    let payload = form_urlencoded::parse(format!("e={payload}").as_bytes())
        .next()
        .unwrap()
        .1
        .into_owned();
    use base64::Engine as _;
    let json = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let values = json["Invalid"]["values"].as_array().unwrap();
    assert!(
        values.iter().all(|pair| pair[0] != "pin" || pair[1] == ""),
        "no PIN sent back: {json}"
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

on_both_databases!(
    two_voters_in_a_row_at_a_kiosk_each_vote_and_the_second_sees_nothing_of_the_first,
    |backend| async move {
        let app = spawn(backend).await;
        // An in-person round: nobody may vote online, a kiosk voter is checked in person.
        let (slug, ids) = voting_round(&app, &[("verification", "in_person")]).await;
        let device = app.signed_in("staff@parker.se").await;

        // A bad start is explained and stores nothing; the PIN is never sent back.
        let response = start(&device, &slug, "Stadsbiblioteket", "12").await;
        let page = refused(&device, &response).await;
        assert!(page.contains("PIN-koden ska vara 4–8 siffror."), "{page}");
        assert!(
            page.contains("value=\"Stadsbiblioteket\""),
            "the place is kept"
        );
        assert_eq!(kiosk::Entity::find().count(&app.db).await.unwrap(), 0);

        let response = start(&device, &slug, "Stadsbiblioteket", "4711").await;
        assert!(
            location(&response).ends_with("/kiosk"),
            "{}",
            location(&response)
        );
        // The staff member's own session ended on the shared device.
        assert_eq!(device.get("/staff").await.status(), 401);
        let page = device.get("/kiosk").await.html().await;
        assert!(
            page.contains("Stadsbiblioteket") && page.contains("Nästa röstande"),
            "{page}"
        );

        // A wrong PIN lets nobody in.
        let response = let_in(&device, "ana@exempel.se", "1111").await;
        let page = refused(&device, &response).await;
        assert!(page.contains("Fel PIN-kod."), "{page}");
        assert!(
            !page.contains("ana@exempel.se"),
            "nothing typed stays in the shared device's history"
        );
        assert_eq!(
            device.get(&format!("/rounds/{slug}/vote")).await.status(),
            401
        );
        assert_eq!(the_kiosk(&app).await.pin_failures, 1);

        // The first voter: let in, votes for the first project, and is gone.
        let response = let_in(&device, "ana@exempel.se", "4711").await;
        assert!(location(&response).ends_with(&format!("/rounds/{slug}/vote")));
        let ballot_page = device
            .get(&format!("/rounds/{slug}/vote"))
            .await
            .html()
            .await;
        assert!(
            ballot_page.contains("ana@exempel.se"),
            "the voter sees who is signed in"
        );
        assert!(ballot_page.contains("Avbryt och lämna tillbaka enheten"));
        assert_eq!(
            device.get("/staff").await.status(),
            403,
            "a kiosk session is no staff"
        );
        let response = post(
            &device,
            "/api/cast_ballot",
            &format!("/rounds/{slug}/vote"),
            &choices(&[ids[0]]),
        )
        .await;
        assert!(
            location(&response).ends_with("/kiosk/questions"),
            "{}",
            location(&response)
        );
        // After the cast the session only answers the voluntary questions: no receipt on the
        // shared device, no second cast.
        let receipt = format!("/rounds/{slug}/vote/receipt");
        assert_eq!(device.get(&receipt).await.status(), 403);
        let again = post(
            &device,
            "/api/cast_ballot",
            &format!("/rounds/{slug}/vote"),
            &choices(&[ids[2]]),
        )
        .await;
        assert!(location(&again).contains("__err="), "{}", location(&again));
        let page = device.get("/kiosk/questions").await.html().await;
        assert!(
            page.contains("Vill du berätta lite om dig själv") && !page.contains("Belysning"),
            "{page}"
        );
        let answers = fields(&[
            ("slug", &slug),
            ("locale", "sv"),
            ("form[age]", "20-29"),
            ("form[born]", "abroad"),
        ]);
        let response = post(
            &device,
            "/api/answer_questions",
            "/kiosk/questions",
            &answers,
        )
        .await;
        assert!(
            location(&response).ends_with("/kiosk?voted=1"),
            "{}",
            location(&response)
        );
        assert_eq!(
            participant_response::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            1,
            "the assisted voter counts among those who answered"
        );
        assert_eq!(device.get(&receipt).await.status(), 401);
        let page = device.get("/kiosk?voted=1").await.html().await;
        assert!(page.contains("Rösten är registrerad"));
        assert!(
            !page.contains("ana@exempel.se") && !page.contains("Belysning"),
            "{page}"
        );

        // The second voter sees an empty ballot and nothing of the first.
        let response = let_in(&device, "bo@exempel.se", "4711").await;
        assert!(location(&response).ends_with(&format!("/rounds/{slug}/vote")));
        let second = device
            .get(&format!("/rounds/{slug}/vote"))
            .await
            .html()
            .await;
        assert!(second.contains("bo@exempel.se"));
        assert!(
            !second.contains("ana@exempel.se"),
            "nothing of the first voter"
        );
        assert!(!second.contains("checked"), "no choice ticked");
        let response = post(
            &device,
            "/api/cast_ballot",
            &format!("/rounds/{slug}/vote"),
            &choices(&[ids[1]]),
        )
        .await;
        assert!(location(&response).ends_with("/kiosk/questions"));
        let asked = device.get("/kiosk/questions").await.html().await;
        assert!(
            asked.contains("Vill du berätta lite om dig själv"),
            "{asked}"
        );
        // The second voter skips the questions: skipping hands the device back as well.
        let skip = fields(&[("locale", "sv")]);
        let response = post(
            &device,
            "/api/leave_kiosk_ballot",
            "/kiosk/questions",
            &skip,
        )
        .await;
        assert!(
            location(&response).ends_with("/kiosk?voted=1"),
            "{}",
            location(&response)
        );
        assert_eq!(
            device.get(&format!("/rounds/{slug}/vote")).await.status(),
            401
        );
        assert_eq!(
            participant_response::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            1
        );

        // Someone who voted online comes to the kiosk: their ballot is not shown there (an
        // address proves nothing), and a copy of the kiosk session dies with the next page.
        let online = app.signed_in("dora@exempel.se").await;
        set_verification(&app, &slug, "email").await;
        let response = post(
            &online,
            "/api/cast_ballot",
            &format!("/rounds/{slug}/vote"),
            &choices(&[ids[2]]),
        )
        .await;
        assert!(
            location(&response).ends_with("/vote/receipt"),
            "{}",
            location(&response)
        );
        set_verification(&app, &slug, "in_person").await;
        let response = let_in(&device, "dora@exempel.se", "4711").await;
        let token = response
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
            .to_owned();
        let page = device
            .get(&format!("/rounds/{slug}/vote"))
            .await
            .html()
            .await;
        assert!(page.contains("dora@exempel.se"));
        assert!(
            !page.contains("checked"),
            "the online ballot is not shown at the kiosk"
        );
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
        assert_eq!(
            with_copy(&format!("/rounds/{slug}/vote"))
                .await
                .unwrap()
                .status(),
            200
        );
        // The voter walks away; the kiosk page lets them out, and the copy no longer works.
        device.get("/kiosk").await;
        assert_eq!(
            with_copy(&format!("/rounds/{slug}/vote"))
                .await
                .unwrap()
                .status(),
            401
        );
        // Pages for people signed in are never cached.
        assert_eq!(
            device.get("/kiosk").await.headers()["cache-control"],
            "no-store"
        );

        let kiosk_ballots = ballot::Entity::find()
            .filter(ballot::Column::Channel.eq("kiosk"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(kiosk_ballots, 2);
        assert_eq!(
            the_kiosk(&app).await.voters,
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
        // Online, the same in-person round stays closed.
        let online = app.signed_in("cilla@exempel.se").await;
        let response = post(
            &online,
            "/api/cast_ballot",
            &format!("/rounds/{slug}/vote"),
            &choices(&[ids[0]]),
        )
        .await;
        assert!(
            location(&response).contains("__err="),
            "{}",
            location(&response)
        );
        assert_eq!(
            ballot::Entity::find().count(&app.db).await.unwrap(),
            3,
            "two at the kiosk, dora's online"
        );
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
            assert!(page.contains("Fel PIN-kod."), "attempt {attempt}");
        }
        let response = let_in(&device, "dan@exempel.se", "0000").await;
        let page = refused(&device, &response).await;
        assert!(page.contains("Kiosken är avslutad."), "{page}");
        let stored = the_kiosk(&app).await;
        assert!(stored.ended_at.is_some());
        assert_eq!(stored.pin_failures, 5);
        let response = let_in(&device, "dan@exempel.se", "24680").await;
        assert!(
            refused(&device, &response)
                .await
                .contains("Kiosken är avslutad.")
        );
        assert_eq!(
            device.get(&format!("/rounds/{slug}/vote")).await.status(),
            401
        );
        let page = device.get("/kiosk").await.html().await;
        assert!(page.contains("tar inte emot fler röstande"), "{page}");
        // Starting needs the round's staff: a resident cannot make a kiosk.
        let resident = app.signed_in("eva@exempel.se").await;
        let response = start(&resident, &slug, "Hemma", "1234").await;
        assert!(location(&response).contains("__err="));
        assert_eq!(kiosk::Entity::find().count(&app.db).await.unwrap(), 1);
    }
);
