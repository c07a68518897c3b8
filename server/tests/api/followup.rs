//! After the vote: the politicians' review and decisions, implementation updates, and the
//! mail that tells everyone concerned — proposers, supporters, voters who chose the project,
//! subscribers — and nobody who unsubscribed; signed links that refuse tampering; open data.

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use app::api::decisions::SaveDecision;
use app::api::subscriptions::{ChooseDigest, ConfirmSubscription, Subscribe, Unsubscribe};
use app::api::updates::SaveUpdate;
use app::api::voting::CastBallot;
use app::error::AppError;
use app::i18n::Locale;
use app::paths::{self, Path};
use app::ssr::entity::{decision, implementation_update, mail_opt_out, namnd, outbox, round};
use app::ssr::keys::Purpose;
use app::ssr::links::query;

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

/// The kinds of mail (event keys up to the first `:`) queued for `email`, sorted; login links
/// left out.
async fn mail_to(app: &TestApp, email: &str) -> Vec<String> {
    let mut keys: Vec<String> = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(email))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.event_key.split(':').next().unwrap_or_default().to_owned())
        .filter(|kind| kind != "login")
        .collect();
    keys.sort();
    keys
}

fn signed(app: &TestApp, purpose: Purpose, email: &str, scope: &str) -> Vec<(String, String)> {
    let q = query(&app.ctx.keys.mail_link, purpose, email, scope);
    let mut fields: Vec<(String, String)> =
        form_urlencoded::parse(q.as_bytes()).into_owned().collect();
    fields.push(("locale".into(), "sv".into()));
    fields
}

/// `page` with a signed link's `e`, `s` and `t`: where posting the link's form comes back to.
fn with_link(page: Path, link: &[(String, String)]) -> Path {
    link.iter()
        .filter(|(key, _)| ["e", "s", "t"].contains(&key.as_str()))
        .fold(page, |page, (key, value)| page.query(key, value))
}

/// Where saving an update of `id` leads: its follow-up on the project's page.
fn updated(slug: &str, id: i64) -> Path {
    paths::proposal(slug, id)
        .query("updated", 1)
        .fragment("follow-up")
}

fn decision_fields(id: i64, outcome: &str, motivation: &str) -> Vec<(String, String)> {
    [
        ("id", id.to_string()),
        ("locale", "sv".into()),
        ("form[outcome]", outcome.into()),
        ("form[motivation]", motivation.into()),
        ("form[protocol_section]", "45".into()),
        ("form[meeting_date]", Utc::now().date_naive().to_string()),
        (
            "form[minutes_url]",
            "https://exempel.se/protokoll.pdf".into(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn update_fields(id: i64, status: &str, percent: &str) -> Vec<(String, String)> {
    [
        ("id", id.to_string()),
        ("locale", "sv".into()),
        ("form[status]", status.into()),
        ("form[percent]", percent.into()),
        ("form[text]", "Lamporna är beställda.".into()),
        ("form[date]", Utc::now().date_naive().to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The round `slug` as stored.
async fn the_round(app: &TestApp, slug: &str) -> round::Model {
    round::Entity::find()
        .filter(round::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// Where a moved round's staff page leads.
fn moved(slug: &str) -> Path {
    paths::staff_round(slug).query("moved", 1)
}

/// A politician of the round's nämnd, signed in.
async fn politician_of_the_round(app: &TestApp, slug: &str) -> Visitor {
    let namnd = the_round(app, slug).await.namnd_id;
    person(app, "politiker@parker.se", "politician", Some(namnd)).await
}

/// The politician posts a decision on project `id`.
async fn decide(
    politician: &Visitor,
    id: i64,
    outcome: &str,
    motivation: &str,
) -> reqwest::Response {
    post(
        politician,
        SaveDecision::PATH,
        &paths::decision(id),
        &decision_fields(id, outcome, motivation),
    )
    .await
}

/// Staff post an implementation update of project `id` from its page.
async fn post_update(staff: &Visitor, slug: &str, id: i64, percent: &str) -> reqwest::Response {
    post(
        staff,
        SaveUpdate::PATH,
        &paths::proposal(slug, id),
        &update_fields(id, "started", percent),
    )
    .await
}

/// Staff post one update of project `id` per percentage, each published.
async fn post_updates(staff: &Visitor, slug: &str, id: i64, percents: &[&str]) {
    for percent in percents {
        let response = post_update(staff, slug, id, percent).await;
        assert_redirects_to(&response, &updated(slug, id));
    }
}

/// `email` signs up, and supports project `id` (stored directly: the support phase is over).
async fn a_resident_supports(app: &TestApp, email: &str, id: i64) {
    let supporter = app.signed_in(email).await;
    drop(supporter);
    app::ssr::proposals::insert_support(&app.db, id, account_id(app, email).await, Utc::now())
        .await
        .unwrap();
}

/// Each (address, project) votes for that project and is sent to the receipt.
async fn they_vote(app: &TestApp, slug: &str, votes: &[(&str, i64)]) {
    let from = paths::vote(slug);
    for (email, chosen) in votes {
        let voter = app.signed_in(email).await;
        let response = post(&voter, CastBallot::PATH, &from, &choices(&[*chosen])).await;
        assert_redirects_to(&response, &paths::receipt(slug));
    }
}

/// `email` follows the unsubscribe link of a mail and asks for no mail at all.
async fn unsubscribe_from_everything(app: &TestApp, email: &str) {
    let quiet = app.visitor();
    let link = signed(app, Purpose::Unsubscribe, email, "all");
    let response = post(&quiet, Unsubscribe::PATH, &paths::unsubscribe(), &link).await;
    assert_redirects_to(&response, &with_link(paths::unsubscribe(), &link));
}

/// Someone without an account follows the round in English (double opt-in): asked to
/// confirm, and confirms.
async fn a_follower_subscribes_in_english_and_confirms(app: &TestApp, slug: &str) {
    let follower = app.visitor();
    let response = post(
        &follower,
        Subscribe::PATH,
        &paths::round(slug),
        &[
            ("slug".to_owned(), slug.to_owned()),
            ("locale".to_owned(), "en".to_owned()),
            ("form[email]".to_owned(), "Follower@Example.se".to_owned()),
        ],
    )
    .await;
    assert_redirects_to(
        &response,
        &app::locale::href(Locale::en, &paths::round(slug).query("subscribed", 1)),
    );
    assert_eq!(mail_to(app, "follower@example.se").await, ["subscribe"]);
    let scope = format!("round:{}", the_round(app, slug).await.id);
    let link = signed(app, Purpose::Confirm, "follower@example.se", &scope);
    let response = post(
        &follower,
        ConfirmSubscription::PATH,
        &paths::confirm_subscription(),
        &link,
    )
    .await;
    assert_redirects_to(&response, &with_link(paths::confirm_subscription(), &link));
}

/// Staff close the vote and publish the result.
async fn close_the_vote_and_publish_the_result(staff: &Visitor, slug: &str) {
    assert_redirects_to(&move_to(staff, slug, "deliberation").await, &moved(slug));
    let response = publish_result(staff, slug).await;
    assert_redirects_to(&response, &paths::results(slug).query("published", 1));
}

/// The politicians' review page is for the nämnd's politicians, not for residents.
async fn assert_only_politicians_see_the_review(app: &TestApp, politician: &Visitor, slug: &str) {
    let page = politician.get(&paths::political_review(slug)).await;
    assert_eq!(page.status(), 200);
    let html = page.html().await;
    assert!(
        html.contains(&tr("sv", "politics.title", &[("round", &"Omröstning")]))
            && html.contains("Belysning")
            && html.contains(&tr("sv", "politics.ballots", &[("count", &3)])),
        "{html}"
    );
    let resident = app.signed_in("ljus@exempel.se").await;
    assert_eq!(
        resident.get(&paths::political_review(slug)).await.status(),
        403
    );
}

/// Against the residents' result a motivation is required: nothing is stored without it.
async fn assert_a_decision_against_the_result_needs_a_motivation(
    app: &TestApp,
    politician: &Visitor,
    id: i64,
) {
    let response = decide(politician, id, "not_approved", "").await;
    assert_eq!(
        issues(&refusal(&response)),
        [("motivation".to_owned(), Code::MotivationRequired)]
    );
    let page = politician.follow(&response).await.html().await;
    assert_field_error(&page, "motivation", Code::MotivationRequired);
    assert!(
        page.contains("https://exempel.se/protokoll.pdf"),
        "what was typed is kept"
    );
    assert_eq!(decision::Entity::find().count(&app.db).await.unwrap(), 0);
}

/// The politician approves the light and, with a motivation, not the benches.
async fn approve_the_light_and_not_the_benches(
    politician: &Visitor,
    slug: &str,
    light: i64,
    benches: i64,
) {
    let politics = paths::political_review(slug);
    let response = decide(politician, light, "approved", "").await;
    assert_redirects_to(&response, &politics.clone().query("decided", light));
    let motivation = "Bänkarna ryms i parkförvaltningens ordinarie budget.";
    let response = decide(politician, benches, "not_approved", motivation).await;
    assert_redirects_to(&response, &politics.query("decided", benches));
}

/// The public result shows each decision beside it, with the motivation where they differ.
async fn assert_the_decisions_stand_beside_the_result(app: &TestApp, slug: &str) {
    let results = app.visitor().get(&paths::results(slug)).await.html().await;
    assert!(
        results.contains(&tr("sv", "decision.approved", &[]))
            && results.contains(&tr("sv", "decision.not_approved", &[])),
        "decisions beside the result"
    );
    assert!(
        results.contains("Bänkarna ryms"),
        "the motivation where they differ"
    );
}

/// A percentage of 140 is refused at its field and nothing is stored.
async fn assert_a_percentage_over_a_hundred_is_refused(
    app: &TestApp,
    staff: &Visitor,
    slug: &str,
    id: i64,
) {
    let response = post_update(staff, slug, id, "140").await;
    assert_eq!(
        issues(&refusal(&response)),
        [("percent".to_owned(), Code::PercentRange)]
    );
    let html = staff.follow(&response).await.html().await;
    assert_field_error(&html, "percent", Code::PercentRange);
    assert_eq!(
        implementation_update::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn assert_no_updates_on_a_project_not_approved(staff: &Visitor, slug: &str, id: i64) {
    let response = post_update(staff, slug, id, "10").await;
    assert_eq!(
        issues(&refusal(&response)),
        [(String::new(), Code::UpdateNotApproved)],
        "no updates on a project that was not approved"
    );
}

/// The approved project's page shows its latest update, and the overview only approved projects.
async fn assert_the_public_follows_the_approved_project(app: &TestApp, slug: &str, id: i64) {
    let page = app
        .visitor()
        .get(&paths::proposal(slug, id))
        .await
        .html()
        .await;
    assert!(
        page.contains(&tr("sv", "follow_up.heading", &[]))
            && page.contains(&tr("sv", "follow_up.percent_done", &[("percent", &40)]))
            && page.contains("Lamporna är beställda")
    );
    let overview = app.visitor().get(&paths::projects()).await.html().await;
    assert!(
        overview.contains("Belysning") && !overview.contains("Bänkar"),
        "only approved projects"
    );
}

/// Exactly the expected mail: per person, the kinds of event.
async fn assert_each_person_was_told_exactly_what_concerns_them(app: &TestApp) {
    assert_eq!(
        mail_to(app, "forslag@exempel.se").await,
        [
            "decision",
            "decision",
            "proposal-received",
            "proposal-received",
            "proposal-received",
            "review",
            "review",
            "review",
            "update",
            "update"
        ],
        "the proposer hears about each of their projects"
    );
    assert_eq!(
        mail_to(app, "stod@exempel.se").await,
        ["decision", "update", "update"]
    );
    // Voters hear of every decision and update of their round (who chose what stays secret).
    for voter in ["ljus@exempel.se", "bank@exempel.se"] {
        assert_eq!(
            mail_to(app, voter).await,
            [
                "decision", "decision", "receipt", "results", "update", "update"
            ]
        );
    }
    assert_eq!(
        mail_to(app, "tyst@exempel.se").await,
        ["receipt"],
        "unsubscribed: only the receipt of their own vote"
    );
    assert_eq!(
        mail_to(app, "follower@example.se").await,
        ["results", "subscribe"]
    );
}

/// The follower's result mail is in English, with a one-click and a page unsubscribe link.
async fn assert_the_follower_is_told_in_english_and_can_unsubscribe(app: &TestApp) {
    let english = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("follower@example.se"))
        .filter(outbox::Column::EventKey.starts_with("results:"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(english.locale, "en");
    assert!(english.subject.contains("result"), "{}", english.subject);
    assert!(
        english
            .unsubscribe_url
            .as_deref()
            .is_some_and(|u| u.contains(&format!("{}?", paths::UNSUBSCRIBE_ONE_CLICK)))
    );
    assert!(english.body_text.contains(&format!(
        "{}?",
        app::locale::href(Locale::en, &paths::unsubscribe())
    )));
}

/// The open data lists every project of the round, with its status.
async fn assert_the_open_data_lists_the_projects(app: &TestApp, slug: &str) {
    let csv = app
        .visitor()
        .get(&paths::open_data_csv(slug))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("id,title,area,status"), "{csv}");
    assert!(csv.contains("Belysning") && csv.contains("approved"));
    let json: serde_json::Value = app
        .visitor()
        .get(&paths::open_data_json(slug))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
}

/// The staff mail page counts the round's mail.
async fn assert_the_staff_mail_page_is_the_rounds(staff: &Visitor, slug: &str) {
    let page = staff.get(&paths::staff_mail(slug)).await.html().await;
    assert!(
        page.contains(&tr("sv", "staff_mail.title", &[("round", &"Omröstning")])),
        "{page}"
    );
}

on_both_databases!(
    a_round_goes_from_vote_to_decision_and_updates_and_exactly_the_right_people_are_told,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) =
            voting_round(&app, &[("max_choices", "2"), ("budget_total", "300000")]).await;
        let (light, benches) = (ids[0], ids[1]);

        // Arrange: a supporter of the light project, three voters (one of whom wants no mail at
        // all), and someone without an account who follows the round.
        a_resident_supports(&app, "stod@exempel.se", light).await;
        let votes = [
            ("ljus@exempel.se", light),
            ("bank@exempel.se", benches),
            ("tyst@exempel.se", light),
        ];
        they_vote(&app, &slug, &votes).await;
        unsubscribe_from_everything(&app, "tyst@exempel.se").await;
        a_follower_subscribes_in_english_and_confirms(&app, &slug).await;

        // Act: voting closes, the nämnd decides, and the approved project is followed up.
        let staff = app.signed_in("staff@parker.se").await;
        close_the_vote_and_publish_the_result(&staff, &slug).await;
        let politician = politician_of_the_round(&app, &slug).await;
        assert_only_politicians_see_the_review(&app, &politician, &slug).await;
        assert_a_decision_against_the_result_needs_a_motivation(&app, &politician, benches).await;
        approve_the_light_and_not_the_benches(&politician, &slug, light, benches).await;
        assert_the_decisions_stand_beside_the_result(&app, &slug).await;
        assert_redirects_to(&move_to(&staff, &slug, "decided").await, &moved(&slug));
        assert_a_percentage_over_a_hundred_is_refused(&app, &staff, &slug, light).await;
        post_updates(&staff, &slug, light, &["10", "40"]).await;
        assert_no_updates_on_a_project_not_approved(&staff, &slug, benches).await;
        assert_the_public_follows_the_approved_project(&app, &slug, light).await;

        // Assert: exactly the right people were told, in their language; the open data.
        assert_each_person_was_told_exactly_what_concerns_them(&app).await;
        assert_the_follower_is_told_in_english_and_can_unsubscribe(&app).await;
        assert_the_open_data_lists_the_projects(&app, &slug).await;
        assert_the_staff_mail_page_is_the_rounds(&staff, &slug).await;
    }
);

on_both_databases!(
    a_decision_on_a_project_of_another_namnd_is_refused_and_changes_nothing,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let staff = app.signed_in("staff@parker.se").await;
        move_to(&staff, &slug, "deliberation").await;
        let culture = namnd::Entity::find()
            .filter(namnd::Column::Slug.eq("kultur"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let other = person(&app, "politiker@kultur.se", "politician", Some(culture)).await;
        let path = paths::decision(ids[0]);
        let status = script_status(
            &other,
            SaveDecision::PATH,
            &path,
            &decision_fields(ids[0], "approved", ""),
        )
        .await;
        assert_eq!(status, 403);
        let response = post(
            &other,
            SaveDecision::PATH,
            &path,
            &decision_fields(ids[0], "approved", ""),
        )
        .await;
        assert_eq!(
            refusal(&response),
            AppError::Forbidden,
            "without JavaScript the page explains"
        );
        assert_eq!(other.get(&path).await.status(), 403);
        assert_eq!(decision::Entity::find().count(&app.db).await.unwrap(), 0);
    }
);

/// A tampered unsubscribe link, and a confirmation link used as one, are refused and change
/// nothing.
async fn assert_links_not_genuine_are_refused(
    app: &TestApp,
    visitor: &Visitor,
    genuine: &[(String, String)],
) {
    let mut tampered = genuine.to_vec();
    tampered[0].1 = "b@exempel.se".into();
    let unsubscribe = paths::unsubscribe();
    let invalid = [(String::new(), Code::LinkInvalid)];
    let response = post(visitor, Unsubscribe::PATH, &unsubscribe, &tampered).await;
    assert_eq!(issues(&refusal(&response)), invalid);
    let page = visitor
        .get(&with_link(paths::unsubscribe(), &tampered))
        .await
        .html()
        .await;
    assert!(page.contains(&tr("sv", "links.invalid", &[])), "{page}");
    // A confirmation link is no unsubscribe link either.
    let confirm = signed(app, Purpose::Confirm, "a@exempel.se", "round:7");
    let response = post(visitor, Unsubscribe::PATH, &unsubscribe, &confirm).await;
    assert_eq!(issues(&refusal(&response)), invalid);
    assert_eq!(
        mail_opt_out::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

/// The genuine link, used twice, opts out once.
async fn assert_a_link_used_again_opts_out_once(
    app: &TestApp,
    visitor: &Visitor,
    genuine: &[(String, String)],
) {
    for _ in 0..2 {
        let response = post(visitor, Unsubscribe::PATH, &paths::unsubscribe(), genuine).await;
        assert_redirects_to(&response, &with_link(paths::unsubscribe(), genuine));
    }
    assert_eq!(
        mail_opt_out::Entity::find().count(&app.db).await.unwrap(),
        1,
        "used again: still one"
    );
}

/// The one-click POST of RFC 8058 works from anywhere, and checks the signature too.
async fn assert_one_click_works_from_anywhere_and_checks_the_signature(app: &TestApp) {
    let client = reqwest::Client::new();
    let one_click = |q: &str| format!("{}{}?{q}", app.base, paths::UNSUBSCRIBE_ONE_CLICK);
    let all = query(
        &app.ctx.keys.mail_link,
        Purpose::Unsubscribe,
        "a@exempel.se",
        "all",
    );
    let response = client
        .post(one_click(&all))
        .header("Origin", "https://mail.example.com")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bad = all.replace("e=a%40", "e=c%40");
    assert_eq!(
        client.post(one_click(&bad)).send().await.unwrap().status(),
        400
    );
    assert_eq!(
        mail_opt_out::Entity::find().count(&app.db).await.unwrap(),
        2
    );
}

on_both_databases!(
    unsubscribe_links_that_are_tampered_with_or_used_again_change_nothing,
    |backend| async move {
        let app = spawn(backend).await;
        let visitor = app.visitor();
        let genuine = signed(&app, Purpose::Unsubscribe, "a@exempel.se", "round:7");
        assert_links_not_genuine_are_refused(&app, &visitor, &genuine).await;
        assert_a_link_used_again_opts_out_once(&app, &visitor, &genuine).await;
        assert_one_click_works_from_anywhere_and_checks_the_signature(&app).await;
    }
);

/// `email` chooses, through the link in a mail, to get its news as a daily digest.
async fn choose_the_digest(app: &TestApp, email: &str) {
    let mut digest = signed(app, Purpose::Unsubscribe, email, "all");
    digest.push(("on".into(), "true".into()));
    let response = post(
        &app.visitor(),
        ChooseDigest::PATH,
        &paths::unsubscribe(),
        &digest,
    )
    .await;
    assert_redirects_to(&response, &with_link(paths::unsubscribe(), &digest));
}

/// The mail to `email` other than login links and receipts, oldest first.
async fn news_to(app: &TestApp, email: &str) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(email))
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| !m.event_key.starts_with("login:") && !m.event_key.starts_with("receipt:"))
        .collect()
}

/// One digest was sent with the decision; one, due a day later, gathers the three updates.
fn assert_one_digest_sent_and_one_gathering_the_rest(mine: &[outbox::Model]) {
    assert_eq!(
        mine.len(),
        2,
        "one digest sent, one gathering the rest: {mine:#?}"
    );
    assert!(mine.iter().all(|m| m.event_key.starts_with("digest:")));
    let (sent, waiting) = (&mine[0], &mine[1]);
    assert_eq!(sent.status, "sent");
    assert!(sent.body_text.contains("Beslut om förslaget Belysning"));
    assert_eq!(waiting.status, "queued");
    let day_later = sent.sent_at.unwrap() + chrono::Duration::hours(24);
    assert!(
        (waiting.next_attempt_at - day_later).num_seconds().abs() < 2,
        "due a day after the last"
    );
    assert_eq!(
        waiting.body_text.matches("Lamporna är beställda.").count(),
        3,
        "all three updates in one mail"
    );
    assert!(waiting.body_text.contains("30 % klart"));
}

on_both_databases!(
    an_address_that_chose_the_digest_gets_at_most_one_mail_a_day_per_round,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) =
            voting_round(&app, &[("max_choices", "2"), ("budget_total", "300000")]).await;
        let light = ids[0];
        let voter = app.signed_in("samlad@exempel.se").await;
        post(
            &voter,
            CastBallot::PATH,
            &paths::vote(&slug),
            &choices(&[light]),
        )
        .await;
        choose_the_digest(&app, "samlad@exempel.se").await;

        let staff = app.signed_in("staff@parker.se").await;
        move_to(&staff, &slug, "deliberation").await;
        let politician = politician_of_the_round(&app, &slug).await;
        decide(&politician, light, "approved", "").await;
        // The first news of the day goes out at once, in a digest.
        app.wait_for_outbox().await;
        move_to(&staff, &slug, "decided").await;
        post_updates(&staff, &slug, light, &["10", "20", "30"]).await;

        let mine = news_to(&app, "samlad@exempel.se").await;
        assert_one_digest_sent_and_one_gathering_the_rest(&mine);
    }
);

/// Sends the photo form under an update as the browser does (plain multipart).
async fn upload_photo(
    who: &Visitor,
    page: &str,
    update: i64,
    bytes: &[u8],
    description: &str,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name("foto.png")
        .mime_str("image/png")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("locale", "sv")
        .part("image", part)
        .text("description", description.to_owned());
    who.client
        .post(format!("{}{}", who.base, paths::update_image(update)))
        .headers(browser_headers(&format!("{}{page}", who.base)))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// An approved project (the first of a voting round) with one update by its staff; returns
/// the project's page, the staff and the update's id.
async fn an_approved_project_with_an_update(app: &TestApp) -> (Path, Visitor, i64) {
    let (slug, ids) = voting_round(app, &[]).await;
    let light = ids[0];
    let staff = app.signed_in("staff@parker.se").await;
    move_to(&staff, &slug, "deliberation").await;
    let politician = politician_of_the_round(app, &slug).await;
    decide(&politician, light, "approved", "Belysningen behövs.").await;
    move_to(&staff, &slug, "decided").await;
    post_updates(&staff, &slug, light, &["30"]).await;
    let update = implementation_update::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    (paths::proposal(&slug, light), staff, update)
}

/// Where a refused photo goes back to: the update's form with each error and the description.
fn photo_refused(page: &Path, update: i64, image_error: Option<Code>, description: &str) -> Path {
    let path = page.clone().query("photo_for", update);
    let path = match image_error {
        Some(code) => path.query("image_error", code),
        None => path,
    };
    path.query("description_error", Code::PhotoDescriptionEmpty)
        .query("description", description)
        .fragment(&format!("update-{update}"))
}

/// No description and a text file: both problems at their fields, the text kept.
async fn assert_a_bad_photo_is_explained_at_its_fields(staff: &Visitor, page: &Path, update: i64) {
    let response = upload_photo(staff, page, update, b"not an image at all", " ").await;
    assert_redirects_to(
        &response,
        &photo_refused(page, update, Some(Code::ImageType), " "),
    );
    let html = staff.follow(&response).await.html().await;
    assert_eq!(
        field_error(&html, &format!("photo-{update}")).as_deref(),
        Some(Code::ImageType.as_str()),
        "{html}"
    );
    assert_eq!(
        field_error(&html, &format!("photo-description-{update}")).as_deref(),
        Some(Code::PhotoDescriptionEmpty.as_str()),
        "{html}"
    );
    let response = upload_photo(staff, page, update, &tiny_png(), "").await;
    assert_redirects_to(&response, &photo_refused(page, update, None, ""));
    let response = upload_photo(staff, page, update, b"nope", PHOTO_TEXT).await;
    let html = staff.follow(&response).await.html().await;
    assert!(
        html.contains(&format!("value=\"{PHOTO_TEXT}\"")),
        "typed text kept"
    );
}

/// Residents may not add one: nothing is stored and no image is served.
async fn assert_a_resident_may_not_add_a_photo(app: &TestApp, page: &Path, update: i64) {
    let resident = app.signed_in("boende@exempel.se").await;
    assert_eq!(
        upload_photo(&resident, page, update, &tiny_png(), PHOTO_TEXT)
            .await
            .status(),
        403
    );
    let stored = implementation_update::Entity::find_by_id(update)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.image.is_none() && stored.image_alt.is_none(),
        "nothing stored"
    );
    assert_eq!(
        app.visitor()
            .get(&paths::update_image(update))
            .await
            .status(),
        404
    );
}

/// The staff's photo is saved, served as a PNG and shown with its description.
async fn assert_the_staffs_photo_is_shown_with_its_description(
    app: &TestApp,
    staff: &Visitor,
    page: &Path,
    update: i64,
) {
    let response = upload_photo(staff, page, update, &tiny_png(), PHOTO_TEXT).await;
    assert_redirects_to(
        &response,
        &page
            .clone()
            .query("photo", "saved")
            .query("photo_for", update)
            .fragment(&format!("update-{update}")),
    );
    let image = app.visitor().get(&paths::update_image(update)).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    let public = app.visitor().get(page).await.html().await;
    assert!(
        public.contains(&format!(
            "src=\"{}\" alt=\"{PHOTO_TEXT}\"",
            paths::update_image(update)
        )),
        "{public}"
    );
}

/// The description typed under the photo.
const PHOTO_TEXT: &str = "Nya lampor längs gångvägen";

on_both_databases!(
    a_photo_on_an_update_needs_a_real_image_and_a_description_and_only_the_namnds_staff_add_it,
    |backend| async move {
        let app = spawn(backend).await;
        let (page, staff, update) = an_approved_project_with_an_update(&app).await;
        assert_a_bad_photo_is_explained_at_its_fields(&staff, &page, update).await;
        assert_a_resident_may_not_add_a_photo(&app, &page, update).await;
        assert_the_staffs_photo_is_shown_with_its_description(&app, &staff, &page, update).await;
    }
);
