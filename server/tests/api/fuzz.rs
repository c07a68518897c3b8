//! Malformed requests to every server function and form route: random and real field names,
//! repeated fields, huge strings, bytes that are not UTF-8, negative and enormous numbers,
//! wrong content types, missing fields and bodies over every limit, sent by nobody, a
//! resident, staff and an administrator. No answer may be a server error or a dropped
//! connection, and a refused request must leave the database as it was.
//!
//! `FUZZ_REQUESTS` sets how many (300 here; `scripts/fuzz.sh` sends 10,000), `FUZZ_SEED`
//! which ones (the suite's are the same every run).

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reqwest::header::{ACCEPT, CONTENT_TYPE, REFERER};

use crate::fingerprint::{changes, fingerprint};
use crate::helpers::*;

/// Field names the forms use, and a few they do not.
const NAMES: &[&str] = &[
    "slug",
    "id",
    "locale",
    "email",
    "token",
    "intent",
    "body",
    "reason",
    "into",
    "comment_id",
    "to",
    "csv",
    "serial",
    "birth_year",
    "home_area",
    "works_here",
    "name",
    "population",
    "role",
    "namnd_id",
    "organisation",
    "e",
    "s",
    "t",
    "on",
    "end_pin",
    "scope",
    "identity_number",
    "id_document",
    "form[title]",
    "form[title_sv]",
    "form[description]",
    "form[cost]",
    "form[budget_total]",
    "form[max_choices]",
    "form[pin]",
    "form[email]",
    "form[place]",
    "form[date]",
    "form[day]",
    "form[percent]",
    "form[status]",
    "form[outcome]",
    "form[feasibility]",
    "form[staff_cost]",
    "form[reached]",
    "form[criteria_met][0]",
    "form[first_serial]",
    "form[last_serial]",
    "ballot[choice][5]",
    "ballot[choice][x]",
    "ballot[points][5]",
    "ballot[rank][6]",
    "count[age-16-19]",
    "groups[age:16-19]",
    "area_budget[1]",
    "filter[page]",
    "filter[area]",
    "filter[status]",
    "filter[q]",
    "filter[year]",
    "form[",
    "]]",
    "a[b][c][d][e][f]",
];

/// A field's value.
#[derive(Clone, Debug)]
enum Value {
    Text(String),
    /// A real slug or id of the demo.
    Real(&'static str),
    Number(i128),
    Float(f64),
    /// Raw bytes (percent-encoded as they are: often not UTF-8).
    Bytes(Vec<u8>),
    /// This many copies of one character.
    Huge(char, usize),
}

impl Value {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Value::Text(s) => s.as_bytes().to_vec(),
            Value::Real(s) => s.as_bytes().to_vec(),
            Value::Number(n) => n.to_string().into_bytes(),
            Value::Float(f) => f.to_string().into_bytes(),
            Value::Bytes(b) => b.clone(),
            Value::Huge(c, n) => c.to_string().repeat(*n).into_bytes(),
        }
    }
}

/// How the body is sent.
#[derive(Clone, Copy, Debug)]
enum Encoding {
    Form,
    Json,
    Multipart,
    Plain,
    /// A form body labelled as something else.
    Mislabelled,
    Empty,
}

/// One request.
#[derive(Clone, Debug)]
struct Request {
    target: usize,
    fields: Vec<(String, Value)>,
    encoding: Encoding,
    who: usize,
    /// As a browser without JavaScript (a redirect answers), or as the hydrated page.
    browser: bool,
    /// A body over every size limit (10 MB).
    flood: bool,
}

impl Request {
    /// Whether the body may exceed the server's 2 MB limit (percent-encoding triples a byte).
    fn oversized(&self) -> bool {
        let raw: usize = self
            .fields
            .iter()
            .map(|(k, v)| k.len() + v.bytes().len())
            .sum();
        self.flood || raw * 3 > 2 * 1024 * 1024
    }
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => prop::sample::select(&[
            "unga-i-centrum-2027",
            "tryggare-parker-2026",
            "fritidsgardar-2026",
            "gatuliv-2025",
            "1",
            "5",
            "11",
            "sv",
            "en",
            "ar",
            "submit",
            "feasible",
            "approved",
            "voting",
            "anna@example.se",
            "",
        ][..])
        .prop_map(Value::Real),
        3 => any::<String>().prop_map(Value::Text),
        2 => any::<i128>().prop_map(Value::Number),
        1 => prop::sample::select(vec![
            i128::from(i64::MIN),
            -1,
            0,
            i128::from(i64::MAX) + 1,
            i128::from(u64::MAX),
        ])
        .prop_map(Value::Number),
        1 => any::<f64>().prop_map(Value::Float),
        2 => prop::collection::vec(any::<u8>(), 0..40).prop_map(Value::Bytes),
        1 => (
            prop::sample::select(vec!['a', 'å', '€', '𝄞', '\0', '\n', '"', '<']),
            1_000usize..50_000
        )
            .prop_map(|(c, n)| Value::Huge(c, n)),
    ]
}

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(NAMES).prop_map(str::to_owned),
        1 => "[a-z\\[\\]_0-9]{0,16}",
    ]
}

fn request(targets: usize) -> impl Strategy<Value = Request> {
    (
        0..targets,
        prop::collection::vec((field_name(), value()), 0..12),
        prop_oneof![
            8 => Just(Encoding::Form),
            1 => Just(Encoding::Json),
            1 => Just(Encoding::Multipart),
            1 => Just(Encoding::Plain),
            1 => Just(Encoding::Mislabelled),
            1 => Just(Encoding::Empty),
        ],
        0..WHO.len(),
        any::<bool>(),
        prop::bool::weighted(0.01),
    )
        .prop_map(|(target, fields, encoding, who, browser, flood)| Request {
            target,
            fields,
            encoding,
            who,
            browser,
            flood,
        })
}

/// Who sends: nobody, a resident, staff of stadsmiljö, the administrator.
const WHO: [&str; 4] = [
    "",
    "nils@example.se",
    "personal.stadsmiljo@exempelkommun.se",
    "admin@exempelkommun.se",
];

/// Every server function, and the form routes with demo ids filled in.
fn targets() -> Vec<String> {
    let mut all: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    all.sort();
    all.extend(
        [
            "/display",
            "/proposals/1/image",
            "/updates/1/image",
            "/rounds/tryggare-parker-2026/electoral-roll",
            app::paths::UNSUBSCRIBE_ONE_CLICK,
        ]
        .map(str::to_owned),
    );
    all
}

fn percent(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

async fn send(who: &Visitor, url: &str, request: &Request) -> Result<reqwest::Response, String> {
    let mut builder = who
        .client
        .post(format!("{}{url}", who.base))
        .header(REFERER, format!("{}/", who.base))
        .header(
            ACCEPT,
            if request.browser {
                "text/html"
            } else {
                "application/json"
            },
        );
    let form = request
        .fields
        .iter()
        .map(|(k, v)| format!("{}={}", percent(k.as_bytes()), percent(&v.bytes())))
        .collect::<Vec<_>>()
        .join("&");
    if request.flood {
        return builder
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(format!("slug={}", "x".repeat(10 * 1024 * 1024)))
            .send()
            .await
            .map_err(|err| err.to_string());
    }
    builder = match request.encoding {
        Encoding::Form => builder
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form),
        Encoding::Mislabelled => builder.header(CONTENT_TYPE, "application/xml").body(form),
        Encoding::Plain => builder
            .header(CONTENT_TYPE, "text/plain")
            .body(form.replace('&', "\n")),
        Encoding::Json => {
            let object: serde_json::Map<String, serde_json::Value> = request
                .fields
                .iter()
                .map(|(k, v)| {
                    let bytes = v.bytes();
                    (
                        k.clone(),
                        serde_json::Value::String(String::from_utf8_lossy(&bytes).into_owned()),
                    )
                })
                .collect();
            builder.json(&object)
        }
        Encoding::Multipart => {
            let mut multipart = reqwest::multipart::Form::new();
            for (k, v) in &request.fields {
                multipart = multipart.part(
                    k.clone(),
                    reqwest::multipart::Part::bytes(v.bytes()).file_name("f"),
                );
            }
            builder.multipart(multipart)
        }
        Encoding::Empty => builder,
    };
    builder.send().await.map_err(|err| err.to_string())
}

/// Whether the server answers its health check.
async fn healthy(app: &TestApp) -> bool {
    app.client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
}

/// Whether the answer refuses the request: a client error, or a no-JS redirect carrying one.
fn refused(response: &reqwest::Response) -> bool {
    response.status().is_client_error()
        || (response.status().is_redirection() && location(response).contains("__err="))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_no_server_error_and_change_nothing_when_refused() {
    let count: usize = std::env::var("FUZZ_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(17);
    let app = spawn_with(
        Backend::Sqlite,
        Options {
            demo: true,
            // No mail goes out during the walk: the worker would change the outbox meanwhile.
            mail_poll_ms: 3_600_000,
            admin_email: Some(WHO[3].into()),
            ..Options::default()
        },
    )
    .await;
    let targets = targets();
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = request(targets.len());
    let mut wrong = Vec::new();
    let (mut refusals, mut accepted) = (0, 0);
    for n in 0..count {
        let request = strategy.new_tree(&mut runner).unwrap().current();
        let who = match WHO[request.who] {
            "" => app.visitor(),
            email => app.session_for(email).await,
        };
        let url = &targets[request.target];
        let before = fingerprint(&app.db, &["rate_counter"]).await;
        let response = match send(&who, url, &request).await {
            Ok(response) => response,
            // A body over the 2 MB limit is refused before it is read; the server may close the
            // connection while the client still sends. Then it must still answer, having stored
            // nothing.
            Err(_) if request.oversized() && healthy(&app).await => {
                refusals += 1;
                let changed = changes(&before, &fingerprint(&app.db, &["rate_counter"]).await);
                if !changed.is_empty() {
                    wrong.push(format!("#{n} {url}: flooded, changed {changed:?}"));
                }
                continue;
            }
            Err(err) => {
                wrong.push(format!("#{n} {url}: no answer ({err}) to {request:?}"));
                continue;
            }
        };
        let status = response.status();
        if status.is_server_error() {
            let body = response.text().await.unwrap_or_default();
            wrong.push(format!("#{n} {url}: {status} {body} to {request:?}"));
        } else if refused(&response) {
            refusals += 1;
            let changed = changes(&before, &fingerprint(&app.db, &["rate_counter"]).await);
            if !changed.is_empty() {
                wrong.push(format!(
                    "#{n} {url}: refused ({status}) but changed {changed:?}"
                ));
            }
        } else {
            accepted += 1;
        }
    }
    let panics = server::telemetry::captured_logs()
        .matches("panicked")
        .count();
    eprintln!(
        "fuzz: {count} requests, {refusals} refused, {accepted} accepted, {} wrong, {panics} panics logged",
        wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(panics, 0, "a handler panicked");
}
