//! `POST /display`: keeps the display mode chosen on the display page in a cookie for a year
//! and goes back to that page in its language.

use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::context::ServerContext;
use crate::display::{DISPLAY_COOKIE, DisplayMode};

/// The display form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DisplayForm {
    pub contrast: String,
    pub text: String,
    pub locale: String,
}

/// Stores the choice and shows the page again with `?saved=1`.
#[tracing::instrument(skip_all)]
pub async fn save(
    axum::extract::State(ctx): axum::extract::State<ServerContext>,
    jar: CookieJar,
    Form(form): Form<DisplayForm>,
) -> Response {
    let mode = DisplayMode {
        high_contrast: form.contrast == "high",
        large_text: form.text == "large",
    };
    let cookie = super::auth::site_cookie(
        DISPLAY_COOKIE,
        mode.to_cookie(),
        365 * 86_400,
        ctx.secure_cookies(),
    );
    let locale = crate::locale::from_code(&form.locale);
    let back = crate::locale::href(locale, &crate::paths::display().query("saved", 1));
    (jar.add(cookie), Redirect::to(&back)).into_response()
}
