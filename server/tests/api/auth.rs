//! Login by email link, sessions, roles.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::admin::LoadAdminOverview;
use app::api::login::RequestLoginLink;
use app::api::session::Logout;
use app::error::AppError;
use app::paths;
use app::ssr::entity::{account, login_token};

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    a_resident_logs_in_with_the_emailed_link_without_javascript,
    |backend| async move {
        let app = spawn(backend).await;
        let link = app.request_login_link("Anna.Svensson@Exempel.se").await;
        let page = app.open_link(&link).await.html().await;
        assert!(
            page.contains(&tr(
                "sv",
                "login.verify_lead",
                &[("email", &"Anna.Svensson@exempel.se")]
            )),
            "the page says which address signs in"
        );
        let response = app.confirm_link(&link).await;
        assert_eq!(response.status(), 302);
        assert_redirects_to(&response, &paths::home());
        let cookie = response
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.starts_with("mb_session="));
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Secure"), "no Secure flag on plain http");
        let html = app.get(&paths::home()).await.html().await;
        assert!(
            html.contains(&tr(
                "sv",
                "nav.signed_in_as",
                &[("email", &"Anna.Svensson@exempel.se")]
            )),
            "signed in, address normalised"
        );
        let stored = login_token::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            !link.contains(&stored.token_hash),
            "only a hash of the token is stored"
        );
        assert_eq!(stored.token_hash.len(), 64);
    }
);

on_both_databases!(logging_out_ends_the_session, |backend| async move {
    let app = spawn(backend).await;
    app.log_in("ulla@exempel.se").await;
    let response = app
        .post_form(Logout::PATH, &paths::home(), &[("locale", "sv")])
        .await;
    assert_eq!(response.status(), 302);
    assert_redirects_to(&response, &paths::home());
    let html = app.get(&paths::home()).await.html().await;
    assert!(!html.contains(&tr_start("sv", "nav.signed_in_as", &[])));
});

// A token copied before logout (another device, a stolen cookie) is refused after it,
// though unexpired.
on_both_databases!(
    a_logged_out_token_is_refused_everywhere,
    |backend| async move {
        let app = spawn(backend).await;
        let phone = app.session_for("ulla@exempel.se").await;
        let laptop = app.session_for("ulla@exempel.se").await;
        let signed_in = |html: &str| html.contains(&tr_start("sv", "nav.signed_in_as", &[]));
        assert!(signed_in(&laptop.get(&paths::home()).await.html().await));
        phone
            .post_form(Logout::PATH, &paths::home(), &[("locale", "sv")])
            .await;
        assert!(!signed_in(&laptop.get(&paths::home()).await.html().await));
        let response = laptop.get(&paths::admin_accounts()).await;
        assert_eq!(response.status(), 401, "the old token is nobody now");
    }
);

on_both_databases!(
    an_invalid_email_comes_back_to_the_form_with_a_swedish_message_and_the_text_kept,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .post_form(
                RequestLoginLink::PATH,
                &paths::login(),
                &[("email", "inte en adress"), ("locale", "sv")],
            )
            .await;
        assert_eq!(response.status(), 302);
        let refused = refusal(&response);
        assert_eq!(
            issues(&refused),
            [("email".to_owned(), Code::EmailInvalid)],
            "the error travels in the URL"
        );
        assert_eq!(
            typed_value(&refused, "email"),
            None,
            "what was typed is not"
        );
        assert_eq!(
            kept_value(&app.ctx.keys, &response, "email").as_deref(),
            Some("inte en adress"),
            "it travels sealed in the form cookie"
        );
        let html = app.follow(&response).await.html().await;
        assert_field_error(&html, "email", Code::EmailInvalid);
        assert!(
            html.contains("value=\"inte en adress\""),
            "and the form shows it again"
        );
        assert!(
            html.contains(&tr("sv", "error.email_invalid", &[])),
            "Swedish message"
        );
        assert!(
            html.contains("value=\"inte en adress\""),
            "typed value kept"
        );
        assert_eq!(
            account::Entity::find().count(&app.db).await.unwrap(),
            0,
            "nothing stored"
        );
    }
);

on_both_databases!(
    an_empty_email_is_refused_in_english_on_the_english_page,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .post_form(
                RequestLoginLink::PATH,
                &app::locale::href(app::i18n::Locale::en, &paths::login()),
                &[("email", "  "), ("locale", "en")],
            )
            .await;
        assert_eq!(
            response.status(),
            302,
            "a plain form post is sent back to the form"
        );
        let html = app.follow(&response).await.html().await;
        assert_field_error(&html, "email", Code::EmailEmpty);
        assert!(
            html.contains(&tr("en", "error.email_empty", &[])),
            "in English"
        );
    }
);

// Mail scanners and link previews open links: opening one changes nothing, only the button
// signs in.
on_both_databases!(opening_a_login_link_changes_nothing, |backend| async move {
    let app = spawn(backend).await;
    let link = app.request_login_link("per@exempel.se").await;
    let scanner = app.visitor();
    for _ in 0..3 {
        let response = scanner.open_link(&link).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers().get("set-cookie").is_none());
    }
    let stored = login_token::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.used_at, None, "not used up by opening");
    let html = app.get(&paths::home()).await.html().await;
    assert!(!html.contains(&tr_start("sv", "nav.signed_in_as", &[])));
    assert_eq!(app.confirm_link(&link).await.status(), 302);
    let html = app.get(&paths::home()).await.html().await;
    assert!(html.contains(&tr_start("sv", "nav.signed_in_as", &[])));
});

on_both_databases!(a_login_link_works_only_once, |backend| async move {
    let app = spawn(backend).await;
    let link = app.request_login_link("per@exempel.se").await;
    assert_eq!(app.confirm_link(&link).await.status(), 302);
    let other = app.visitor();
    let page = other.open_link(&link).await.html().await;
    assert!(
        page.contains(&tr("sv", "login.link_used", &[])),
        "the page says so"
    );
    let again = other.confirm_link(&link).await;
    assert_redirects_to(&again, &paths::login().query("link", "used"));
    assert!(again.headers().get("set-cookie").is_none());
    let html = app.follow(&again).await.html().await;
    assert!(html.contains(&tr("sv", "login.link_used", &[])));
});

on_both_databases!(
    an_expired_login_link_is_refused_with_an_explanation,
    |backend| async move {
        let app = spawn(backend).await;
        let link = app.request_login_link("eva@exempel.se").await;
        login_token::Entity::update_many()
            .col_expr(
                login_token::Column::ExpiresAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
            )
            .exec(&app.db)
            .await
            .unwrap();
        let page = app.open_link(&link).await.html().await;
        assert!(page.contains(&tr("sv", "login.link_expired", &[])));
        let response = app.confirm_link(&link).await;
        assert_redirects_to(&response, &paths::login().query("link", "expired"));
        assert!(response.headers().get("set-cookie").is_none());
        let html = app.follow(&response).await.html().await;
        assert!(html.contains(&tr("sv", "login.link_expired", &[])));
    }
);

on_both_databases!(
    bad_input_from_a_script_is_answered_422_with_the_field_error,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .client
            .post(format!("{}{}", app.base, RequestLoginLink::PATH))
            .form(&[("email", "nej"), ("locale", "sv")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        assert_eq!(
            issues(&script_refusal(response).await),
            [("email".to_owned(), Code::EmailInvalid)]
        );
    }
);

on_both_databases!(
    a_request_missing_a_field_is_a_400_not_a_500,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .client
            .post(format!("{}{}", app.base, RequestLoginLink::PATH))
            .form(&[("email", "a@exempel.se")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
    }
);

on_both_databases!(a_made_up_login_link_is_refused, |backend| async move {
    let app = spawn(backend).await;
    let made_up = format!(
        "{}{}",
        app.base,
        paths::login_verify().query("token", "not-a-real-token")
    );
    let page = app.open_link(&made_up).await.html().await;
    assert!(page.contains(&tr("sv", "login.link_unknown", &[])));
    let page = app.get(&paths::login_verify()).await.html().await;
    assert!(page.contains(&tr("sv", "login.link_unknown", &[])));
    let response = app.confirm_link(&made_up).await;
    assert_redirects_to(&response, &paths::login().query("link", "unknown"));
    assert!(response.headers().get("set-cookie").is_none());
});

on_both_databases!(
    a_tampered_session_cookie_counts_as_signed_out,
    |backend| async move {
        let app = spawn(backend).await;
        let forged = "mb_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaWF0IjoxLCJleHAiOjk5OTk5OTk5OTl9.bm90LXNpZ25lZA";
        let response = reqwest::Client::new()
            .get(format!("{}{}", app.base, paths::admin_accounts()))
            .header("cookie", forged)
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
        assert!(
            response
                .html()
                .await
                .contains(&tr("sv", "error.unauthorized", &[]))
        );
    }
);

on_both_databases!(only_administrators_see_the_accounts, |backend| async move {
    let admin_email = "admin@exempel.se";
    let app = spawn_with(
        backend,
        Options {
            admin_email: Some(admin_email.into()),
            ..Options::default()
        },
    )
    .await;
    let accounts = paths::admin_accounts();
    assert_eq!(app.get(&accounts).await.status(), 401, "signed out");
    let api = app
        .client
        .post(format!("{}{}", app.base, LoadAdminOverview::PATH))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401, "the server function refuses too");
    assert_eq!(script_refusal(api).await, AppError::Unauthorized);
    app.log_in("resident@exempel.se").await;
    let response = app.get(&accounts).await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .html()
            .await
            .contains(&tr("sv", "error.forbidden", &[]))
    );
    app.log_in(admin_email).await;
    let html = app.get(&accounts).await.html().await;
    assert!(html.contains("resident@exempel.se"));
    let admin = account::Entity::find()
        .filter(account::Column::Email.eq(admin_email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(admin.role, "admin");
});

on_both_databases!(
    asking_again_replaces_the_older_link_and_a_flood_sends_a_few_mails_a_day,
    |backend| async move {
        let app = spawn(backend).await;
        let first = app.request_login_link("flitig@exempel.se").await;
        let second = app.request_login_link("flitig@exempel.se").await;
        assert_ne!(first, second);
        let refused = app.confirm_link(&first).await;
        assert_eq!(
            location(&refused),
            paths::login().query("link", "expired").to_string(),
            "the older link stopped working"
        );
        let response = app.confirm_link(&second).await;
        assert!(
            response.headers().get("set-cookie").is_some(),
            "the newest link signs in: asking again never locks a person out"
        );
        // Ten mails a day per address (twice the limit of 5), however often it is asked.
        for _ in 2..10 {
            app.request_login_link("flitig@exempel.se").await;
        }
        let response = app
            .post_form(
                RequestLoginLink::PATH,
                &paths::login(),
                &[("email", "flitig@exempel.se"), ("locale", "sv")],
            )
            .await;
        let html = app.follow(&response).await.html().await;
        assert_field_error(&html, "email", Code::RateLimited);
        assert_eq!(
            login_token::Entity::find().count(&app.db).await.unwrap(),
            10
        );
    }
);

on_both_databases!(
    behind_a_proxy_clients_are_counted_by_the_address_it_adds,
    |backend| async move {
        let app = spawn_with(
            backend,
            Options {
                client_address_header: Some("x-forwarded-for".into()),
                ..Options::default()
            },
        )
        .await;
        let ask = |n: usize, forwarded: &'static str| {
            let client = &app;
            async move {
                client
                    .client
                    .post(format!("{}{}", client.base, RequestLoginLink::PATH))
                    .headers(browser_headers(&format!(
                        "{}{}",
                        client.base,
                        paths::login()
                    )))
                    .header("x-forwarded-for", forwarded)
                    .form(&[
                        ("email", format!("p{n}@exempel.se")),
                        ("locale", "sv".into()),
                    ])
                    .send()
                    .await
                    .unwrap()
            }
        };
        let sent = |r: &reqwest::Response| location(r) == paths::login_sent().as_str();
        // One client sends its own X-Forwarded-For first entry each time: the proxy's last entry
        // is what counts, so it is one client and is limited (10 a minute, at most two windows).
        let mut limited = 0;
        for n in 0..25 {
            let spoofed: &'static str =
                Box::leak(format!("10.0.0.{n}, 198.51.100.7").into_boxed_str());
            if !sent(&ask(n, spoofed).await) {
                limited += 1;
            }
        }
        assert!(limited >= 5, "{limited} of 25 refused");
        // Another client behind the same proxy is not.
        assert!(sent(&ask(100, "198.51.100.8").await));
        // IPv6: one /64 is one client.
        let mut v6_limited = 0;
        for n in 0..25 {
            let address: &'static str = Box::leak(format!("2001:db8:5:6::{n:x}").into_boxed_str());
            if !sent(&ask(200 + n, address).await) {
                v6_limited += 1;
            }
        }
        assert!(v6_limited >= 5, "{v6_limited} of 25 refused");
        let counters = app::ssr::entity::rate_counter::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert!(
            counters
                .iter()
                .all(|c| !c.bucket.contains("198.51") && !c.bucket.contains("2001")),
            "no address is stored"
        );
    }
);

on_both_databases!(
    too_many_requests_from_one_client_are_rate_limited,
    |backend| async move {
        let app = spawn(backend).await;
        let mut limited = 0;
        for i in 0..25 {
            let email = format!("person{i}@exempel.se");
            let response = app
                .post_form(
                    RequestLoginLink::PATH,
                    &paths::login(),
                    &[("email", &email), ("locale", "sv")],
                )
                .await;
            if location(&response) != paths::login_sent().as_str() {
                assert_eq!(
                    issues(&refusal(&response)),
                    [("email".to_owned(), Code::RateLimited)]
                );
                limited += 1;
            }
        }
        // A burst of ten is allowed; one more is allowed every six seconds.
        // Ten a minute from one client; 25 within a second fall in at most two windows.
        assert!(limited >= 5, "{limited} of 25 refused");
    }
);
