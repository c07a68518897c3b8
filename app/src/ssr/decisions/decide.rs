//! Recording the decision per project (DESIGN.md, step 7) with its motivation and protocol
//! reference; everyone concerned is told by mail. Rules are
//! `domain::followup::parse_decision`'s.

use domain::Code;

use chrono::Utc;
use domain::FieldIssue;
use domain::followup::{DecisionForm, DecisionInput, Scope};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};

use super::super::access::{Permission, proposal_for};
use super::super::audit;
use super::super::context::ServerContext;
use super::super::entity::{account, decision, namnd, proposal, round};
use super::super::notify::{self, Recipients};
use super::super::results::funded_by_vote;
use super::mail::decision_message;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::politics::DecisionEditor;

/// The decision form of a project, filled with the stored decision if there is one.
#[tracing::instrument(skip_all, fields(id))]
pub async fn editor(
    db: &DatabaseConnection,
    id: i64,
    locale: Locale,
    user: &SessionUser,
) -> Result<DecisionEditor, AppError> {
    let (row, round) = proposal_for(db, id, user, Permission::Decide).await?;
    let (votes, funded) = funded_by_vote(db, round.id, id, true).await?;
    let stored = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(id))
        .one(db)
        .await?;
    let recorded = match &stored {
        Some(d) => {
            let by = account::Entity::find_by_id(d.recorded_by)
                .one(db)
                .await?
                .map(|a| a.email)
                .unwrap_or_default();
            Some((by, d.recorded_at.format("%Y-%m-%d %H:%M").to_string()))
        }
        None => None,
    };
    let form = stored
        .map(|d| DecisionForm {
            outcome: d.outcome,
            motivation: d.motivation.unwrap_or_default(),
            protocol_section: d.protocol_section,
            meeting_date: d.meeting_date.to_string(),
            minutes_url: d.minutes_url.unwrap_or_default(),
        })
        .unwrap_or_default();
    Ok(DecisionEditor {
        id,
        title: row.title,
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        votes,
        funded,
        form,
        recorded,
    })
}

/// Records (or replaces) the decision on a project and tells everyone concerned by mail.
/// Returns the round's slug.
#[tracing::instrument(skip_all, fields(id))]
pub async fn save(
    ctx: &ServerContext,
    user: &SessionUser,
    id: i64,
    form: &DecisionForm,
) -> Result<String, AppError> {
    let txn = ctx.db.begin().await?;
    let (row, round) = proposal_for(&txn, id, user, Permission::Decide).await?;
    let refuse = |code: Code| AppError::from_issues(&[FieldIssue::new("", code)], form);
    if !domain::followup::decisions_open(round.phase()) {
        return Err(refuse(Code::DecisionClosed));
    }
    if row.status() != ProposalStatus::Feasible {
        return Err(refuse(Code::DecisionNotOnBallot));
    }
    let (_, funded) = funded_by_vote(&txn, round.id, id, true).await?;
    let input = domain::followup::parse_decision(form, funded)
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    let previous = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(id))
        .one(&txn)
        .await?;
    store(&txn, id, round.id, &input, user).await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "decision.record",
        format!("proposal:{id}"),
        format!("{} {}", input.outcome.as_str(), input.protocol_section),
    )
    .await?;
    // A corrected motivation or reference is no news; a changed outcome is.
    if previous.is_none_or(|p| p.outcome != input.outcome.as_str()) {
        tell_everyone_concerned(ctx, &txn, &round, &row, &input).await?;
    }
    txn.commit().await?;
    Ok(round.slug)
}

/// Stores the decision on project `id`, replacing an earlier one.
async fn store<C: ConnectionTrait>(
    db: &C,
    id: i64,
    round_id: i64,
    input: &DecisionInput,
    user: &SessionUser,
) -> Result<(), AppError> {
    let stored = decision::ActiveModel {
        proposal_id: Set(id),
        round_id: Set(round_id),
        outcome: Set(input.outcome.as_str().to_owned()),
        motivation: Set(input.motivation.clone()),
        protocol_section: Set(input.protocol_section.clone()),
        meeting_date: Set(input.meeting_date),
        minutes_url: Set(input.minutes_url.clone()),
        recorded_by: Set(user.id),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    };
    decision::Entity::insert(stored)
        .on_conflict(
            OnConflict::column(decision::Column::ProposalId)
                .update_columns([
                    decision::Column::Outcome,
                    decision::Column::Motivation,
                    decision::Column::ProtocolSection,
                    decision::Column::MeetingDate,
                    decision::Column::MinutesUrl,
                    decision::Column::RecordedBy,
                    decision::Column::RecordedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Mails the decision on `row` to everyone concerned with the project, each new outcome once.
async fn tell_everyone_concerned<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    row: &proposal::Model,
    input: &DecisionInput,
) -> Result<(), AppError> {
    let mut people = Recipients::default();
    people.add_project_people(db, row).await?;
    let namnd = namnd::Entity::find_by_id(round.namnd_id)
        .one(db)
        .await?
        .map(|n| n.name)
        .unwrap_or_default();
    let id = row.id;
    notify::send(
        ctx,
        db,
        round,
        Scope::Project(id),
        &format!(
            "decision:{id}:{}:{}",
            input.outcome.as_str(),
            Utc::now().timestamp_micros()
        ),
        people,
        |locale| decision_message(ctx, locale, round, &namnd, &row.title, id, input),
    )
    .await?;
    Ok(())
}
