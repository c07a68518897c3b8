//! The typed values of a refused no-JavaScript form, read back from the sealed cookie the
//! server sent them in instead of the URL (`ssr::form_flash` says why). Read once per page
//! render on the server, handed to the browser with the page, so the hydrated form shows what
//! the server rendered; [`flashed`] is what `components::field` falls back on when an error
//! from the URL carries no values.

use leptos::prelude::*;

/// The values of the last refused form post, as (field, text) pairs.
#[derive(Clone, Debug, Default)]
pub struct FormFlash(pub Vec<(String, String)>);

/// Reads (and clears) the cookie on the server, shares the values with the browser, and
/// provides them to the page.
pub fn provide_form_flash() {
    let values = leptos::server::SharedValue::new(take).into_inner();
    provide_context(FormFlash(values));
}

/// The value flashed for `field`, if any.
pub fn flashed(flash: &FormFlash, field: &str) -> Option<String> {
    flash
        .0
        .iter()
        .find(|(name, _)| name == field)
        .map(|(_, value)| value.clone())
}

#[cfg(feature = "ssr")]
fn take() -> Vec<(String, String)> {
    use crate::ssr::{auth, context::ServerContext, form_flash};
    use axum_extra::extract::cookie::CookieJar;
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Vec::new();
    };
    let sealed = CookieJar::from_headers(&parts.headers)
        .get(form_flash::COOKIE)
        .map(|c| c.value().to_owned());
    let (Some(sealed), Ok(ctx)) = (sealed, ServerContext::current()) else {
        return Vec::new();
    };
    let cleared = auth::site_cookie(form_flash::COOKIE, String::new(), 0, ctx.secure_cookies());
    if auth::set_cookie(cleared).is_err() {
        tracing::warn!("could not clear the form cookie");
    }
    form_flash::open(&ctx.keys, &sealed)
}

#[cfg(not(feature = "ssr"))]
fn take() -> Vec<(String, String)> {
    Vec::new()
}
