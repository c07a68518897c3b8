//! Asking for a login link by email.

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
    use crate::ssr::{context::ServerContext, login_link, mail, outbox};
    use leptos_i18n::Locale as _;
    use sea_orm::TransactionTrait;

    let ctx = ServerContext::current()?;
    let locale = crate::locale::from_code(&locale);
    let address = domain::email::Email::parse(&email)
        .map_err(|err| AppError::invalid("email", email_error_code(&err), &[("email", &email)]))?;
    if !within_rate_limit(&ctx).await {
        return Err(AppError::invalid(
            "email",
            "rate_limited",
            &[("email", &email)],
        ));
    }
    let txn = ctx.db.begin().await?;
    let account =
        login_link::find_or_create_account(&txn, address.as_str(), locale.as_str()).await?;
    let issued = login_link::issue(&txn, account.id)
        .await
        .map_err(|err| match err {
            AppError::RateLimited => {
                AppError::invalid("email", "rate_limited", &[("email", &email)])
            }
            other => other,
        })?;
    let link = format!(
        "{}/login/verify?token={}",
        ctx.settings.public_url, issued.token
    );
    let message = mail::login_link(locale, &ctx.settings.municipality, &link);
    let event_key = format!("{}{}", outbox::LOGIN_EVENT_PREFIX, issued.id);
    outbox::enqueue(&txn, &event_key, address.as_str(), message).await?;
    txn.commit().await?;
    leptos_axum::redirect(&crate::locale::href(locale, "/login/sent"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn email_error_code(err: &domain::email::EmailError) -> &'static str {
    use domain::email::EmailError;
    match err {
        EmailError::Empty => "email_empty",
        EmailError::TooLong => "email_too_long",
        _ => "email_invalid",
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
