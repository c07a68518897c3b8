//! Starting a test server on a fresh database, and a client that posts forms as a browser
//! without JavaScript does (form-encoded, `Accept: text/html`, a Referer, cookies kept,
//! redirects not followed); reading what comes back as data: where a redirect goes
//! ([`assert_redirects_to`]), the error a refused post carries ([`refusal`]), the errors a page
//! shows by their codes ([`assert_field_error`], [`assert_form_error`]), and, for what has no
//! data attribute, the page's sentences from the translation files ([`tr`]), so that a changed
//! wording does not break a test.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::config::LeptosOptions;
use reqwest::header::{ACCEPT, HeaderMap, REFERER};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use app::error::AppError;
use app::ssr::entity::{account, outbox};
pub use domain::Code;
/// `<Fn as ServerFn>::PATH`: where a server function's form posts.
pub use leptos::server_fn::ServerFn;
use server::config::{MailTransportKind, Mode, Settings};
use server::startup::Application;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one async test body on both databases, as two tests.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($body)($crate::helpers::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                ($body)($crate::helpers::Backend::Postgres).await
            }
        }
    };
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A running server with its own database and mail folder. It derefs to its first
/// [`Visitor`]; `visitor()` makes more (each with its own cookies, i.e. another person).
pub struct TestApp {
    pub base: String,
    pub db: DatabaseConnection,
    /// The server's own context (keys, settings), for calling server code directly.
    pub ctx: app::ssr::context::ServerContext,
    pub mail_dir: PathBuf,
    first: Visitor,
    /// Shared by the instances started beside this one ([`spawn_beside`]); dropped with the last.
    database: std::sync::Arc<TestDatabase>,
}

/// One browser: its own cookie jar, redirects not followed.
#[derive(Clone)]
pub struct Visitor {
    pub base: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    /// The server's keys, to open sealed mail in the outbox as the mail worker does.
    pub keys: std::sync::Arc<app::ssr::keys::Keys>,
}

impl std::ops::Deref for TestApp {
    type Target = Visitor;

    fn deref(&self) -> &Visitor {
        &self.first
    }
}

fn browser_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap()
}

/// Options for `spawn_with`.
pub struct Options {
    pub mode: Mode,
    pub mail_transport: MailTransportKind,
    pub smtp_url: String,
    pub admin_email: Option<String>,
    pub demo: bool,
    /// The trusted proxy header naming the client address.
    pub client_address_header: Option<String>,
    /// How often the app's own mail worker looks for mail.
    pub mail_poll_ms: u64,
    /// An eID providers file (see `eid.rs`).
    pub eid_providers: Option<std::path::PathBuf>,
    pub staff_eid: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::Development,
            mail_transport: MailTransportKind::File,
            smtp_url: "smtp://127.0.0.1:1".into(),
            admin_email: None,
            demo: false,
            client_address_header: None,
            mail_poll_ms: 50,
            eid_providers: None,
            staff_eid: false,
        }
    }
}

/// A fresh database of `backend`, prepared as the server prepares it at start-up, and no
/// server (so no mail worker of its own): for tests that drive the outbox worker's passes
/// themselves. Keep the guard alive.
pub async fn database_only(backend: Backend) -> (DatabaseConnection, TestDatabase) {
    let database = TestDatabase::create(backend, &scratch_dir()).await;
    let db = server::db::connect_and_migrate(&database.url)
        .await
        .unwrap();
    // Nothing to seal or fold in a fresh database: this makes addresses unique.
    let keys = app::ssr::keys::Keys::from_secret(b"database only");
    server::db::finish_migrations(&db, &keys).await.unwrap();
    (db, database)
}

/// Starts a server with default options.
pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, Options::default()).await
}

/// Starts a server on a fresh database of `backend`.
pub async fn spawn_with(backend: Backend, options: Options) -> TestApp {
    let scratch = scratch_dir();
    let database = TestDatabase::create(backend, &scratch).await;
    start(std::sync::Arc::new(database), scratch, options).await
}

/// Starts a second instance on `first`'s database (as two servers behind one proxy), with
/// the same secret and its own mail worker and phase clock.
pub async fn spawn_beside(first: &TestApp, options: Options) -> TestApp {
    start(first.database.clone(), scratch_dir(), options).await
}

fn scratch_dir() -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let scratch = std::env::temp_dir().join(format!("mb-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    scratch
}

async fn start(
    database: std::sync::Arc<TestDatabase>,
    scratch: PathBuf,
    options: Options,
) -> TestApp {
    server::telemetry::init_for_tests();
    let settings = Settings {
        database: server::config::DatabaseArgs {
            database_url: database.url.clone(),
        },
        mode: options.mode,
        secret: "test-secret-that-is-long-enough-for-production-use"
            .to_owned()
            .into(),
        public_url: "http://127.0.0.1".into(),
        municipality: "Testkommun".into(),
        listen: Some("127.0.0.1:0".parse().unwrap()),
        mail_transport: options.mail_transport,
        mail_dir: scratch.join("mail"),
        smtp_url: options.smtp_url,
        mail_from: "Medborgarbudget <noreply@test.localhost>".into(),
        admin_email: options.admin_email,
        demo: options.demo,
        client_address_header: options.client_address_header,
        login_limit: 5,
        mail_poll_ms: options.mail_poll_ms,
        eid_providers: options.eid_providers,
        staff_eid: options.staff_eid,
    };
    let leptos = LeptosOptions::builder()
        .output_name("medborgarbudget")
        .build();
    let app = Application::build(settings, leptos)
        .await
        .expect("the test server builds");
    let addr = app.local_addr();
    let db = app.ctx.db.clone();
    let ctx = app.ctx.clone();
    tokio::spawn(app.run_until_stopped());
    let base = format!("http://{addr}");
    TestApp {
        first: Visitor {
            base: base.clone(),
            client: browser_client(),
            db: db.clone(),
            keys: ctx.keys.clone(),
        },
        base,
        db,
        ctx,
        mail_dir: scratch.join("mail"),
        database,
    }
}

impl TestApp {
    /// Another browser, not signed in.
    pub fn visitor(&self) -> Visitor {
        Visitor {
            base: self.base.clone(),
            client: browser_client(),
            db: self.db.clone(),
            keys: self.ctx.keys.clone(),
        }
    }

    /// Another browser, signed in as `email` without a login mail (the account is made if
    /// needed and a session issued with the server's keys): for tests that need more people
    /// than the login-link rate limit lets one address ask for.
    pub async fn session_for(&self, email: &str) -> Visitor {
        use app::ssr::account_fold::canonical_of;
        let found = account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(&self.db)
            .await
            .unwrap();
        let (id, epoch) = match found {
            Some(a) => (a.id, a.session_epoch),
            None => (
                self.insert_account(email, Some(canonical_of(email))).await,
                0,
            ),
        };
        let token = self.ctx.keys.session.issue(id, epoch).unwrap();
        self.with_session(&token)
    }

    /// Another browser holding the session token `token` (which may since have been ended).
    pub fn with_session(&self, token: &str) -> Visitor {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        jar.add_cookie_str(
            &format!("mb_session={token}; Path=/"),
            &self.base.parse().unwrap(),
        );
        Visitor {
            base: self.base.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .cookie_provider(jar)
                .build()
                .unwrap(),
            db: self.db.clone(),
            keys: self.ctx.keys.clone(),
        }
    }

    /// An account as it was made before addresses were compared in their canonical form
    /// (none stored), so that variants of one address are separate accounts; returns its id.
    pub async fn legacy_account(&self, email: &str) -> i64 {
        self.insert_account(email, None).await
    }

    /// A new resident account, with this canonical address; returns its id.
    async fn insert_account(&self, email: &str, canonical: Option<String>) -> i64 {
        use sea_orm::ActiveValue::Set;
        account::Entity::insert(account::ActiveModel {
            email: Set(email.to_owned()),
            canonical_email: Set(canonical),
            role: Set("resident".to_owned()),
            locale: Set("sv".to_owned()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .unwrap()
        .last_insert_id
    }

    /// Another browser, signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Visitor {
        let visitor = self.visitor();
        visitor.log_in(email).await;
        visitor
    }
}

impl Visitor {
    /// `GET path` as a browser navigation.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .send()
            .await
            .unwrap()
    }

    /// Posts a form to a server function the way a browser without JavaScript does, from the
    /// page `from`.
    pub async fn post_form(
        &self,
        endpoint: &str,
        from: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{endpoint}", self.base))
            .headers(browser_headers(&format!("{}{from}", self.base)))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Posts a form the way the hydrated page does (fetch, JSON answer): the HTTP status
    /// says what happened (403 for a refused mutation, 422 for bad input).
    pub async fn post_as_script(
        &self,
        endpoint: &str,
        from: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{endpoint}", self.base))
            .header(ACCEPT, "application/json")
            .header(REFERER, format!("{}{from}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Follows a `Location` header (relative or absolute) with a GET.
    pub async fn follow(&self, response: &reqwest::Response) -> reqwest::Response {
        let location = location(response);
        let url = if location.starts_with("http") {
            location
        } else {
            format!("{}{location}", self.base)
        };
        self.client
            .get(url)
            .header(ACCEPT, "text/html")
            .send()
            .await
            .unwrap()
    }

    /// Asks for a login link for `email` and returns the link from the outbox.
    pub async fn request_login_link(&self, email: &str) -> String {
        let response = self
            .post_form(
                app::api::login::RequestLoginLink::PATH,
                &app::paths::login(),
                &[("email", email), ("locale", "sv")],
            )
            .await;
        assert_eq!(response.status(), 302, "a no-JS form post is redirected");
        assert_redirects_to(&response, &app::paths::login_sent());
        self.latest_link_for(email).await
    }

    /// The login link in the newest mail to `email`.
    pub async fn latest_link_for(&self, email: &str) -> String {
        let address = domain::Email::parse(email).expect("a valid test address");
        let mail = outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq(address.as_str()))
            .order_by_desc(outbox::Column::Id)
            .one(&self.db)
            .await
            .unwrap()
            .expect("a mail was queued");
        let (text, _) = app::ssr::outbox::bodies(&mail, &self.keys).expect("the mail opens");
        let start = text.find("http").expect("the mail has a link");
        let link = text[start..].split_whitespace().next().unwrap();
        // Links in mail use the configured public URL; the test server listens elsewhere.
        link.replacen("http://127.0.0.1", &self.base, 1)
    }

    /// Logs in as `email` through the emailed link: opens it, then presses the button.
    pub async fn log_in(&self, email: &str) {
        let link = self.request_login_link(email).await;
        let page = self.open_link(&link).await;
        assert_eq!(page.status(), 200);
        let response = self.confirm_link(&link).await;
        assert_eq!(response.status(), 302);
        assert!(response.headers().get("set-cookie").is_some(), "signed in");
    }

    /// Opens an emailed login link, as a browser (or a mail scanner) does: a GET.
    pub async fn open_link(&self, link: &str) -> reqwest::Response {
        self.client
            .get(link)
            .header(ACCEPT, "text/html")
            .send()
            .await
            .unwrap()
    }

    /// Presses "Sign in" on the page of an emailed login link (a no-JS form post).
    pub async fn confirm_link(&self, link: &str) -> reqwest::Response {
        let token = link.split("token=").nth(1).expect("the link has a token");
        self.post_form(
            app::api::login::UseLoginLink::PATH,
            &app::paths::login_verify().query("token", token),
            &[("token", token), ("locale", "sv")],
        )
        .await
    }

    /// Waits until the worker has handled every queued mail.
    pub async fn wait_for_outbox(&self) -> Vec<outbox::Model> {
        for _ in 0..200 {
            let rows = outbox::Entity::find()
                .order_by_asc(outbox::Column::Id)
                .all(&self.db)
                .await
                .unwrap();
            if rows
                .iter()
                .all(|m| m.status != "queued" && m.status != "sending")
            {
                return rows;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the outbox did not drain");
    }
}

/// Reading a server-rendered page as text.
pub trait PageText {
    /// The body without Leptos' `<!>` hydration markers, which split text such as
    /// "Inloggad som <!>anna@…" in the HTML.
    async fn html(self) -> String;
}

impl PageText for reqwest::Response {
    async fn html(self) -> String {
        self.text().await.unwrap().replace("<!>", "")
    }
}

/// The headers of a browser's form post.
pub fn browser_headers(referer: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, "text/html,application/xhtml+xml".parse().unwrap());
    headers.insert(REFERER, referer.parse().unwrap());
    headers
}

/// The `Location` of a redirect.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Asserts that `response` redirects (302 from a server function, 303 from a plain route) to
/// exactly `expected` (a path such as `app::paths` builds, with its query and fragment).
#[track_caller]
pub fn assert_redirects_to(response: &reqwest::Response, expected: &str) {
    let status = response.status().as_u16();
    let at = location(response);
    assert!(
        matches!(status, 302 | 303),
        "expected a redirect to {expected}, got status {status} (Location: {at:?})"
    );
    let refused = at
        .contains("__err=")
        .then(|| format!(": refused with {:?}", refusal(response)))
        .unwrap_or_default();
    assert_eq!(at, expected, "redirected elsewhere{refused}");
}

/// The error a form post without JavaScript was refused with: the server function sends the
/// browser back to the form with the error in the URL (`__err`, as the page reads it). Fails
/// when `response` is no such redirect.
#[track_caller]
pub fn refusal(response: &reqwest::Response) -> AppError {
    let at = location(response);
    let url = reqwest::Url::parse("http://test.invalid")
        .unwrap()
        .join(&at)
        .unwrap();
    let Some((_, encoded)) = url.query_pairs().find(|(key, _)| key == "__err") else {
        panic!(
            "expected a refusal (a redirect back to the form with __err), got status {} (Location: {at:?})",
            response.status()
        );
    };
    leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&encoded)
}

/// What was typed into a form refused without JavaScript: not in the URL, but sealed in the
/// short-lived form cookie of the redirect (`app::ssr::form_flash`), opened with the server's
/// keys.
pub fn kept_values(
    keys: &app::ssr::keys::Keys,
    response: &reqwest::Response,
) -> Vec<(String, String)> {
    let prefix = format!("{}=", app::ssr::form_flash::COOKIE);
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|c| c.strip_prefix(&prefix))
        .filter_map(|c| c.split(';').next())
        .map(|sealed| app::ssr::form_flash::open(keys, sealed))
        .next()
        .unwrap_or_default()
}

/// The value `field` was typed with, from [`kept_values`].
pub fn kept_value(
    keys: &app::ssr::keys::Keys,
    response: &reqwest::Response,
    field: &str,
) -> Option<String> {
    kept_values(keys, response)
        .into_iter()
        .find(|(name, _)| name == field)
        .map(|(_, value)| value)
}

/// The error in the JSON answer to a post from the hydrated page (`post_as_script`).
pub async fn script_refusal(response: reqwest::Response) -> AppError {
    let body = response.text().await.unwrap();
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("not an error answer ({e}): {body}"))
}

/// The (field, code) pairs of an error: each field problem of a form error (field `""` for a
/// problem with the form as a whole), or the error's own code.
pub fn issues(error: &AppError) -> Vec<(String, Code)> {
    match error.form() {
        Some(form) => form
            .errors
            .iter()
            .map(|e| (e.field.clone(), e.code))
            .collect(),
        None => vec![(String::new(), error.code())],
    }
}

/// What was typed into `field`, as a refused form error sends it back.
pub fn typed_value(error: &AppError, field: &str) -> Option<String> {
    error.form()?.value(field).map(str::to_owned)
}

/// The attributes of every `<tag …>` in `html`, in order, as (name, value) pairs.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<Vec<(&'a str, &'a str)>> {
    let open = format!("<{tag}");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        rest = &rest[at + open.len()..];
        if !rest.starts_with([' ', '>', '/']) {
            continue;
        }
        // The tag ends at the first `>` outside a quoted value.
        let mut quoted = false;
        let end = rest
            .find(|c| {
                quoted ^= c == '"';
                c == '>' && !quoted
            })
            .unwrap_or(rest.len());
        found.push(attributes(&rest[..end]));
        rest = &rest[end..];
    }
    found
}

/// `name="value"` pairs of one tag's attribute text (bare attributes get an empty value).
fn attributes(mut text: &str) -> Vec<(&str, &str)> {
    let mut pairs = Vec::new();
    loop {
        text = text.trim_start_matches([' ', '/']);
        if text.is_empty() {
            return pairs;
        }
        let name_end = text.find([' ', '=']).unwrap_or(text.len());
        let name = &text[..name_end];
        text = &text[name_end..];
        match text.strip_prefix("=\"") {
            Some(quoted) => {
                let end = quoted.find('"').unwrap_or(quoted.len());
                pairs.push((name, &quoted[..end]));
                text = quoted.get(end + 1..).unwrap_or_default();
            }
            None => pairs.push((name, "")),
        }
    }
}

fn attribute<'a>(tag: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    tag.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// The errors a page's error summary lists, as (field, code): each item's `data-field` (`""`
/// for an error not tied to a field) and `data-code`.
pub fn error_summary(html: &str) -> Vec<(String, String)> {
    tags(html, "li")
        .iter()
        .filter_map(|li| {
            let code = attribute(li, "data-code")?;
            let field = attribute(li, "data-field").unwrap_or_default();
            Some((field.to_owned(), code.to_owned()))
        })
        .collect()
}

/// The code of the error message shown at the field whose HTML id is `id` (the message's id is
/// `<id>-error`), if it has one.
pub fn field_error(html: &str, id: &str) -> Option<String> {
    let error_id = format!("{id}-error");
    tags(html, "p")
        .iter()
        .find(|p| attribute(p, "id") == Some(error_id.as_str()))
        .and_then(|p| attribute(p, "data-code"))
        .map(str::to_owned)
}

/// Asserts that the page's error summary lists `code` for `field` (its form name, such as
/// `title` or `count[age-16-19]`), linking to it: for a field, or a group of fields, that has no
/// message of its own next to it (the phase buttons, the area budgets).
#[track_caller]
pub fn assert_error_listed(html: &str, field: &str, code: Code) {
    let summary = error_summary(html);
    assert!(
        summary
            .iter()
            .any(|(f, c)| f == field && c == code.as_str()),
        "expected the error {code} at the field {field:?}; the page lists {summary:?}"
    );
}

/// Asserts that the page explains `code` at `field` (its form name, such as `title` or
/// `count[age-16-19]`): the error summary lists it, and the field shows one of its errors next
/// to it.
#[track_caller]
pub fn assert_field_error(html: &str, field: &str, code: Code) {
    assert_error_listed(html, field, code);
    let summary = error_summary(html);
    let id = app::components::field::field_id(field);
    let at_field = field_error(html, &id);
    assert!(
        at_field
            .as_deref()
            .is_some_and(|shown| summary.iter().any(|(f, c)| f == field && c == shown)),
        "expected the field {field:?} to show its error next to it (#{id}-error), found {at_field:?}"
    );
}

/// Asserts that the page's error summary shows `code` as an error of the form as a whole (not
/// tied to one field).
#[track_caller]
pub fn assert_form_error(html: &str, code: Code) {
    let summary = error_summary(html);
    assert!(
        summary
            .iter()
            .any(|(f, c)| f.is_empty() && c == code.as_str()),
        "expected the error {code} for the whole form; the page lists {summary:?}"
    );
}

/// The app's translation files, parsed once.
fn translations(locale: &str) -> &'static serde_json::Value {
    use std::sync::OnceLock;
    static SV: OnceLock<serde_json::Value> = OnceLock::new();
    static EN: OnceLock<serde_json::Value> = OnceLock::new();
    let (cell, text) = match locale {
        "sv" => (&SV, include_str!("../../../app/locales/sv.json")),
        "en" => (&EN, include_str!("../../../app/locales/en.json")),
        other => panic!("no translation file for {other:?} in the tests"),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap())
}

/// The raw sentence `key` ("error.title_empty") of `locale`'s translation file.
fn sentence(locale: &str, key: &str) -> &'static str {
    key.split('.')
        .try_fold(translations(locale), |node, part| node.get(part))
        .and_then(|node| node.as_str())
        .unwrap_or_else(|| panic!("no sentence {key:?} in {locale}.json"))
}

/// Fills `{{ name }}` placeholders from `args`, stopping at the first it has no value for when
/// `partial`; HTML-escaped as a page shows text.
fn fill(locale: &str, key: &str, args: &[(&str, &dyn std::fmt::Display)], partial: bool) -> String {
    let mut text = sentence(locale, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{{ {name} }}}}"), &value.to_string());
    }
    if let Some(gap) = text.find("{{") {
        assert!(partial, "{key:?} needs a value for {}", &text[gap..]);
        text.truncate(gap);
    }
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The sentence `key` ("nav.signed_in_as") of the app's translation file for `locale` ("sv",
/// "en") with its `{{ name }}` placeholders filled from `args`, as a page shows it: for asserting
/// what a page says without spelling its wording in the test.
pub fn tr(locale: &str, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(locale, key, args, false)
}

/// The start of the sentence `key`, up to its first placeholder not in `args` (for a sentence
/// whose rest a test does not check).
pub fn tr_start(locale: &str, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(locale, key, args, true)
}

/// A database that exists for one test: a SQLite file, or a PostgreSQL database created on the
/// server in TEST_POSTGRES_URL and dropped when the test ends (also when it fails).
pub struct TestDatabase {
    pub url: String,
    drop_postgres: Option<(String, String)>,
}

impl TestDatabase {
    pub async fn create(backend: Backend, scratch: &std::path::Path) -> TestDatabase {
        match backend {
            Backend::Sqlite => TestDatabase {
                url: format!("sqlite://{}?mode=rwc", scratch.join("test.db").display()),
                drop_postgres: None,
            },
            Backend::Postgres => {
                let admin = std::env::var("TEST_POSTGRES_URL").expect(
                    "TEST_POSTGRES_URL must point at a PostgreSQL server (./test.sh starts one and sets it)",
                );
                let name = format!(
                    "mb_test_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst)
                );
                let conn = server::db::connect(&admin)
                    .await
                    .expect("PostgreSQL answers");
                use sea_orm::ConnectionTrait;
                conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .unwrap();
                conn.close().await.unwrap();
                let base = admin.rsplit_once('/').unwrap().0;
                TestDatabase {
                    url: format!("{base}/{name}"),
                    drop_postgres: Some((admin, name)),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin, name)) = self.drop_postgres.take() else {
            return;
        };
        // Drop runs outside async: use a small runtime of its own on a plain thread.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                use sea_orm::ConnectionTrait;
                if let Ok(conn) = server::db::connect(&admin).await {
                    let _ = conn
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}
