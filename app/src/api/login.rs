//! Asking for a login link by email.

#[cfg(feature = "ssr")]
use domain::Code;
use leptos::prelude::*;

use crate::error::AppError;

/// Sends a one-time login link to `email` (creating a resident account on first use) and goes
/// to the "check your email" page. The same answer whether or not the address was known.
#[server(endpoint = "request_login_link")]
pub async fn request_login_link(email: String, locale: String) -> Result<(), AppError> {
    send_login_link(email, locale)
        .await
        .map_err(AppError::with_status)
}

#[cfg(feature = "ssr")]
async fn send_login_link(email: String, locale: String) -> Result<(), AppError> {
    use crate::ssr::{context::ServerContext, login_link};

    let ctx = ServerContext::current()?;
    let locale = crate::locale::from_code(&locale);
    let typed = [("email", email.as_str())];
    let address = domain::email::Email::parse(&email)
        .map_err(|err| AppError::invalid("email", email_error_code(&err), &typed))?;
    let too_many = || AppError::invalid("email", Code::RateLimited, &typed);
    if !within_rate_limit(&ctx).await? {
        return Err(too_many());
    }
    login_link::send(&ctx, &address, locale)
        .await
        .map_err(|err| match err {
            AppError::RateLimited => too_many(),
            other => other,
        })?;
    crate::api::redirect_to(locale, &crate::paths::login_sent());
    Ok(())
}

#[cfg(feature = "ssr")]
fn email_error_code(err: &domain::email::EmailError) -> Code {
    use domain::email::EmailError;
    match err {
        EmailError::Empty => Code::EmailEmpty,
        EmailError::TooLong => Code::EmailTooLong,
        _ => Code::EmailInvalid,
    }
}

/// Whether this client may ask for another link now: twice the login limit per minute per
/// client address (per /64 for IPv6), counted in the database so every instance agrees.
#[cfg(feature = "ssr")]
async fn within_rate_limit(ctx: &crate::ssr::context::ServerContext) -> Result<bool, AppError> {
    use crate::ssr::rate_limit::{self, Limit};
    let Some(ip) = rate_limit::client_address(ctx).await else {
        tracing::warn!("no client address; login rate limit not applied");
        return Ok(true);
    };
    let limit = Limit {
        name: "login-client",
        max: ctx.settings.login_limit.saturating_mul(2),
        window: chrono::Duration::minutes(1),
    };
    let key = domain::client_address::client_key(ip);
    Ok(rate_limit::hit(&ctx.db, &ctx.keys.identity, limit, &key, chrono::Utc::now()).await?)
}

/// What the page a login link opens shows: whose address the link signs in, or why it does
/// not work.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LinkCheck {
    /// The link is good and signs in this address.
    SignsIn(String),
    Expired,
    Used,
    Unknown,
}

/// Looks at a login link without using it: opening the link changes nothing.
#[server(endpoint = "check_login_link")]
pub async fn check_login_link(token: String) -> Result<LinkCheck, AppError> {
    use crate::ssr::login_link::{self, LinkError};
    let ctx = crate::ssr::context::ServerContext::current()?;
    Ok(match login_link::check(&ctx.db, token.trim()).await {
        Ok(account) => LinkCheck::SignsIn(account.email),
        Err(LinkError::Expired) => LinkCheck::Expired,
        Err(LinkError::Used) => LinkCheck::Used,
        Err(LinkError::Unknown) => LinkCheck::Unknown,
        Err(LinkError::Db(err)) => return Err(err.into()),
    })
}

/// Signs in with a login link (the button on the link's page): a good link sets the session
/// cookie and goes to the start page in the account's language; an expired, used or unknown
/// one goes to the login page, which says what happened.
#[server(endpoint = "use_login_link")]
pub async fn use_login_link(token: String, locale: String) -> Result<(), AppError> {
    use crate::ssr::auth::{session_cookie, set_cookie};
    use crate::ssr::login_link::{self, LinkError};
    let ctx = crate::ssr::context::ServerContext::current()?;
    let locale = crate::locale::from_code(&locale);
    let reason = match login_link::consume(&ctx.db, token.trim()).await {
        Ok(account) => {
            let token = ctx.keys.session.issue(account.id, account.session_epoch)?;
            set_cookie(session_cookie(token, ctx.secure_cookies()))?;
            tracing::info!(account = account.id, "signed in with a login link");
            let home = crate::locale::from_code(&account.locale);
            crate::api::redirect_to(home, &crate::paths::home());
            return Ok(());
        }
        Err(LinkError::Db(err)) => return Err(err.into()),
        Err(LinkError::Expired) => "expired",
        Err(LinkError::Used) => "used",
        Err(LinkError::Unknown) => "unknown",
    };
    tracing::info!(reason, "login link refused");
    crate::api::redirect_to(locale, &crate::paths::login().query("link", reason));
    Ok(())
}
