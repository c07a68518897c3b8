//! The politicians' review of a round and their decision per project.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::politics::DecisionEditor;
use crate::model::politics::PoliticalReview;

/// The review page of a round for its politicians and staff.
#[server(endpoint = "political_review")]
pub async fn load_political_review(
    slug: String,
    locale: String,
) -> Result<PoliticalReview, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::decisions::review::review(&ctx.db, &slug, crate::locale::from_code(&locale), &user)
        .await
}

/// The decision form of a project.
#[server(endpoint = "decision_editor")]
pub async fn load_decision_editor(id: i64, locale: String) -> Result<DecisionEditor, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::decisions::decide::editor(&ctx.db, id, crate::locale::from_code(&locale), &user)
        .await
}

/// Records the decision on a project; everyone concerned is told by mail.
#[server(endpoint = "save_decision")]
pub async fn save_decision(
    id: i64,
    locale: String,
    form: domain::followup::DecisionForm,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let slug = crate::ssr::decisions::decide::save(&ctx, &user, id, &form).await?;
    let path = crate::paths::political_review(&slug).query("decided", id);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}
