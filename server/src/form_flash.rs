//! Keeps what was typed into a refused form out of the URL: a plain form post that a server
//! function refuses is redirected back with the error in the query, typed values included;
//! this moves the values into a sealed, short-lived cookie (`app::ssr::form_flash`).

use axum::extract::{Request, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use app::ssr::context::ServerContext;
use app::ssr::form_flash::{COOKIE, SECONDS, stash};

/// After a POST answered with a redirect carrying typed values: the values go into the cookie.
pub async fn typed_values_out_of_urls(
    State(ctx): State<ServerContext>,
    request: Request,
    next: Next,
) -> Response {
    let post = request.method() == Method::POST;
    let mut response = next.run(request).await;
    if !post || !response.status().is_redirection() {
        return response;
    }
    let Some(location) = response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.contains("__err="))
    else {
        return response;
    };
    let Some((moved, sealed)) = stash(&ctx.keys, location) else {
        return response;
    };
    let cookie = app::ssr::auth::site_cookie(COOKIE, sealed, SECONDS, ctx.secure_cookies());
    match (
        HeaderValue::from_str(&moved),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        (Ok(location), Ok(cookie)) => {
            let headers = response.headers_mut();
            headers.insert(LOCATION, location);
            headers.append(SET_COOKIE, cookie);
        }
        _ => tracing::error!("a refused form's redirect could not be rewritten"),
    }
    response
}
