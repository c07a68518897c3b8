//! Writing the audit log: moderation, reviews, merges and phase moves, with who and when.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use super::entity::audit_event;
use crate::error::AppError;

/// One audited action by `account` (none for the system) on `subject` (e.g. `comment:12`).
#[tracing::instrument(skip_all)]
pub async fn record<C: ConnectionTrait>(
    db: &C,
    account: Option<i64>,
    round: Option<i64>,
    action: &str,
    subject: String,
    detail: String,
) -> Result<(), AppError> {
    let row = audit_event::ActiveModel {
        at: Set(Utc::now()),
        account_id: Set(account),
        round_id: Set(round),
        action: Set(action.to_owned()),
        subject: Set(subject),
        detail: Set(detail),
        ..Default::default()
    };
    audit_event::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}
