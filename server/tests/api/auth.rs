//! Login by email link, sessions, roles.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::entity::{account, login_token};

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    a_resident_logs_in_with_the_emailed_link_without_javascript,
    |backend| async move {
        let app = spawn(backend).await;
        let link = app.request_login_link("Anna.Svensson@Exempel.se").await;
        let response = app
            .client
            .get(&link)
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        assert_eq!(location(&response), "/");
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
        let html = app.get("/").await.html().await;
        assert!(
            html.contains("Inloggad som Anna.Svensson@exempel.se"),
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
    let response = app.post_form("/api/logout", "/", &[("locale", "sv")]).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/");
    let html = app.get("/").await.html().await;
    assert!(!html.contains("Inloggad som"));
});

on_both_databases!(
    an_invalid_email_comes_back_to_the_form_with_a_swedish_message_and_the_text_kept,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .post_form(
                "/api/request_login_link",
                "/login",
                &[("email", "inte en adress"), ("locale", "sv")],
            )
            .await;
        assert_eq!(response.status(), 302);
        assert!(
            location(&response).contains("__err="),
            "the error travels in the URL"
        );
        let html = app.follow(&response).await.html().await;
        assert!(
            html.contains("E-postadressen ser inte rätt ut"),
            "Swedish message"
        );
        assert!(
            html.contains("id=\"email-error\""),
            "message tied to the field"
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
                "/api/request_login_link",
                "/en/login",
                &[("email", "  "), ("locale", "en")],
            )
            .await;
        assert_eq!(
            response.status(),
            302,
            "a plain form post is sent back to the form"
        );
        let html = app.follow(&response).await.html().await;
        assert!(html.contains("Type your email address."));
    }
);

on_both_databases!(a_login_link_works_only_once, |backend| async move {
    let app = spawn(backend).await;
    let link = app.request_login_link("per@exempel.se").await;
    assert_eq!(app.client.get(&link).send().await.unwrap().status(), 303);
    let other = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let again = other.get(&link).send().await.unwrap();
    assert_eq!(location(&again), "/login?link=used");
    assert!(again.headers().get("set-cookie").is_none());
    let html = app.follow(&again).await.html().await;
    assert!(html.contains("redan använts"));
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
        let response = app.client.get(&link).send().await.unwrap();
        assert_eq!(location(&response), "/login?link=expired");
        assert!(response.headers().get("set-cookie").is_none());
        let html = app.follow(&response).await.html().await;
        assert!(html.contains("Inloggningslänken har gått ut"));
    }
);

on_both_databases!(
    bad_input_from_a_script_is_answered_422_with_the_field_error,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .client
            .post(format!("{}/api/request_login_link", app.base))
            .form(&[("email", "nej"), ("locale", "sv")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        let body = response.text().await.unwrap();
        assert!(body.contains("email_invalid"), "{body}");
    }
);

on_both_databases!(
    a_request_missing_a_field_is_a_400_not_a_500,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .client
            .post(format!("{}/api/request_login_link", app.base))
            .form(&[("email", "a@exempel.se")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
    }
);

on_both_databases!(a_made_up_login_link_is_refused, |backend| async move {
    let app = spawn(backend).await;
    let response = app.get("/login/verify?token=not-a-real-token").await;
    assert_eq!(location(&response), "/login?link=unknown");
    let response = app.get("/login/verify").await;
    assert_eq!(location(&response), "/login?link=unknown");
});

on_both_databases!(
    a_tampered_session_cookie_counts_as_signed_out,
    |backend| async move {
        let app = spawn(backend).await;
        let forged = "mb_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaWF0IjoxLCJleHAiOjk5OTk5OTk5OTl9.bm90LXNpZ25lZA";
        let response = reqwest::Client::new()
            .get(format!("{}/admin/accounts", app.base))
            .header("cookie", forged)
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
        assert!(response.html().await.contains("Du behöver logga in"));
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
    assert_eq!(app.get("/admin/accounts").await.status(), 401, "signed out");
    let api = app
        .client
        .post(format!("{}/api/admin_overview", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401, "the server function refuses too");
    assert!(api.html().await.contains("Unauthorized"));
    app.log_in("resident@exempel.se").await;
    let response = app.get("/admin/accounts").await;
    assert_eq!(response.status(), 403);
    assert!(response.html().await.contains("Du har inte behörighet"));
    app.log_in(admin_email).await;
    let html = app.get("/admin/accounts").await.html().await;
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
    too_many_links_for_one_address_are_refused_at_the_field,
    |backend| async move {
        let app = spawn(backend).await;
        for _ in 0..5 {
            app.request_login_link("flitig@exempel.se").await;
        }
        let response = app
            .post_form(
                "/api/request_login_link",
                "/login",
                &[("email", "flitig@exempel.se"), ("locale", "sv")],
            )
            .await;
        let html = app.follow(&response).await.html().await;
        assert!(html.contains("för många inloggningslänkar"));
        assert_eq!(login_token::Entity::find().count(&app.db).await.unwrap(), 5);
    }
);

on_both_databases!(
    too_many_requests_from_one_client_are_rate_limited,
    |backend| async move {
        let app = spawn(backend).await;
        let mut limited = 0;
        for i in 0..14 {
            let email = format!("person{i}@exempel.se");
            let response = app
                .post_form(
                    "/api/request_login_link",
                    "/login",
                    &[("email", &email), ("locale", "sv")],
                )
                .await;
            if location(&response).contains("__err=") {
                limited += 1;
            }
        }
        // A burst of ten is allowed; one more is allowed every six seconds.
        assert!((3..=4).contains(&limited), "{limited} of 14 refused");
    }
);
