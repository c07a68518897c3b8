//! Implementation follow-up: staff post updates on approved projects; everyone can see the
//! overview of all projects of all rounds.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::followup::{ProjectFilter, ProjectOverview};

/// Posts an implementation update; everyone concerned is told by mail.
#[server(endpoint = "save_update")]
pub async fn save_update(
    id: i64,
    locale: String,
    form: domain::followup::UpdateForm,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let slug = crate::ssr::updates::save(&ctx, &user, id, &form).await?;
    let path = crate::paths::proposal(&slug, id)
        .query("updated", 1)
        .fragment("follow-up");
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// All approved projects of all rounds with where they stand, filtered.
#[server(endpoint = "list_projects")]
pub async fn list_projects(
    locale: String,
    filter: ProjectFilter,
) -> Result<ProjectOverview, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::updates::overview(&ctx.db, crate::locale::from_code(&locale), &filter).await
}
