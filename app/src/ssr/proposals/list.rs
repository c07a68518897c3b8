//! The public list of a round's proposals: filtered by area, status and a text search, paged,
//! each card with its support count. Kept apart from the proposal page because it reads only
//! the columns a card shows, so the sort moves small rows, not descriptions.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};

use super::rules::LISTED;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::Choice;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::proposal::{ProposalCard, ProposalFilter, ProposalPage};
use crate::ssr::access::visible_round;
use crate::ssr::entity::{area, proposal, proposal_support};

/// Proposals per page of the public list.
pub const PAGE_SIZE: u64 = 20;

/// The columns of a proposal that a list card needs.
#[derive(Debug, sea_orm::FromQueryResult)]
struct ListRow {
    id: i64,
    title: String,
    area_id: Option<i64>,
    status: String,
    cost: i64,
    staff_cost: Option<i64>,
    public_reason: Option<String>,
}

/// One page of a round's public proposals, filtered by area, status and a text search.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn list(
    db: &DatabaseConnection,
    slug: &str,
    filter: &ProposalFilter,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<ProposalPage, AppError> {
    let round = visible_round(db, slug, viewer).await?;
    let paginator = card_columns(filtered(round.id, filter)).paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = Ord::max(counts.number_of_pages, 1);
    let page = filter.page.clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let areas = area::Entity::find().all(db).await?;
    let supports = support_counts(db, rows.iter().map(|r| r.id).collect()).await?;
    let items = rows
        .into_iter()
        .map(|row| card_of(row, &areas, &supports))
        .collect();
    Ok(ProposalPage {
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        items,
        total: counts.number_of_items,
        page,
        pages,
        areas: areas
            .into_iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: a.name,
            })
            .collect(),
    })
}

/// The round's listed proposals that pass the filter: one listed status (or all of them), one
/// area, and the search text in the title or description.
fn filtered(round_id: i64, filter: &ProposalFilter) -> Select<proposal::Entity> {
    let statuses: Vec<&str> = match ProposalStatus::parse(filter.status.trim()) {
        Some(status) if LISTED.contains(&status) => vec![status.as_str()],
        _ => LISTED.iter().map(|s| s.as_str()).collect(),
    };
    let mut query = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.is_in(statuses));
    if let Ok(area_id) = filter.area.trim().parse::<i64>() {
        query = query.filter(proposal::Column::AreaId.eq(area_id));
    }
    let q = filter.q.trim();
    if !q.is_empty() {
        query = query.filter(search(q));
    }
    query
}

/// Title or description contains `q`, ignoring case; `%`, `_` and `\` match themselves.
fn search(q: &str) -> Condition {
    let escaped = q
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let like = |col: proposal::Column| {
        Expr::expr(Func::lower(Expr::col(col))).like(LikeExpr::new(pattern.clone()).escape('\\'))
    };
    Condition::any()
        .add(like(proposal::Column::Title))
        .add(like(proposal::Column::Description))
}

/// Only the columns a card shows, newest submission first.
fn card_columns(
    query: Select<proposal::Entity>,
) -> sea_orm::Selector<sea_orm::SelectModel<ListRow>> {
    query
        .select_only()
        .columns([
            proposal::Column::Id,
            proposal::Column::Title,
            proposal::Column::AreaId,
            proposal::Column::Status,
            proposal::Column::Cost,
            proposal::Column::StaffCost,
            proposal::Column::PublicReason,
        ])
        .order_by_desc(proposal::Column::SubmittedAt)
        .order_by_desc(proposal::Column::Id)
        .into_model::<ListRow>()
}

fn card_of(row: ListRow, areas: &[area::Model], supports: &[(i64, i64)]) -> ProposalCard {
    ProposalCard {
        id: row.id,
        title: row.title,
        area: area::name_of(areas, row.area_id),
        status: ProposalStatus::parse(&row.status).unwrap_or(ProposalStatus::Submitted),
        cost: row.staff_cost.unwrap_or(row.cost),
        supports: supports
            .iter()
            .find(|(id, _)| *id == row.id)
            .map(|(_, n)| *n)
            .unwrap_or(0),
        reason: row.public_reason,
    }
}

/// (proposal id, supports) of the proposals that have any.
async fn support_counts<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i64>,
) -> Result<Vec<(i64, i64)>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(proposal_support::Entity::find()
        .select_only()
        .column(proposal_support::Column::ProposalId)
        .column_as(proposal_support::Column::Id.count(), "n")
        .filter(proposal_support::Column::ProposalId.is_in(ids))
        .group_by(proposal_support::Column::ProposalId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?)
}
