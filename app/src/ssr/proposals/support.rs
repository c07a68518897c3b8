//! Residents supporting a proposal: once each, so a second support changes nothing (the
//! database's unique key decides, also when two arrive at once). Merging moves supports with
//! the same insert.

use chrono::Utc;
use domain::Code;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait};

use super::detail::visible_proposal;
use super::rules::supportable;
use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::entity::proposal_support;

/// Records `user`'s support for a public proposal (once; a second support changes nothing).
#[tracing::instrument(skip_all, fields(id))]
pub async fn support(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i64,
) -> Result<String, AppError> {
    let (row, round) = visible_proposal(db, id, Some(user)).await?;
    if !supportable(row.status()) {
        return Err(AppError::invalid("", Code::SupportClosed, &[]));
    }
    insert_support(db, row.id, user.id, Utc::now()).await?;
    Ok(round.slug)
}

/// Records that `account` supports `proposal`, once: a second support changes nothing.
#[tracing::instrument(skip_all)]
pub async fn insert_support<C: ConnectionTrait>(
    db: &C,
    proposal: i64,
    account: i64,
    at: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    let support = proposal_support::ActiveModel {
        proposal_id: Set(proposal),
        account_id: Set(account),
        created_at: Set(at),
        ..Default::default()
    };
    proposal_support::Entity::insert(support)
        .on_conflict(
            OnConflict::columns([
                proposal_support::Column::ProposalId,
                proposal_support::Column::AccountId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
