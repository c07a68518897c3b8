//! Staff review of proposals: the review form, saving it, merging duplicates.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::proposal::{ReviewEditor, ReviewFormData};

/// The review page of a proposal (staff of its round's nämnd).
#[server(endpoint = "review_editor")]
pub async fn load_review_editor(id: i64, locale: String) -> Result<ReviewEditor, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::review::editor(&ctx.db, id, crate::locale::from_code(&locale), &user).await
}

/// Saves a review; the proposer is told the outcome by mail.
#[server(endpoint = "save_review")]
pub async fn save_review(id: i64, locale: String, form: ReviewFormData) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let (slug, _) = crate::ssr::review::save(&ctx, &user, id, &form).await?;
    let path = crate::paths::staff_round(&slug).query("reviewed", id);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Merges a proposal into another of the same round.
#[server(endpoint = "merge_proposal")]
pub async fn merge_proposal(id: i64, into: String, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let (slug, target) = crate::ssr::review::merge(&ctx.db, &user, id, &into).await?;
    let path = crate::paths::proposal(&slug, target).query("merged", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}
