//! Reading rounds: the public list and page, and the staff list.

use super::super::access::visible_round;
use super::super::entity::{area, namnd, proposal, round};
use super::phase::phase_facts;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::round::{AreaBudget, OwnProposal, RoundView, StaffRoundRow, TimelineEntry};
use crate::model::{Role, RoundSummary};
use domain::Phase;
use domain::round::PhaseDates;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// Every round past its draft, newest first, with texts in `locale` where they exist
/// (Swedish otherwise, since Swedish is required).
#[tracing::instrument(skip_all)]
pub async fn public_rounds(
    db: &DatabaseConnection,
    locale: Locale,
) -> Result<Vec<RoundSummary>, AppError> {
    let rounds = round::Entity::find()
        .filter(round::Column::Phase.ne(Phase::Draft.as_str()))
        .order_by_desc(round::Column::CreatedAt)
        .all(db)
        .await?;
    let namnder = namnd::Entity::find().all(db).await?;
    Ok(rounds
        .into_iter()
        .filter_map(|r| {
            let phase = r.phase.parse::<Phase>().ok()?;
            let namnd = namnder
                .iter()
                .find(|n| n.id == r.namnd_id)
                .map(|n| n.name.clone());
            Some(r.into_summary(locale, namnd.unwrap_or_default(), phase))
        })
        .collect())
}

/// The public page of a round.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn round_view(
    db: &DatabaseConnection,
    slug: &str,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<RoundView, AppError> {
    let round = visible_round(db, slug, viewer).await?;
    let settings = round.settings();
    let namnd = namnd::Entity::find_by_id(round.namnd_id)
        .one(db)
        .await?
        .map(|n| n.name)
        .unwrap_or_default();
    let areas = area::Entity::find().all(db).await?;
    let area_budgets = settings
        .area_budgets
        .iter()
        .map(|(id, amount)| AreaBudget {
            area: areas
                .iter()
                .find(|a| a.id == *id)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            amount: *amount,
        })
        .collect();
    let own_proposals = match viewer {
        Some(viewer) => proposal::Entity::find()
            .filter(proposal::Column::RoundId.eq(round.id))
            .filter(proposal::Column::AuthorId.eq(viewer.id))
            .order_by_desc(proposal::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| OwnProposal {
                id: p.id,
                status: p.status(),
                title: p.title,
            })
            .collect(),
        None => Vec::new(),
    };
    let title = round.title_in(locale);
    let summary = round.summary_in(locale);
    Ok(RoundView {
        slug: round.slug.clone(),
        namnd,
        title,
        summary,
        phase: round.phase(),
        budget_total: round.budget_total,
        area_budgets,
        timeline: timeline(&settings.dates),
        settings,
        managed_by_viewer: viewer.is_some_and(|v| v.manages(round.namnd_id)),
        deliberated_by_viewer: viewer.is_some_and(|v| v.deliberates(round.namnd_id)),
        own_proposals,
        has_roll: crate::ssr::voting::roll_check(db, round.id, None)
            .await?
            .has_roll(),
    })
}

fn timeline(dates: &PhaseDates) -> Vec<TimelineEntry> {
    let iso = |d: &Option<domain::round::Date>| d.map(|d| d.format("%Y-%m-%d").to_string());
    [
        (Phase::Information, iso(&dates.information)),
        (Phase::Proposals, iso(&dates.proposals)),
        (Phase::Review, iso(&dates.review)),
        (Phase::Voting, iso(&dates.voting)),
        (Phase::Deliberation, iso(&dates.voting_end)),
        (Phase::Decided, None),
        (Phase::Implementation, None),
        (Phase::Closed, None),
    ]
    .into_iter()
    .map(|(phase, date)| TimelineEntry { phase, date })
    .collect()
}

/// The rounds staff of a nämnd work on (all rounds for administrators), newest first, with
/// how many proposals each has and how many wait for review.
#[tracing::instrument(skip_all)]
pub async fn staff_rounds(
    db: &DatabaseConnection,
    user: &SessionUser,
) -> Result<Vec<StaffRoundRow>, AppError> {
    let mut query = round::Entity::find().order_by_desc(round::Column::CreatedAt);
    if user.role != Role::Admin {
        query = query.filter(round::Column::NamndId.eq(user.namnd_id.unwrap_or(-1)));
    }
    let rounds = query.all(db).await?;
    let namnder = namnd::Entity::find().all(db).await?;
    let mut rows = Vec::with_capacity(rounds.len());
    for r in rounds {
        let facts = phase_facts(db, r.id).await?;
        rows.push(StaffRoundRow {
            slug: r.slug.clone(),
            title: r.title_sv.clone(),
            namnd: namnder
                .iter()
                .find(|n| n.id == r.namnd_id)
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            phase: r.phase(),
            proposals: facts.submitted_proposals.into(),
            unreviewed: facts.unreviewed_proposals.into(),
            ballots: facts.ballots.into(),
        });
    }
    Ok(rows)
}
