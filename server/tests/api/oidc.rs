//! The local OpenID provider of the eID tests (`tests/oidc/provider.mjs`, oidc-provider 9 with
//! Swedish eID test identities), started once per test run and ended with it (it exits when
//! its stdin closes). A test server gets a providers file naming it; [`eid_sign_in`] walks a
//! browser through a sign-in as one of its test people.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use crate::helpers::{Visitor, location};

/// Where every test server's callback is registered: the servers' public URL is
/// `http://127.0.0.1`, and [`eid_sign_in`] takes the provider's redirect there to the server
/// under test, as the mail links are.
const CALLBACK: &str = "http://127.0.0.1/auth/eid/callback";

/// The running provider.
pub struct LocalProvider {
    pub issuer: String,
    registration_token: String,
    _process: Mutex<(Child, ChildStdin)>,
}

#[derive(serde::Deserialize)]
struct Ready {
    issuer: String,
    registration_token: String,
}

/// The provider, started on first use.
pub fn provider() -> &'static LocalProvider {
    static PROVIDER: OnceLock<LocalProvider> = OnceLock::new();
    PROVIDER.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc");
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs tests/oidc/provider.mjs (.ci/setup.sh installs its packages)");
        let stdin = child.stdin.take().expect("piped stdin");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("the provider says when it is ready");
        let ready: Ready = serde_json::from_str(&line)
            .unwrap_or_else(|err| panic!("the provider's first line {line:?}: {err}"));
        LocalProvider {
            issuer: ready.issuer,
            registration_token: ready.registration_token,
            _process: Mutex::new((child, stdin)),
        }
    })
}

/// A client registered at the provider (RFC 7591) for the test servers' callback.
pub struct Registered {
    pub client_id: String,
    pub client_secret: String,
}

/// Registers a new client. Each test server gets its own, as each municipality would.
pub async fn register() -> Registered {
    let provider = provider();
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/reg", provider.issuer))
        .bearer_auth(&provider.registration_token)
        .json(&serde_json::json!({
            "redirect_uris": [CALLBACK],
            "grant_types": ["authorization_code"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "client_secret_basic",
        }))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .expect("the provider registers the client")
        .json()
        .await
        .unwrap();
    Registered {
        client_id: answer["client_id"].as_str().unwrap().to_owned(),
        client_secret: answer["client_secret"].as_str().unwrap().to_owned(),
    }
}

/// A providers file in `dir` naming the local provider as `testid` ("Test-eID"), and as
/// `elsewhere` an issuer whose discovery redirects to another host.
pub async fn providers_file(dir: &std::path::Path) -> std::path::PathBuf {
    let issuer = &provider().issuer;
    let client = register().await;
    let text = format!(
        r#"[[provider]]
id = "testid"
name = {{ sv = "Test-eID", en = "Test eID" }}
issuer = "{issuer}"
client_id = "{id}"
client_secret = "{secret}"
scopes = ["https://id.oidc.se/scope/naturalPersonNumber", "profile"]

[[provider]]
id = "elsewhere"
name = {{ sv = "Omväg" }}
issuer = "{issuer}/elsewhere"
client_id = "{id}"
client_secret = "{secret}"
"#,
        id = client.client_id,
        secret = client.client_secret,
    );
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("eid.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Walks `visitor` through an eID sign-in at provider `testid` as test person `person`,
/// starting from the link that comes back to `back`; returns the server's answer to the
/// provider's redirect (the provider's own cookies live in a browser of their own).
pub async fn eid_sign_in(visitor: &Visitor, person: &str, back: &str) -> reqwest::Response {
    let answer = provider_answer(visitor, "testid", person, back).await;
    visitor.get(&answer).await
}

/// Walks `visitor` through a sign-in at provider `id` as `person` up to the provider's
/// redirect back, and returns where it sends the browser on the server under test (the
/// callback path with the provider's `code`, `state` and `iss`), without going there.
pub async fn provider_answer(visitor: &Visitor, id: &str, person: &str, back: &str) -> String {
    let start = visitor
        .get(&app::paths::eid_start(id).query("return", back))
        .await;
    assert_eq!(start.status(), 303, "the start link goes to the provider");
    let mut next = location(&start);
    assert!(next.starts_with(&provider().issuer), "{next}");
    let at_provider = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    for _ in 0..10 {
        if let Some(answer) = next.strip_prefix(CALLBACK) {
            return format!("{}{answer}", app::ssr::eid::CALLBACK);
        }
        let url = if next.contains("/interaction/") {
            format!("{next}?person={person}")
        } else {
            next
        };
        let response = at_provider.get(&url).send().await.unwrap();
        let to = location(&response);
        assert!(
            !to.is_empty(),
            "the provider answered {} at {url}",
            response.status()
        );
        next = if to.starts_with('/') {
            format!("{}{to}", provider().issuer)
        } else {
            to
        };
    }
    panic!("the provider never sent the browser back");
}
