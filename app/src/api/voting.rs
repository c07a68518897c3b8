//! Voting: the ballot page, casting a ballot, the receipt.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::voting::{BallotView, ReceiptView};

/// The ballot page of a round for the signed-in person.
#[server(endpoint = "ballot_page")]
pub async fn load_ballot(slug: String, locale: String) -> Result<BallotView, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::voting::ballot_page(&ctx, &slug, crate::locale::from_code(&locale), &user).await
}

/// Casts (or changes) the signed-in person's ballot; then the receipt.
#[server(endpoint = "cast_ballot")]
pub async fn cast_ballot(
    slug: String,
    locale: String,
    #[server(default)] ballot: domain::voting::BallotPost,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::voting::cast(&ctx, &user, &slug, &ballot).await?;
    let path = format!("/rounds/{slug}/vote/receipt");
    leptos_axum::redirect(&crate::locale::href(
        crate::locale::from_code(&locale),
        &path,
    ));
    Ok(())
}

/// What the signed-in person cast in a round.
#[server(endpoint = "ballot_receipt")]
pub async fn load_receipt(slug: String, locale: String) -> Result<ReceiptView, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::voting::receipt(&ctx, &slug, crate::locale::from_code(&locale), &user).await
}

/// A round's result: public once published, for its staff before.
#[server(endpoint = "round_result")]
pub async fn load_result(
    slug: String,
    locale: String,
) -> Result<crate::model::result::RoundResultView, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let viewer = crate::ssr::auth::current_user().await?;
    crate::ssr::results::view(
        &ctx.db,
        &slug,
        crate::locale::from_code(&locale),
        viewer.as_ref(),
    )
    .await
}

/// Publishes a round's counted result (staff of its nämnd).
#[server(endpoint = "publish_result")]
pub async fn publish_result(slug: String, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::results::publish(&ctx.db, &user, &slug).await?;
    let path = format!("/rounds/{slug}/results?published=1");
    leptos_axum::redirect(&crate::locale::href(
        crate::locale::from_code(&locale),
        &path,
    ));
    Ok(())
}
