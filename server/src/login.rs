//! `GET /login/verify?token=…`: the link in the login mail. A good link sets the session
//! cookie and goes to the start page in the account's language; an expired, used or unknown
//! link goes back to the login page, which says what happened and offers a new link.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use app::ssr::auth::session_cookie;
use app::ssr::context::ServerContext;
use app::ssr::login_link::{self, LinkError};

#[derive(Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    token: String,
}

/// Signs in with a login link.
pub async fn verify(
    State(ctx): State<ServerContext>,
    Query(query): Query<VerifyQuery>,
    jar: CookieJar,
) -> Response {
    match login_link::consume(&ctx.db, query.token.trim()).await {
        Ok(account) => match ctx.keys.issue(account.id) {
            Ok(token) => {
                let home =
                    app::locale::href(app::locale::from_code(&account.locale), &app::paths::home());
                tracing::info!(account = account.id, "signed in with a login link");
                (
                    jar.add(session_cookie(token, ctx.secure_cookies())),
                    Redirect::to(&home),
                )
                    .into_response()
            }
            Err(_) => Redirect::to(&app::paths::login().query("link", "unknown")).into_response(),
        },
        Err(LinkError::Db(err)) => {
            tracing::error!(error = %err, "login link lookup failed");
            Redirect::to(&app::paths::login().query("link", "unknown")).into_response()
        }
        Err(err) => {
            let reason = match err {
                LinkError::Expired => "expired",
                LinkError::Used => "used",
                _ => "unknown",
            };
            tracing::info!(reason, "login link refused");
            Redirect::to(&app::paths::login().query("link", reason)).into_response()
        }
    }
}
