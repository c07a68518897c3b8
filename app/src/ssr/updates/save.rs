//! Posting an implementation update on an approved project: stored, audited, and mailed to
//! everyone concerned with the project.

use chrono::Utc;
use domain::followup::{Scope, UpdateForm, UpdateInput};
use domain::{Code, FieldIssue};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionTrait,
};

use super::follow_up::updatable;
use super::mail::update_message;
use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::access::with_round;
use crate::ssr::audit;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{decision, implementation_update};
use crate::ssr::notify::{self, Recipients};

/// Posts an update on an approved project and mails it to everyone concerned. Returns the
/// round's slug.
#[tracing::instrument(skip_all, fields(id))]
pub async fn save(
    ctx: &ServerContext,
    user: &SessionUser,
    id: i64,
    form: &UpdateForm,
) -> Result<String, AppError> {
    let txn = ctx.db.begin().await?;
    let (row, round) = with_round(&txn, id)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if !user.manages(round.namnd_id) {
        return Err(AppError::Forbidden.with_status());
    }
    let stored = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(id))
        .one(&txn)
        .await?;
    if !updatable(round.phase(), stored.as_ref()) {
        return Err(AppError::from_issues(
            &[FieldIssue::new("", Code::UpdateNotApproved)],
            form,
        ));
    }
    let input = domain::followup::parse_update(form, Utc::now().date_naive())
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    let saved = store(&txn, id, round.id, &input, user).await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "implementation.update",
        format!("proposal:{id}"),
        format!("{} {} %", input.status.as_str(), input.percent),
    )
    .await?;
    let mut people = Recipients::default();
    people.add_project_people(&txn, &row).await?;
    notify::send(
        ctx,
        &txn,
        &round,
        Scope::Project(id),
        &format!("update:{}", saved.id),
        people,
        |locale| update_message(ctx, locale, &round, &row.title, id, &input),
    )
    .await?;
    txn.commit().await?;
    Ok(round.slug)
}

/// Stores the update of project `id` (without a photo; that is added apart).
async fn store<C: ConnectionTrait>(
    db: &C,
    id: i64,
    round_id: i64,
    input: &UpdateInput,
    user: &SessionUser,
) -> Result<implementation_update::Model, AppError> {
    Ok(implementation_update::ActiveModel {
        proposal_id: Set(id),
        round_id: Set(round_id),
        status: Set(input.status.as_str().to_owned()),
        percent: Set(i32::from(input.percent)),
        body: Set(input.text.clone()),
        update_date: Set(input.date),
        image: Set(None),
        image_type: Set(None),
        image_alt: Set(None),
        posted_by: Set(user.id),
        posted_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}
