//! Server-rendered pages: language, content, status codes.

use app::i18n::Locale;
use app::paths;

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    the_start_page_is_swedish_html_with_an_empty_state,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app.get(&paths::home()).await;
        assert_eq!(response.status(), 200);
        let html = response.html().await;
        assert!(
            html.contains("<html lang=\"sv\""),
            "lang=sv on <html>: {}",
            &html[..html.len().min(300)]
        );
        assert!(html.contains(&tr("sv", "home.no_rounds", &[])));
        assert!(html.contains(&tr("sv", "site.skip_link", &[])));
        assert!(html.contains("Testkommun"));
    }
);

on_both_databases!(the_start_page_lists_the_demo_rounds, |backend| async move {
    let app = spawn_with(
        backend,
        Options {
            demo: true,
            ..Options::default()
        },
    )
    .await;
    let html = app.get(&paths::home()).await.html().await;
    assert!(html.contains("Tryggare och grönare parker 2026"));
    assert!(
        html.contains(&tr("sv", "phase.voting", &[])),
        "the phase is shown in Swedish"
    );
    let english_home = app::locale::href(Locale::en, &paths::home());
    let slash = app.get("/en/").await;
    assert_eq!(slash.status(), 308, "the English start page is /en");
    assert_eq!(slash.headers()["location"], english_home.as_str());
    let english = app.get(&english_home).await;
    assert_eq!(english.status(), 200);
    let english = english.html().await;
    assert!(english.contains("<html lang=\"en\""));
    assert!(english.contains("Safer and greener parks 2026"));
    assert!(english.contains(&tr("en", "phase.voting", &[])));
});

on_both_databases!(an_unknown_page_is_a_swedish_404, |backend| async move {
    let app = spawn(backend).await;
    let response = app.get("/finns-inte").await;
    assert_eq!(response.status(), 404);
    assert!(
        response
            .html()
            .await
            .contains(&tr("sv", "not_found.title", &[]))
    );
    let response = app.get("/en/missing").await;
    assert_eq!(response.status(), 404);
    assert!(
        response
            .html()
            .await
            .contains(&tr("en", "not_found.title", &[]))
    );
});

on_both_databases!(
    the_accessibility_statement_is_public,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app.get(&paths::accessibility()).await;
        assert_eq!(response.status(), 200);
        let html = response.html().await;
        assert!(html.contains(&tr("sv", "a11y.title", &[])));
        // The header's login link must be in the HTML itself, not streamed in by a script.
        let login = html
            .find(&format!("<a href=\"{}\"", paths::login()))
            .expect("the login link is on the page");
        let streamed = html.find("<template").unwrap_or(usize::MAX);
        assert!(
            login < streamed,
            "no-JS readers get the login link in place, not streamed in"
        );
    }
);

on_both_databases!(
    the_mail_page_exists_only_in_development_mode,
    |backend| async move {
        let dev = spawn(backend).await;
        assert_eq!(dev.get(&paths::dev_mail()).await.status(), 200);
        let prod = spawn_with(
            backend,
            Options {
                mode: server::config::Mode::Production,
                mail_transport: server::config::MailTransportKind::Smtp,
                smtp_url: crate::smtp_sink::dead_smtp_url(),
                ..Options::default()
            },
        )
        .await;
        let response = prod.get(&paths::dev_mail()).await;
        assert_eq!(response.status(), 404, "production hides the mail page");
    }
);

/// Building a router lists the page routes by rendering the app with resource loading switched
/// off process-wide (leptos-rs/leptos#4773): a page that another server in the same process
/// rendered meanwhile used to wait forever (the tests' rare 408s). Routes are now listed once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_load_while_other_servers_start_in_the_same_process() {
    let app = spawn(Backend::Sqlite).await;
    let starting = tokio::spawn(async {
        for _ in 0..6 {
            drop(spawn(Backend::Sqlite).await);
        }
    });
    let mut pages = 0;
    while !starting.is_finished() {
        let response = app.get(&paths::home()).await;
        assert_eq!(response.status(), 200, "page {pages} answered");
        assert!(response.html().await.contains("Testkommun"));
        pages += 1;
    }
    starting.await.unwrap();
    assert!(pages > 0, "pages were requested while servers started");
}
