//! After the vote: the politicians' review and decisions, implementation updates, and the
//! mail that tells everyone concerned — proposers, supporters, voters who chose the project,
//! subscribers — and nobody who unsubscribed; signed links that refuse tampering; open data.

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use app::api::decisions::SaveDecision;
use app::api::subscriptions::{ChooseDigest, ConfirmSubscription, Subscribe, Unsubscribe};
use app::api::updates::SaveUpdate;
use app::api::voting::{CastBallot, PublishResult};
use app::error::AppError;
use app::i18n::Locale;
use app::paths::{self, Path};
use app::ssr::entity::{account, decision, implementation_update, mail_opt_out, namnd, outbox};
use app::ssr::keys::Purpose;
use app::ssr::links::query;

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

async fn account_id(app: &TestApp, email: &str) -> i64 {
    account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

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
    let q = query(&app.ctx.link_key, purpose, email, scope);
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

on_both_databases!(
    a_round_goes_from_vote_to_decision_and_updates_and_exactly_the_right_people_are_told,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) =
            voting_round(&app, &[("max_choices", "2"), ("budget_total", "300000")]).await;
        let (light, benches) = (ids[0], ids[1]);
        let round_id = app::ssr::access::visible_round(&app.db, &slug, None)
            .await
            .unwrap()
            .id;

        // A supporter of the light project, three voters, one of whom wants no mail at all.
        let supporter = app.signed_in("stod@exempel.se").await;
        drop(supporter);
        app::ssr::proposals::insert_support(
            &app.db,
            light,
            account_id(&app, "stod@exempel.se").await,
            Utc::now(),
        )
        .await
        .unwrap();
        let from = paths::vote(&slug);
        for (email, chosen) in [
            ("ljus@exempel.se", vec![light]),
            ("bank@exempel.se", vec![benches]),
            ("tyst@exempel.se", vec![light]),
        ] {
            let voter = app.signed_in(email).await;
            let response = post(&voter, CastBallot::PATH, &from, &choices(&chosen)).await;
            assert_redirects_to(&response, &paths::receipt(&slug));
        }
        let quiet = app.visitor();
        let link = signed(&app, Purpose::Unsubscribe, "tyst@exempel.se", "all");
        let response = post(&quiet, Unsubscribe::PATH, &paths::unsubscribe(), &link).await;
        assert_redirects_to(&response, &with_link(paths::unsubscribe(), &link));

        // Someone without an account follows the round (double opt-in).
        let follower = app.visitor();
        let response = post(
            &follower,
            Subscribe::PATH,
            &paths::round(&slug),
            &[
                ("slug".to_owned(), slug.clone()),
                ("locale".to_owned(), "en".to_owned()),
                ("form[email]".to_owned(), "Follower@Example.se".to_owned()),
            ],
        )
        .await;
        assert_redirects_to(
            &response,
            &app::locale::href(Locale::en, &paths::round(&slug).query("subscribed", 1)),
        );
        assert_eq!(mail_to(&app, "follower@example.se").await, ["subscribe"]);
        let scope = format!("round:{round_id}");
        let link = signed(&app, Purpose::Confirm, "follower@example.se", &scope);
        let response = post(
            &follower,
            ConfirmSubscription::PATH,
            &paths::confirm_subscription(),
            &link,
        )
        .await;
        assert_redirects_to(&response, &with_link(paths::confirm_subscription(), &link));

        // Voting closes and the result is published.
        let staff = app.signed_in("staff@parker.se").await;
        let moved = paths::staff_round(&slug).query("moved", 1);
        assert_redirects_to(&move_to(&staff, &slug, "deliberation").await, &moved);
        let response = staff
            .post_form(
                PublishResult::PATH,
                &paths::results(&slug),
                &[("slug", &slug), ("locale", "sv")],
            )
            .await;
        assert_redirects_to(&response, &paths::results(&slug).query("published", 1));

        // The politicians' review page: for the nämnd's politicians, not for residents.
        let town_parks = app::ssr::access::visible_round(&app.db, &slug, None)
            .await
            .unwrap()
            .namnd_id;
        let politician = person(&app, "politiker@parker.se", "politician", Some(town_parks)).await;
        let page = politician.get(&paths::political_review(&slug)).await;
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
            resident.get(&paths::political_review(&slug)).await.status(),
            403
        );

        // Against the residents' result a motivation is required: nothing is stored without it.
        let decide = paths::decision(benches);
        let response = post(
            &politician,
            SaveDecision::PATH,
            &decide,
            &decision_fields(benches, "not_approved", ""),
        )
        .await;
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

        let response = post(
            &politician,
            SaveDecision::PATH,
            &paths::decision(light),
            &decision_fields(light, "approved", ""),
        )
        .await;
        let politics = paths::political_review(&slug);
        assert_redirects_to(&response, &politics.clone().query("decided", light));
        let response = post(
            &politician,
            SaveDecision::PATH,
            &decide,
            &decision_fields(
                benches,
                "not_approved",
                "Bänkarna ryms i parkförvaltningens ordinarie budget.",
            ),
        )
        .await;
        assert_redirects_to(&response, &politics.query("decided", benches));
        let results = app.visitor().get(&paths::results(&slug)).await.html().await;
        assert!(
            results.contains(&tr("sv", "decision.approved", &[]))
                && results.contains(&tr("sv", "decision.not_approved", &[])),
            "decisions beside the result"
        );
        assert!(
            results.contains("Bänkarna ryms"),
            "the motivation where they differ"
        );

        // Implementation: a percentage of 140 is refused and nothing stored; a real update is
        // published on the timeline.
        assert_redirects_to(&move_to(&staff, &slug, "decided").await, &moved);
        let on_page = paths::proposal(&slug, light);
        let response = post(
            &staff,
            SaveUpdate::PATH,
            &on_page,
            &update_fields(light, "started", "140"),
        )
        .await;
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
        for percent in ["10", "40"] {
            let response = post(
                &staff,
                SaveUpdate::PATH,
                &on_page,
                &update_fields(light, "started", percent),
            )
            .await;
            assert_redirects_to(&response, &updated(&slug, light));
        }
        let response = post(
            &staff,
            SaveUpdate::PATH,
            &paths::proposal(&slug, benches),
            &update_fields(benches, "started", "10"),
        )
        .await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::UpdateNotApproved)],
            "no updates on a project that was not approved"
        );
        let page = app.visitor().get(&on_page).await.html().await;
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

        // Exactly the expected mail: per person, the kinds of event.
        assert_eq!(
            mail_to(&app, "forslag@exempel.se").await,
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
            mail_to(&app, "stod@exempel.se").await,
            ["decision", "update", "update"]
        );
        // Voters hear of every decision and update of their round (who chose what stays secret).
        for voter in ["ljus@exempel.se", "bank@exempel.se"] {
            assert_eq!(
                mail_to(&app, voter).await,
                [
                    "decision", "decision", "receipt", "results", "update", "update"
                ]
            );
        }
        assert_eq!(
            mail_to(&app, "tyst@exempel.se").await,
            ["receipt"],
            "unsubscribed: only the receipt of their own vote"
        );
        assert_eq!(
            mail_to(&app, "follower@example.se").await,
            ["results", "subscribe"]
        );
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

        // Open data.
        let csv = app
            .visitor()
            .get(&paths::open_data_csv(&slug))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with("id,title,area,status"), "{csv}");
        assert!(csv.contains("Belysning") && csv.contains("approved"));
        let json: serde_json::Value = app
            .visitor()
            .get(&paths::open_data_json(&slug))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(json.as_array().unwrap().len(), 3);

        // The staff mail page counts the round's mail.
        let page = staff.get(&paths::staff_mail(&slug)).await.html().await;
        assert!(
            page.contains(&tr("sv", "staff_mail.title", &[("round", &"Omröstning")])),
            "{page}"
        );
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

on_both_databases!(
    unsubscribe_links_that_are_tampered_with_or_used_again_change_nothing,
    |backend| async move {
        let app = spawn(backend).await;
        let visitor = app.visitor();
        let genuine = signed(&app, Purpose::Unsubscribe, "a@exempel.se", "round:7");
        let mut tampered = genuine.clone();
        tampered[0].1 = "b@exempel.se".into();
        let unsubscribe = paths::unsubscribe();
        let invalid = [(String::new(), Code::LinkInvalid)];
        let response = post(&visitor, Unsubscribe::PATH, &unsubscribe, &tampered).await;
        assert_eq!(issues(&refusal(&response)), invalid);
        let page = visitor
            .get(&with_link(paths::unsubscribe(), &tampered))
            .await
            .html()
            .await;
        assert!(page.contains(&tr("sv", "links.invalid", &[])), "{page}");
        // A confirmation link is no unsubscribe link either.
        let confirm = signed(&app, Purpose::Confirm, "a@exempel.se", "round:7");
        let response = post(&visitor, Unsubscribe::PATH, &unsubscribe, &confirm).await;
        assert_eq!(issues(&refusal(&response)), invalid);
        assert_eq!(
            mail_opt_out::Entity::find().count(&app.db).await.unwrap(),
            0
        );

        for _ in 0..2 {
            let response = post(&visitor, Unsubscribe::PATH, &unsubscribe, &genuine).await;
            assert_redirects_to(&response, &with_link(paths::unsubscribe(), &genuine));
        }
        assert_eq!(
            mail_opt_out::Entity::find().count(&app.db).await.unwrap(),
            1,
            "used again: still one"
        );
        // The one-click POST of RFC 8058 works from anywhere, and checks the signature too.
        let client = reqwest::Client::new();
        let one_click = |q: &str| format!("{}{}?{q}", app.base, paths::UNSUBSCRIBE_ONE_CLICK);
        let all = query(
            &app.ctx.link_key,
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
);

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
        let mut digest = signed(&app, Purpose::Unsubscribe, "samlad@exempel.se", "all");
        digest.push(("on".into(), "true".into()));
        let response = post(
            &app.visitor(),
            ChooseDigest::PATH,
            &paths::unsubscribe(),
            &digest,
        )
        .await;
        assert_redirects_to(&response, &with_link(paths::unsubscribe(), &digest));

        let staff = app.signed_in("staff@parker.se").await;
        move_to(&staff, &slug, "deliberation").await;
        let parks = app::ssr::access::visible_round(&app.db, &slug, None)
            .await
            .unwrap()
            .namnd_id;
        let politician = person(&app, "politiker@parker.se", "politician", Some(parks)).await;
        post(
            &politician,
            SaveDecision::PATH,
            &paths::decision(light),
            &decision_fields(light, "approved", ""),
        )
        .await;
        // The first news of the day goes out at once, in a digest.
        app.wait_for_outbox().await;
        move_to(&staff, &slug, "decided").await;
        let on_page = paths::proposal(&slug, light);
        for percent in ["10", "20", "30"] {
            let response = post(
                &staff,
                SaveUpdate::PATH,
                &on_page,
                &update_fields(light, "started", percent),
            )
            .await;
            assert_redirects_to(&response, &updated(&slug, light));
        }
        let mine: Vec<outbox::Model> = outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq("samlad@exempel.se"))
            .order_by_asc(outbox::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| !m.event_key.starts_with("login:") && !m.event_key.starts_with("receipt:"))
            .collect();
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

on_both_databases!(
    a_photo_on_an_update_needs_a_real_image_and_a_description_and_only_the_namnds_staff_add_it,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let light = ids[0];
        let staff = app.signed_in("staff@parker.se").await;
        move_to(&staff, &slug, "deliberation").await;
        let parks = app::ssr::access::visible_round(&app.db, &slug, None)
            .await
            .unwrap()
            .namnd_id;
        let politician = person(&app, "politiker@parker.se", "politician", Some(parks)).await;
        let fields = decision_fields(light, "approved", "Belysningen behövs.");
        post(
            &politician,
            SaveDecision::PATH,
            &paths::decision(light),
            &fields,
        )
        .await;
        move_to(&staff, &slug, "decided").await;
        let page = paths::proposal(&slug, light);
        let response = post(
            &staff,
            SaveUpdate::PATH,
            &page,
            &update_fields(light, "started", "30"),
        )
        .await;
        assert_redirects_to(&response, &updated(&slug, light));
        let update = implementation_update::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let png: &[u8] = &[
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0,
            0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
        ];

        // No description and a text file: both problems at their fields, the text kept.
        let back = |image_error: Option<Code>, description: &str| {
            let path = page.clone().query("photo_for", update);
            let path = match image_error {
                Some(code) => path.query("image_error", code),
                None => path,
            };
            path.query("description_error", Code::PhotoDescriptionEmpty)
                .query("description", description)
                .fragment(&format!("update-{update}"))
        };
        let response = upload_photo(&staff, &page, update, b"not an image at all", " ").await;
        assert_redirects_to(&response, &back(Some(Code::ImageType), " "));
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
        let response = upload_photo(&staff, &page, update, png, "").await;
        assert_redirects_to(&response, &back(None, ""));
        let typed = "Nya lampor längs gångvägen";
        let response = upload_photo(&staff, &page, update, b"nope", typed).await;
        let html = staff.follow(&response).await.html().await;
        assert!(
            html.contains(&format!("value=\"{typed}\"")),
            "typed text kept"
        );
        // Residents and staff of another nämnd may not add one.
        let resident = app.signed_in("boende@exempel.se").await;
        assert_eq!(
            upload_photo(&resident, &page, update, png, typed)
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

        let response = upload_photo(&staff, &page, update, png, typed).await;
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
        let public = app.visitor().get(&page).await.html().await;
        assert!(
            public.contains(&format!(
                "src=\"{}\" alt=\"{typed}\"",
                paths::update_image(update)
            )),
            "{public}"
        );
    }
);
