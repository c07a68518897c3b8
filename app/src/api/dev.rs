//! The development mail page: every mail in the outbox, newest first. Only in dev mode.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::DevMail;

/// The latest mails, so a newcomer can follow a login link without a mail server.
#[server(endpoint = "dev_mails")]
pub async fn dev_mails() -> Result<Vec<DevMail>, AppError> {
    use crate::ssr::entity::outbox;
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

    let ctx = crate::ssr::context::ServerContext::current()?;
    if !ctx.settings.dev_mode {
        return Err(AppError::NotFound.with_status());
    }
    let rows = outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(50)
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| DevMail {
            body_text: crate::ssr::outbox::bodies(&m, &ctx.keys)
                .map(|(text, _)| text)
                .unwrap_or_default(),
            id: m.id,
            recipient: m.recipient,
            subject: m.subject,
            status: m.status,
            created_at: m.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
        })
        .collect())
}
