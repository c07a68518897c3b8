//! The review page politicians read before deciding (DESIGN.md, step 6): the result and its
//! explanation, participation against the population, every proposal with reasons and
//! comments.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::super::access::visible_round;
use super::super::entity::{
    account, area, ballot, comment, namnd, proposal, proposal_support, round_result, voter_register,
};
use super::super::results::result_view;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::politics::AreaParticipation;
use crate::model::politics::Participation;
use crate::model::politics::PoliticalReview;
use crate::model::politics::ReviewedProposal;
use crate::model::result::RoundResultView;

/// Who took part: ballots, the register by the area voters said they live in (against the
/// area's population), proposals, supports and comments.
async fn participation<C: ConnectionTrait>(db: &C, round: i64) -> Result<Participation, AppError> {
    let ballots = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round))
        .count(db)
        .await?;
    let mut homes = voters_by_home(db, round).await?;
    let by_area = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AreaParticipation {
            voters: homes.remove(&Some(a.id)).unwrap_or(0),
            name: a.name,
            population: a.population,
        })
        .collect();
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
        .all(db)
        .await?;
    let ids: Vec<i64> = proposals.iter().map(|p| p.id).collect();
    let mut proposers: Vec<i64> = proposals.iter().map(|p| p.author_id).collect();
    proposers.sort_unstable();
    proposers.dedup();
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.is_in(ids.clone()))
        .count(db)
        .await?;
    let comments = comment::Entity::find()
        .filter(comment::Column::ProposalId.is_in(ids))
        .filter(comment::Column::HiddenAt.is_null())
        .count(db)
        .await?;
    Ok(Participation {
        ballots,
        by_area,
        elsewhere: homes.values().sum(),
        proposals: proposals.len() as u64,
        proposers: proposers.len() as u64,
        supports,
        comments,
    })
}

/// How many in the round's voter register live in each area, by the home area they declared
/// (`None`: elsewhere or not said).
async fn voters_by_home<C: ConnectionTrait>(
    db: &C,
    round: i64,
) -> Result<HashMap<Option<i64>, u64>, AppError> {
    let voters: Vec<i64> = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .all(db)
        .await?
        .into_iter()
        .map(|v| v.account_id)
        .collect();
    let mut homes: HashMap<Option<i64>, u64> = HashMap::new();
    for chunk in voters.chunks(500) {
        for a in account::Entity::find()
            .filter(account::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            *homes.entry(a.home_area_id).or_default() += 1;
        }
    }
    Ok(homes)
}

/// The politicians' review page of a round (its politicians and staff, administrators).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn review(
    db: &DatabaseConnection,
    slug: &str,
    locale: Locale,
    user: &SessionUser,
) -> Result<PoliticalReview, AppError> {
    let round = visible_round(db, slug, Some(user)).await?;
    if !user.deliberates(round.namnd_id) {
        return Err(AppError::Forbidden.with_status());
    }
    let result = match round_result::Entity::find_by_id(round.id).one(db).await? {
        Some(stored) => Some(result_view(db, &round, &stored, locale, Some(user)).await?),
        None => None,
    };
    let proposals = reviewed_proposals(db, round.id, result.as_ref()).await?;
    let namnd = namnd::Entity::find_by_id(round.namnd_id)
        .one(db)
        .await?
        .map(|n| n.name)
        .unwrap_or_default();
    Ok(PoliticalReview {
        slug: round.slug.clone(),
        title: round.title_in(locale),
        namnd,
        phase: round.phase(),
        participation: participation(db, round.id).await?,
        result,
        proposals,
        may_decide: user.decides(round.namnd_id) && domain::followup::decisions_open(round.phase()),
    })
}

/// Every submitted proposal of the round (not drafts or withdrawn ones), by title, with its
/// supports, visible comments and, once counted, its votes and decision.
async fn reviewed_proposals<C: ConnectionTrait>(
    db: &C,
    round: i64,
    result: Option<&RoundResultView>,
) -> Result<Vec<ReviewedProposal>, AppError> {
    let areas = area::Entity::find().all(db).await?;
    let rows = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
        .filter(proposal::Column::Status.ne(ProposalStatus::Withdrawn.as_str()))
        .order_by_asc(proposal::Column::Title)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.is_in(ids.clone()))
        .all(db)
        .await?;
    let comments = comment::Entity::find()
        .filter(comment::Column::ProposalId.is_in(ids))
        .filter(comment::Column::HiddenAt.is_null())
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    let counted = |id: i64| result.and_then(|r| r.projects.iter().find(|p| p.id == id));
    Ok(rows
        .into_iter()
        .map(|p| ReviewedProposal {
            id: p.id,
            area: area::name_of(&areas, p.area_id),
            status: p.status(),
            cost: p.staff_cost.unwrap_or(p.cost),
            reason: p.public_reason.clone(),
            supports: supports.iter().filter(|s| s.proposal_id == p.id).count() as i64,
            comments: comments
                .iter()
                .filter(|c| c.proposal_id == p.id)
                .map(|c| c.body.clone())
                .collect(),
            votes: counted(p.id).map(|c| c.votes),
            funded: counted(p.id).map(|c| c.funded),
            decision: counted(p.id).and_then(|c| c.decision.clone()),
            title: p.title,
        })
        .collect())
}
