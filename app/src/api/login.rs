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
    if !within_rate_limit(&ctx).await {
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

/// Whether this client address may ask for another link now.
#[cfg(feature = "ssr")]
async fn within_rate_limit(ctx: &crate::ssr::context::ServerContext) -> bool {
    use axum::extract::ConnectInfo;
    match leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => ctx.login_limiter.check_key(&addr.ip()).is_ok(),
        Err(err) => {
            tracing::warn!(error = %err, "no client address; login rate limit not applied");
            true
        }
    }
}
