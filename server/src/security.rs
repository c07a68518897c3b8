//! The security baseline every response gets: a strict Content-Security-Policy (pages get a
//! per-request nonce for Leptos's hydration script), no framing, no sniffing, a referrer policy
//! that keeps no-JS form redirects working, and an Origin check that refuses cross-site form
//! posts (CSRF) on top of the SameSite=Lax session cookie.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy for pages; `{nonce}` is the request's nonce.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy for everything that is not a page (files, server functions, errors).
const DEFAULT_CSP: &str = "default-src 'self'; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'none'";

/// Layers that add the fixed security headers when the handler did not set them.
pub fn header_layers(https: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut layers = vec![
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ),
        // `same-origin` keeps the full Referer on our own form posts, which no-JS form
        // redirects need, and sends nothing to other sites.
        SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ),
        SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    if https {
        layers.push(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    layers
}

/// The origins a state-changing request may come from.
#[derive(Clone, Debug)]
pub struct AllowedOrigin {
    pub public_origin: String,
}

/// Refuses POST/PUT/PATCH/DELETE whose `Origin` (or, without one, `Referer`) is another site.
/// Requests with neither header come from non-browser clients, which cannot carry a victim's
/// cookies, and are let through.
pub async fn origin_check(
    State(allowed): State<AllowedOrigin>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .map(origin_of);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match claimed {
        None => next.run(request).await,
        Some(origin) if same_site(&origin, host, &allowed.public_origin) => next.run(request).await,
        Some(origin) => {
            tracing::warn!(%origin, path = %request.uri().path(), "cross-site request refused");
            (StatusCode::FORBIDDEN, "Förfrågan kom från en annan webbplats och avvisades. / Cross-site request refused.")
                .into_response()
        }
    }
}

/// Pages for someone signed in (or on a kiosk device) are kept out of every cache, the
/// browser's back-forward cache included: on a shared device the next person must not page
/// back to what the previous one saw. Responses that chose their own caching keep it.
pub async fn private_pages(request: Request<Body>, next: Next) -> Response {
    let personal = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|pair| {
            let name = pair.trim().split('=').next().unwrap_or_default();
            name == app::ssr::auth::SESSION_COOKIE || name == app::ssr::auth::KIOSK_COOKIE
        });
    let mut response = next.run(request).await;
    if personal && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// `scheme://host[:port]` of a URL.
pub fn origin_of(url: &str) -> String {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let end = rest.find('/').unwrap_or(rest.len());
            format!("{}{}", &url[..i + 3], &rest[..end])
        }
        None => url.to_owned(),
    }
}

fn same_site(origin: &str, host: Option<&str>, public_origin: &str) -> bool {
    if origin == public_origin {
        return true;
    }
    let origin_host = origin.split_once("://").map(|(_, h)| h);
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_of_a_url_is_its_scheme_host_and_port() {
        assert_eq!(
            origin_of("http://127.0.0.1:3000/login?x=1"),
            "http://127.0.0.1:3000"
        );
        assert_eq!(origin_of("https://kommun.se"), "https://kommun.se");
    }

    #[test]
    fn a_post_from_our_own_host_or_public_url_is_same_site() {
        assert!(same_site(
            "http://127.0.0.1:3000",
            Some("127.0.0.1:3000"),
            "https://x.se"
        ));
        assert!(same_site(
            "https://x.se",
            Some("internal:8080"),
            "https://x.se"
        ));
        assert!(!same_site(
            "https://evil.example",
            Some("127.0.0.1:3000"),
            "https://x.se"
        ));
    }

    #[test]
    fn the_page_policy_carries_the_nonce_and_allows_webassembly() {
        let csp = page_csp("abc");
        assert!(csp.contains("'nonce-abc'"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
