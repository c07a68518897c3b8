//! A project's follow-up as its public page shows it: the politicians' decision and the
//! timeline of implementation updates, and whether the viewer may post one.

use domain::Phase;
use domain::followup::DecisionOutcome;
use domain::phase_rules::updates_open;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::error::AppError;
use crate::model::SessionUser;
use crate::model::followup::{FollowUp, UpdateView};
use crate::ssr::decisions;
use crate::ssr::entity::{decision, implementation_update, proposal, round};

/// Whether updates (and their photos) may be posted on a project of a round in `phase` with
/// `decision`: once the politicians approved it.
pub(crate) fn updatable(phase: Phase, decision: Option<&decision::Model>) -> bool {
    let approved = decision.is_some_and(|d| d.outcome == DecisionOutcome::Approved.as_str());
    updates_open(phase, approved)
}

/// A project's decision and timeline (newest first), for its public page.
#[tracing::instrument(skip_all)]
pub async fn follow_up<C: ConnectionTrait>(
    db: &C,
    project: &proposal::Model,
    round: &round::Model,
    funded: bool,
    viewer: Option<&SessionUser>,
) -> Result<FollowUp, AppError> {
    let stored = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(project.id))
        .one(db)
        .await?;
    let updates = implementation_update::Entity::find()
        .filter(implementation_update::Column::ProposalId.eq(project.id))
        .order_by_desc(implementation_update::Column::UpdateDate)
        .order_by_desc(implementation_update::Column::Id)
        .all(db)
        .await?;
    Ok(FollowUp {
        may_update: viewer.is_some_and(|v| v.manages(round.namnd_id))
            && updatable(round.phase(), stored.as_ref()),
        decision: stored.as_ref().map(|d| decisions::view::view_of(d, funded)),
        updates: updates.iter().map(view_of).collect(),
    })
}

fn view_of(row: &implementation_update::Model) -> UpdateView {
    UpdateView {
        id: row.id,
        status: row.status(),
        percent: row.percent.clamp(0, 100) as u8,
        text: row.body.clone(),
        date: row.update_date.to_string(),
        photo: row
            .image
            .is_some()
            .then(|| row.image_alt.clone().unwrap_or_default()),
    }
}
