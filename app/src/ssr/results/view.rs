//! Reading a stored result: who may see it (everyone once published, the round's staff and
//! politicians before), the results page with the politicians' decisions beside it, and the
//! counted projects for the proposal pages and open data.

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};

use super::report::read_report;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::result::{ProjectResult, RoundResultView};
use crate::ssr::access::visible_round;
use crate::ssr::decisions;
use crate::ssr::entity::{area, round, round_result};

/// Whether `viewer` may see a round's result now.
pub(super) fn may_see(
    result: &round_result::Model,
    round: &round::Model,
    viewer: Option<&SessionUser>,
) -> bool {
    result.published_at.is_some() || viewer.is_some_and(|v| v.deliberates(round.namnd_id))
}

/// The results page.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn view(
    db: &DatabaseConnection,
    slug: &str,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<RoundResultView, AppError> {
    let round = visible_round(db, slug, viewer).await?;
    let result = round_result::Entity::find_by_id(round.id)
        .one(db)
        .await?
        .filter(|r| may_see(r, &round, viewer))
        .ok_or_else(|| AppError::NotFound.with_status())?;
    result_view(db, &round, &result, locale, viewer).await
}

/// The counted projects of a round (votes, funded, why), if it is counted, and published
/// unless `unpublished_too`.
#[tracing::instrument(skip_all, fields(round))]
pub async fn counted_projects<C: ConnectionTrait>(
    db: &C,
    round: i64,
    unpublished_too: bool,
) -> Result<Option<Vec<ProjectResult>>, AppError> {
    match round_result::Entity::find_by_id(round)
        .one(db)
        .await?
        .filter(|r| unpublished_too || r.published_at.is_some())
    {
        Some(result) => Ok(Some(read_report(&result)?.projects)),
        None => Ok(None),
    }
}

/// Whether the residents' vote funded `project`, from the stored count (false if uncounted,
/// or unpublished unless `unpublished_too`).
pub(crate) async fn funded_by_vote<C: ConnectionTrait>(
    db: &C,
    round: i64,
    project: i64,
    unpublished_too: bool,
) -> Result<(Option<u64>, bool), AppError> {
    let projects = counted_projects(db, round, unpublished_too)
        .await?
        .unwrap_or_default();
    let entry = projects.iter().find(|p| p.id == project);
    Ok((entry.map(|p| p.votes), entry.is_some_and(|p| p.funded)))
}

/// A stored result as shown, with the politicians' decisions next to it.
#[tracing::instrument(skip_all)]
pub async fn result_view<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    result: &round_result::Model,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<RoundResultView, AppError> {
    let stored = read_report(result)?;
    let decisions = decisions::view::of_round(db, round.id, &stored.projects).await?;
    let mut projects = stored.projects;
    for p in &mut projects {
        p.decision = decisions.get(&p.id).cloned();
    }
    projects.sort_by(|a, b| b.funded.cmp(&a.funded).then(b.votes.cmp(&a.votes)));
    let mut areas = stored.areas;
    if !areas.is_empty() {
        let names = area::Entity::find().all(db).await?;
        for a in &mut areas {
            a.name = area::name_of(&names, Some(a.area_id)).unwrap_or_default();
        }
    }
    Ok(RoundResultView {
        slug: round.slug.clone(),
        round_title: round.title_in(locale),
        rule: stored.rule,
        voters: stored.voters,
        budget: stored.budget,
        cost: stored.cost,
        projects,
        areas,
        channels: stored.channels,
        published: result.published_at.is_some(),
        viewer_manages: viewer.is_some_and(|v| v.manages(round.namnd_id)),
    })
}
