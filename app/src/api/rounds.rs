//! Rounds: the public list and page, and staff creating, configuring and moving rounds.

#[cfg(feature = "ssr")]
use domain::Code;
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundSummary;
use crate::model::round::{RoundEditor, RoundView, StaffRoundRow};

/// Every round that is public (past its draft), newest first, in the asked language.
#[server(endpoint = "list_rounds")]
pub async fn list_rounds(locale: String) -> Result<Vec<RoundSummary>, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::rounds::public_rounds(&ctx.db, crate::locale::from_code(&locale)).await
}

/// The public page of a round (a draft only for its staff).
#[server(endpoint = "round_page")]
pub async fn round_page(slug: String, locale: String) -> Result<RoundView, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let viewer = crate::ssr::auth::current_user().await?;
    crate::ssr::rounds::round_view(
        &ctx.db,
        &slug,
        crate::locale::from_code(&locale),
        viewer.as_ref(),
    )
    .await
}

/// The rounds of the signed-in staff member's nämnd (all, for administrators).
#[server(endpoint = "staff_rounds")]
pub async fn staff_rounds() -> Result<Vec<StaffRoundRow>, AppError> {
    use crate::model::Role;
    let user = crate::ssr::auth::require_role(&[Role::Staff, Role::Admin]).await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::rounds::staff_rounds(&ctx.db, &user).await
}

/// The round form: a stored round (`slug`) or a new one (empty `slug`).
#[server(endpoint = "round_editor")]
pub async fn load_round_editor(slug: String) -> Result<RoundEditor, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let slug = Some(slug).filter(|s| !s.is_empty());
    crate::ssr::rounds::editor(&ctx.db, &user, slug.as_deref()).await
}

/// Creates (empty `slug`) or saves a round, then shows its staff page. `namnd_id` is chosen
/// by administrators creating a round; `area_budget` holds the amounts per area id.
#[server(endpoint = "save_round")]
pub async fn save_round(
    slug: String,
    locale: String,
    form: domain::round::RoundForm,
    #[server(default)] namnd_id: String,
    #[server(default)] area_budget: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let slug = Some(slug).filter(|s| !s.is_empty());
    let posted = crate::ssr::rounds::PostedRound {
        form,
        namnd_id,
        area_budget,
    };
    let saved = crate::ssr::rounds::save(&ctx.db, &user, slug.as_deref(), posted).await?;
    let path = crate::paths::staff_round(&saved).query("saved", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Moves a round to phase `to`, if the rules allow it now.
#[server(endpoint = "move_phase")]
pub async fn move_phase(slug: String, to: String, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let to: domain::Phase = to
        .parse()
        .map_err(|_| AppError::invalid("to", Code::ChoiceInvalid, &[("to", to.as_str())]))?;
    crate::ssr::rounds::move_phase(&ctx, &user, &slug, to).await?;
    let path = crate::paths::staff_round(&slug).query("moved", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Removes a round's electoral roll: residence is declared again.
#[server(endpoint = "clear_roll")]
pub async fn clear_roll(slug: String, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::electoral_roll::clear(&ctx, &user, &slug).await?;
    let path = crate::paths::staff_round(&slug)
        .query("roll_cleared", 1)
        .fragment("roll");
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// A round's mail: queued, sent and failed, for its staff.
#[server(endpoint = "round_mail")]
pub async fn load_round_mail(
    slug: String,
    locale: String,
) -> Result<crate::model::followup::RoundMail, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::mail_status::round_mail(&ctx.db, &user, &slug, crate::locale::from_code(&locale))
        .await
}

/// Puts a round's failed mail (all, or one `id`) back in the queue.
#[server(endpoint = "retry_mail")]
pub async fn retry_mail(
    slug: String,
    locale: String,
    #[server(default)] id: String,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let id = id.trim().parse::<i64>().ok();
    let count = crate::ssr::mail_status::retry(&ctx.db, &user, &slug, id).await?;
    let path = crate::paths::staff_mail(&slug).query("retried", count);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}
