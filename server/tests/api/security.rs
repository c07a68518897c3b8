//! Security headers, CSRF origin check, refusal to run with a default secret in production.

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    pages_carry_a_strict_content_security_policy_with_a_nonce,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app.get(&app::paths::home()).await;
        let csp = response
            .headers()
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains("'nonce-"), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(response.headers().get("x-frame-options").unwrap(), "DENY");
        assert_eq!(
            response.headers().get("x-content-type-options").unwrap(),
            "nosniff"
        );
        assert_eq!(
            response.headers().get("referrer-policy").unwrap(),
            "same-origin"
        );
        let html = response.text().await.unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the inline script carries the nonce"
        );
    }
);

on_both_databases!(
    a_form_post_from_another_site_is_refused,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .client
            .post(format!(
                "{}{}",
                app.base,
                app::api::login::RequestLoginLink::PATH
            ))
            .header("origin", "https://evil.example")
            .header("accept", "text/html")
            .form(&[("email", "offer@exempel.se"), ("locale", "sv")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        use sea_orm::{EntityTrait, PaginatorTrait};
        assert_eq!(
            app::ssr::entity::outbox::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
    }
);

#[test]
fn the_binary_refuses_to_start_in_production_with_the_default_secret() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_medborgarbudget"))
        .arg("serve")
        .env("MEDBORGARBUDGET_MODE", "production")
        .env_remove("MEDBORGARBUDGET_SECRET")
        .env("DATABASE_URL", "sqlite::memory:")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("refusing to start in production mode with the default secret"),
        "{stderr}"
    );
}

#[test]
fn help_lists_the_subcommands() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_medborgarbudget"))
        .arg("--help")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "migrate", "demo"] {
        assert!(stdout.contains(command), "{command} in --help");
    }
}
