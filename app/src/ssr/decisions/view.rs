//! A decision as pages show it, beside the residents' result.

use std::collections::HashMap;

use domain::followup::{DecisionOutcome, differs_from_residents};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::super::entity::decision;
use crate::error::AppError;
use crate::model::followup::DecisionView;
use crate::model::result::ProjectResult;

/// How a stored decision is shown, given whether the residents' vote funded the project.
pub fn view_of(row: &decision::Model, funded: bool) -> DecisionView {
    let outcome = row.outcome.parse().unwrap_or_else(|_| {
        tracing::error!(decision = row.id, outcome = %row.outcome, "unknown decision outcome");
        DecisionOutcome::Postponed
    });
    DecisionView {
        outcome,
        motivation: row.motivation.clone(),
        protocol_section: row.protocol_section.clone(),
        meeting_date: row.meeting_date.to_string(),
        minutes_url: row.minutes_url.clone(),
        differs: differs_from_residents(outcome, funded),
    }
}

/// The decisions of a round by project id, each compared with the residents' result.
#[tracing::instrument(skip_all, fields(round))]
pub async fn of_round<C: ConnectionTrait>(
    db: &C,
    round: i64,
    results: &[ProjectResult],
) -> Result<HashMap<i64, DecisionView>, AppError> {
    let funded = |id: i64| results.iter().any(|p| p.id == id && p.funded);
    Ok(decision::Entity::find()
        .filter(decision::Column::RoundId.eq(round))
        .all(db)
        .await?
        .iter()
        .map(|d| (d.proposal_id, view_of(d, funded(d.proposal_id))))
        .collect())
}
