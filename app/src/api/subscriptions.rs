//! Following a round by email (double opt-in) and the unsubscribe links in every mail.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::followup::LinkView;

#[cfg(feature = "ssr")]
fn signed(e: String, s: String, t: String) -> crate::ssr::subscriptions::SignedLink {
    crate::ssr::subscriptions::SignedLink { e, s, t }
}

#[cfg(feature = "ssr")]
fn back_to(locale: &str, path: crate::paths::Path, link: &crate::ssr::subscriptions::SignedLink) {
    let path = path
        .query("e", &link.e)
        .query("s", &link.s)
        .query("t", &link.t);
    crate::api::redirect_to(crate::locale::from_code(locale), &path);
}

/// Asks to follow a round by email; a confirmation link is mailed to the address.
#[server(endpoint = "subscribe")]
pub async fn subscribe(
    slug: String,
    locale: String,
    form: domain::followup::SubscribeForm,
) -> Result<(), AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let l = crate::locale::from_code(&locale);
    let slug = crate::ssr::subscriptions::subscribe(&ctx, &slug, l, &form).await?;
    crate::api::redirect_to(l, &crate::paths::round(&slug).query("subscribed", 1));
    Ok(())
}

/// What an unsubscribe link would do.
#[server(endpoint = "unsubscribe_link")]
pub async fn load_unsubscribe(
    e: String,
    s: String,
    t: String,
    locale: String,
) -> Result<LinkView, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::subscriptions::unsubscribe_view(
        &ctx,
        &signed(e, s, t),
        crate::locale::from_code(&locale),
    )
    .await
}

/// Unsubscribes, then shows the page again (now saying it is done).
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(e: String, s: String, t: String, locale: String) -> Result<(), AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let link = signed(e, s, t);
    crate::ssr::subscriptions::unsubscribe(&ctx, &ctx.db, &link).await?;
    back_to(&locale, crate::paths::unsubscribe(), &link);
    Ok(())
}

/// What a confirmation link would confirm.
#[server(endpoint = "confirm_link")]
pub async fn load_confirm(
    e: String,
    s: String,
    t: String,
    locale: String,
) -> Result<LinkView, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::subscriptions::confirm_view(
        &ctx,
        &signed(e, s, t),
        crate::locale::from_code(&locale),
    )
    .await
}

/// Confirms a subscription, then shows the page again.
#[server(endpoint = "confirm_subscription")]
pub async fn confirm_subscription(
    e: String,
    s: String,
    t: String,
    locale: String,
) -> Result<(), AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let link = signed(e, s, t);
    crate::ssr::subscriptions::confirm(&ctx, &link).await?;
    back_to(&locale, crate::paths::confirm_subscription(), &link);
    Ok(())
}

/// Turns the digest (at most one mail a day per round) on (`on` = "true") or off, then shows
/// the unsubscribe page again.
#[server(endpoint = "choose_digest")]
pub async fn choose_digest(
    e: String,
    s: String,
    t: String,
    locale: String,
    on: String,
) -> Result<(), AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let link = signed(e, s, t);
    crate::ssr::subscriptions::choose_digest(&ctx, &link, on == "true").await?;
    back_to(&locale, crate::paths::unsubscribe(), &link);
    Ok(())
}
