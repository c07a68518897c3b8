//! Proposals: the public list and page, residents' own proposals, supports and comments.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::proposal::{ProposalDetail, ProposalEditor, ProposalFilter, ProposalPage};

/// One page of a round's public proposals.
#[server(endpoint = "list_proposals")]
pub async fn list_proposals(
    slug: String,
    filter: ProposalFilter,
    locale: String,
) -> Result<ProposalPage, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let viewer = crate::ssr::auth::current_user().await?;
    crate::ssr::proposals::list(
        &ctx.db,
        &slug,
        &filter,
        crate::locale::from_code(&locale),
        viewer.as_ref(),
    )
    .await
}

/// A proposal's page.
#[server(endpoint = "proposal_detail")]
pub async fn load_proposal(id: i64, locale: String) -> Result<ProposalDetail, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let viewer = crate::ssr::auth::current_user().await?;
    crate::ssr::proposals::detail(
        &ctx.db,
        id,
        crate::locale::from_code(&locale),
        viewer.as_ref(),
    )
    .await
}

/// The proposal form: new (`id` = None) or the signed-in author's own proposal.
#[server(endpoint = "proposal_editor")]
pub async fn load_proposal_editor(
    slug: String,
    id: Option<i64>,
    locale: String,
) -> Result<ProposalEditor, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::proposals::editor(&ctx.db, &slug, id, crate::locale::from_code(&locale), &user)
        .await
}

/// Saves a proposal as a draft (`intent` = `draft`) or submits it (`intent` = `submit`).
#[server(endpoint = "save_proposal")]
pub async fn save_proposal(
    slug: String,
    id: String,
    intent: String,
    locale: String,
    form: domain::round::ProposalForm,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let id = id.trim().parse::<i64>().ok();
    let submit = intent == "submit";
    let saved = crate::ssr::proposals::save(&ctx, &user, &slug, id, &form, submit).await?;
    let path = if submit {
        crate::paths::proposal(&slug, saved).query("submitted", 1)
    } else {
        crate::paths::edit_proposal(&slug, saved).query("saved", 1)
    };
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Withdraws the signed-in author's proposal.
#[server(endpoint = "withdraw_proposal")]
pub async fn withdraw_proposal(id: i64, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let slug = crate::ssr::proposals::withdraw(&ctx.db, &user, id).await?;
    let path = crate::paths::proposal(&slug, id).query("withdrawn", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Supports a proposal (once per person).
#[server(endpoint = "support_proposal")]
pub async fn support_proposal(id: i64, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let slug = crate::ssr::proposals::support(&ctx.db, &user, id).await?;
    let path = crate::paths::proposal(&slug, id).query("supported", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Comments on a proposal.
#[server(endpoint = "add_comment")]
pub async fn add_comment(id: i64, body: String, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let slug = crate::ssr::proposals::add_comment(&ctx.db, &user, id, &body).await?;
    let path = crate::paths::proposal(&slug, id).fragment("comments");
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Hides a comment with a reason (staff of the round's nämnd).
#[server(endpoint = "hide_comment")]
pub async fn hide_comment(comment_id: i64, reason: String, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let (slug, id) =
        crate::ssr::proposals::hide_comment(&ctx.db, &user, comment_id, &reason).await?;
    let path = crate::paths::proposal(&slug, id).fragment("comments");
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}
