//! Reading rounds for the public pages.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundSummary;

/// Every round that is public (past its draft), newest first, in the asked language.
#[server(endpoint = "list_rounds")]
pub async fn list_rounds(locale: String) -> Result<Vec<RoundSummary>, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::rounds::public_rounds(&ctx.db, crate::locale::from_code(&locale)).await
}
