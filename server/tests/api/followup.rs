//! After the vote: the politicians' review and decisions, implementation updates, and the
//! mail that tells everyone concerned — proposers, supporters, voters who chose the project,
//! subscribers — and nobody who unsubscribed; signed links that refuse tampering; open data.

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

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
        let from = format!("/rounds/{slug}/vote");
        for (email, chosen) in [
            ("ljus@exempel.se", vec![light]),
            ("bank@exempel.se", vec![benches]),
            ("tyst@exempel.se", vec![light]),
        ] {
            let voter = app.signed_in(email).await;
            let response = post(&voter, "/api/cast_ballot", &from, &choices(&chosen)).await;
            assert!(location(&response).ends_with("/vote/receipt"));
        }
        let quiet = app.visitor();
        let response = post(
            &quiet,
            "/api/unsubscribe",
            "/unsubscribe",
            &signed(&app, Purpose::Unsubscribe, "tyst@exempel.se", "all"),
        )
        .await;
        assert_eq!(response.status(), 302, "{}", location(&response));

        // Someone without an account follows the round (double opt-in).
        let follower = app.visitor();
        let response = post(
            &follower,
            "/api/subscribe",
            &format!("/rounds/{slug}"),
            &[
                ("slug".to_owned(), slug.clone()),
                ("locale".to_owned(), "en".to_owned()),
                ("form[email]".to_owned(), "Follower@Example.se".to_owned()),
            ],
        )
        .await;
        assert!(
            location(&response).contains("subscribed=1"),
            "{}",
            location(&response)
        );
        assert_eq!(mail_to(&app, "follower@example.se").await, ["subscribe"]);
        let scope = format!("round:{round_id}");
        let response = post(
            &follower,
            "/api/confirm_subscription",
            "/subscribe/confirm",
            &signed(&app, Purpose::Confirm, "follower@example.se", &scope),
        )
        .await;
        assert_eq!(response.status(), 302);

        // Voting closes and the result is published.
        let staff = app.signed_in("staff@parker.se").await;
        assert!(location(&move_to(&staff, &slug, "deliberation").await).contains("moved=1"));
        let response = staff
            .post_form(
                "/api/publish_result",
                &format!("/rounds/{slug}/results"),
                &[("slug", &slug), ("locale", "sv")],
            )
            .await;
        assert!(location(&response).contains("published=1"));

        // The politicians' review page: for the nämnd's politicians, not for residents.
        let town_parks = app::ssr::access::visible_round(&app.db, &slug, None)
            .await
            .unwrap()
            .namnd_id;
        let politician = person(&app, "politiker@parker.se", "politician", Some(town_parks)).await;
        let page = politician.get(&format!("/politics/rounds/{slug}")).await;
        assert_eq!(page.status(), 200);
        let html = page.html().await;
        assert!(
            html.contains("Politisk behandling")
                && html.contains("Belysning")
                && html.contains("3 röstsedlar"),
            "{html}"
        );
        let resident = app.signed_in("ljus@exempel.se").await;
        assert_eq!(
            resident
                .get(&format!("/politics/rounds/{slug}"))
                .await
                .status(),
            403
        );

        // Against the residents' result a motivation is required: nothing is stored without it.
        let decide = format!("/politics/proposals/{benches}/decision");
        let response = post(
            &politician,
            "/api/save_decision",
            &decide,
            &decision_fields(benches, "not_approved", ""),
        )
        .await;
        let back = location(&response);
        assert!(back.contains("__err="), "{back}");
        let page = politician.follow(&response).await.html().await;
        assert!(
            page.contains("Skriv en motivering"),
            "the error is shown at the field: {}",
            &page[page.find("<main").unwrap_or(0)..]
        );
        assert!(
            page.contains("https://exempel.se/protokoll.pdf"),
            "what was typed is kept"
        );
        assert_eq!(decision::Entity::find().count(&app.db).await.unwrap(), 0);

        let response = post(
            &politician,
            "/api/save_decision",
            &format!("/politics/proposals/{light}/decision"),
            &decision_fields(light, "approved", ""),
        )
        .await;
        assert!(
            location(&response).contains("decided="),
            "{}",
            location(&response)
        );
        let response = post(
            &politician,
            "/api/save_decision",
            &decide,
            &decision_fields(
                benches,
                "not_approved",
                "Bänkarna ryms i parkförvaltningens ordinarie budget.",
            ),
        )
        .await;
        assert!(location(&response).contains("decided="));
        let results = app
            .visitor()
            .get(&format!("/rounds/{slug}/results"))
            .await
            .html()
            .await;
        assert!(
            results.contains("Beviljat") && results.contains("Inte beviljat"),
            "decisions beside the result"
        );
        assert!(
            results.contains("Bänkarna ryms"),
            "the motivation where they differ"
        );

        // Implementation: a percentage of 140 is refused and nothing stored; a real update is
        // published on the timeline.
        assert!(location(&move_to(&staff, &slug, "decided").await).contains("moved=1"));
        let on_page = format!("/rounds/{slug}/proposals/{light}");
        let response = post(
            &staff,
            "/api/save_update",
            &on_page,
            &update_fields(light, "started", "140"),
        )
        .await;
        let back = location(&response);
        assert!(back.contains("__err="), "{back}");
        assert!(
            staff
                .follow(&response)
                .await
                .html()
                .await
                .contains("Procenten ska vara mellan 0 och 100")
        );
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
                "/api/save_update",
                &on_page,
                &update_fields(light, "started", percent),
            )
            .await;
            assert!(
                location(&response).contains("updated=1"),
                "{}",
                location(&response)
            );
        }
        let response = post(
            &staff,
            "/api/save_update",
            &format!("/rounds/{slug}/proposals/{benches}"),
            &update_fields(benches, "started", "10"),
        )
        .await;
        assert!(
            location(&response).contains("__err="),
            "no updates on a project that was not approved"
        );
        let page = app.visitor().get(&on_page).await.html().await;
        assert!(
            page.contains("Beslut och genomförande")
                && page.contains("40 % klart")
                && page.contains("Lamporna är beställda")
        );
        let overview = app.visitor().get("/projects").await.html().await;
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
                .is_some_and(|u| u.contains("/unsubscribe/one-click?"))
        );
        assert!(english.body_text.contains("/en/unsubscribe?"));

        // Open data.
        let csv = app
            .visitor()
            .get(&format!("/rounds/{slug}/open-data.csv"))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with("id,title,area,status"), "{csv}");
        assert!(csv.contains("Belysning") && csv.contains("approved"));
        let json: serde_json::Value = app
            .visitor()
            .get(&format!("/rounds/{slug}/open-data.json"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(json.as_array().unwrap().len(), 3);

        // The staff mail page counts the round's mail.
        let page = staff
            .get(&format!("/staff/rounds/{slug}/mail"))
            .await
            .html()
            .await;
        assert!(page.contains("Mejl i"), "{page}");
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
        let path = format!("/politics/proposals/{}/decision", ids[0]);
        let status = script_status(
            &other,
            "/api/save_decision",
            &path,
            &decision_fields(ids[0], "approved", ""),
        )
        .await;
        assert_eq!(status, 403);
        let response = post(
            &other,
            "/api/save_decision",
            &path,
            &decision_fields(ids[0], "approved", ""),
        )
        .await;
        assert!(
            location(&response).contains("__err="),
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
        let response = post(&visitor, "/api/unsubscribe", "/unsubscribe", &tampered).await;
        assert!(location(&response).contains("__err="));
        let q: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&tampered[..3])
            .finish();
        let page = visitor.get(&format!("/unsubscribe?{q}")).await.html().await;
        assert!(page.contains("Länken är inte giltig"), "{page}");
        // A confirmation link is no unsubscribe link either.
        let confirm = signed(&app, Purpose::Confirm, "a@exempel.se", "round:7");
        assert!(
            location(&post(&visitor, "/api/unsubscribe", "/unsubscribe", &confirm).await)
                .contains("__err=")
        );
        assert_eq!(
            mail_opt_out::Entity::find().count(&app.db).await.unwrap(),
            0
        );

        for _ in 0..2 {
            let response = post(&visitor, "/api/unsubscribe", "/unsubscribe", &genuine).await;
            assert!(
                !location(&response).contains("__err="),
                "{}",
                location(&response)
            );
        }
        assert_eq!(
            mail_opt_out::Entity::find().count(&app.db).await.unwrap(),
            1,
            "used again: still one"
        );
        // The one-click POST of RFC 8058 works from anywhere, and checks the signature too.
        let client = reqwest::Client::new();
        let one_click = |q: &str| format!("{}/unsubscribe/one-click?{q}", app.base);
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
        let from = format!("/rounds/{slug}/vote");
        post(&voter, "/api/cast_ballot", &from, &choices(&[light])).await;
        let mut digest = signed(&app, Purpose::Unsubscribe, "samlad@exempel.se", "all");
        digest.push(("on".into(), "true".into()));
        let response = post(
            &app.visitor(),
            "/api/choose_digest",
            "/unsubscribe",
            &digest,
        )
        .await;
        assert!(
            !location(&response).contains("__err="),
            "{}",
            location(&response)
        );

        let staff = app.signed_in("staff@parker.se").await;
        move_to(&staff, &slug, "deliberation").await;
        let parks = app::ssr::access::visible_round(&app.db, &slug, None)
            .await
            .unwrap()
            .namnd_id;
        let politician = person(&app, "politiker@parker.se", "politician", Some(parks)).await;
        let path = format!("/politics/proposals/{light}/decision");
        post(
            &politician,
            "/api/save_decision",
            &path,
            &decision_fields(light, "approved", ""),
        )
        .await;
        // The first news of the day goes out at once, in a digest.
        app.wait_for_outbox().await;
        move_to(&staff, &slug, "decided").await;
        let on_page = format!("/rounds/{slug}/proposals/{light}");
        for percent in ["10", "20", "30"] {
            let response = post(
                &staff,
                "/api/save_update",
                &on_page,
                &update_fields(light, "started", percent),
            )
            .await;
            assert!(location(&response).contains("updated=1"));
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
        .post(format!("{}/updates/{update}/image", who.base))
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
        let path = format!("/politics/proposals/{light}/decision");
        let fields = decision_fields(light, "approved", "Belysningen behövs.");
        post(&politician, "/api/save_decision", &path, &fields).await;
        move_to(&staff, &slug, "decided").await;
        let page = format!("/rounds/{slug}/proposals/{light}");
        let response = post(
            &staff,
            "/api/save_update",
            &page,
            &update_fields(light, "started", "30"),
        )
        .await;
        assert!(location(&response).contains("updated=1"));
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
        let response = upload_photo(&staff, &page, update, b"not an image at all", " ").await;
        let back = location(&response);
        assert!(
            back.contains("image_error=image_type")
                && back.contains("description_error=photo_description_empty")
                && back.ends_with(&format!("#update-{update}")),
            "{back}"
        );
        let html = staff.follow(&response).await.html().await;
        assert!(html.contains("Filen är inte en bild i JPEG, PNG eller WebP."));
        assert!(html.contains("Skriv vad fotot visar"), "{html}");
        let response = upload_photo(&staff, &page, update, png, "").await;
        let back = location(&response);
        assert!(
            !back.contains("image_error")
                && back.contains("description_error=photo_description_empty"),
            "{back}"
        );
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
                .get(&format!("/updates/{update}/image"))
                .await
                .status(),
            404
        );

        let response = upload_photo(&staff, &page, update, png, typed).await;
        assert!(
            location(&response).contains("photo=saved"),
            "{}",
            location(&response)
        );
        let image = app.visitor().get(&format!("/updates/{update}/image")).await;
        assert_eq!(image.status(), 200);
        assert_eq!(image.headers()["content-type"], "image/png");
        let public = app.visitor().get(&page).await.html().await;
        assert!(
            public.contains(&format!("src=\"/updates/{update}/image\" alt=\"{typed}\"")),
            "{public}"
        );
    }
);
