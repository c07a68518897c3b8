//! The proposal page: who may see a proposal, and everything its page shows (supports,
//! comments, merges, image, the decision and follow-up, and the voluntary questions for its
//! author). The review page shows the same view, so it is built from a loaded row.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::proposal::{CommentView, ProposalDetail};
use crate::ssr::access::with_round;
use crate::ssr::entity::{area, comment, proposal, proposal_image, proposal_support, round};
use crate::ssr::{participation, results, updates};
use domain::Phase;
use domain::phase_rules::proposals_open;

/// A proposal with its round, if `viewer` may see it: public ones for everyone, drafts and
/// withdrawn ones for their author and the round's staff.
pub(super) async fn visible_proposal<C: ConnectionTrait>(
    db: &C,
    id: i64,
    viewer: Option<&SessionUser>,
) -> Result<(proposal::Model, round::Model), AppError> {
    let not_found = || AppError::NotFound.with_status();
    let (row, round) = with_round(db, id).await?.ok_or_else(not_found)?;
    let privileged = viewer.is_some_and(|v| v.id == row.author_id || v.manages(round.namnd_id));
    if privileged || (row.status().is_public() && round.phase() != Phase::Draft) {
        Ok((row, round))
    } else {
        Err(not_found())
    }
}

/// The proposal page.
#[tracing::instrument(skip_all, fields(id))]
pub async fn detail(
    db: &DatabaseConnection,
    id: i64,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<ProposalDetail, AppError> {
    let (row, round) = visible_proposal(db, id, viewer).await?;
    detail_of(db, row, &round, locale, viewer).await
}

/// The page view of a loaded proposal.
#[tracing::instrument(skip_all)]
pub async fn detail_of<C: ConnectionTrait>(
    db: &C,
    row: proposal::Model,
    round: &round::Model,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<ProposalDetail, AppError> {
    let areas = area::Entity::find().all(db).await?;
    let (supports, supported_by_viewer) = supports_of(db, row.id, viewer).await?;
    let manages = viewer.is_some_and(|v| v.manages(round.namnd_id));
    let comments = comments_of(db, row.id, manages).await?;
    let merged_from = merged_into(db, row.id).await?;
    let has_image = proposal_image::Entity::find_by_id(row.id).count(db).await? > 0;
    let insider = viewer.is_some_and(|v| v.deliberates(round.namnd_id));
    let (_, funded) = results::funded_by_vote(db, round.id, row.id, insider).await?;
    let follow_up = updates::follow_up(db, &row, round, funded, viewer).await?;
    let is_author = viewer.is_some_and(|v| v.id == row.author_id);
    let questions = questions_for(db, &row, round, is_author).await?;
    Ok(ProposalDetail {
        id: row.id,
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        round_open_for_proposals: proposals_open(round.phase()),
        status: row.status(),
        title: row.title,
        description: row.description,
        area: area::name_of(&areas, row.area_id),
        place: row.place,
        position: row.latitude.zip(row.longitude),
        cost: row.cost,
        staff_cost: row.staff_cost,
        reason: row.public_reason,
        has_image,
        supports,
        supported_by_viewer,
        viewer_signed_in: viewer.is_some(),
        viewer_is_author: is_author,
        viewer_manages: manages,
        merged_into: row.merged_into,
        merged_from,
        comments,
        follow_up,
        questions,
    })
}

/// How many support the proposal, and whether `viewer` is one of them.
async fn supports_of<C: ConnectionTrait>(
    db: &C,
    id: i64,
    viewer: Option<&SessionUser>,
) -> Result<(i64, bool), AppError> {
    let of_proposal =
        || proposal_support::Entity::find().filter(proposal_support::Column::ProposalId.eq(id));
    let supports = of_proposal().count(db).await? as i64;
    let by_viewer = match viewer {
        Some(v) => {
            of_proposal()
                .filter(proposal_support::Column::AccountId.eq(v.id))
                .count(db)
                .await?
                > 0
        }
        None => false,
    };
    Ok((supports, by_viewer))
}

/// The comments, oldest first; a hidden one shows its reason, and its text only to staff.
async fn comments_of<C: ConnectionTrait>(
    db: &C,
    id: i64,
    manages: bool,
) -> Result<Vec<CommentView>, AppError> {
    Ok(comment::Entity::find()
        .filter(comment::Column::ProposalId.eq(id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CommentView {
            id: c.id,
            body: (c.hidden_at.is_none() || manages).then_some(c.body),
            hidden_reason: c.hidden_at.and(c.hidden_reason),
            created_at: c.created_at.format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect())
}

/// (id, title) of the proposals merged into this one.
async fn merged_into<C: ConnectionTrait>(db: &C, id: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::MergedInto.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect())
}

/// The areas to answer the voluntary questions with, when the viewer is the author of a
/// submitted proposal and has not answered in this round yet (asked once per round).
async fn questions_for<C: ConnectionTrait>(
    db: &C,
    row: &proposal::Model,
    round: &round::Model,
    is_author: bool,
) -> Result<Option<Vec<crate::model::Choice>>, AppError> {
    if is_author
        && row.status() != ProposalStatus::Draft
        && !participation::answered(db, round.id, row.author_id).await?
    {
        Ok(Some(area::choices(db).await?))
    } else {
        Ok(None)
    }
}
