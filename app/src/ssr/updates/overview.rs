//! The overview of every approved project of every public round with where it stands (its
//! latest update), filtered by nämnd, area, year and status; the choices of the filters come
//! with it.

use chrono::Datelike;
use domain::Phase;
use domain::followup::{DecisionOutcome, ImplementationStatus};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::Choice;
use crate::model::followup::{ProjectFilter, ProjectOverview, ProjectRow};
use crate::ssr::entity::{area, decision, implementation_update, namnd, proposal, round};

/// Every approved project of every public round with its latest update, filtered.
#[tracing::instrument(skip_all)]
pub async fn overview(
    db: &DatabaseConnection,
    locale: Locale,
    filter: &ProjectFilter,
) -> Result<ProjectOverview, AppError> {
    let rounds = round::Entity::find()
        .filter(round::Column::Phase.ne(Phase::Draft.as_str()))
        .all(db)
        .await?;
    let namnder = namnd::Entity::find()
        .order_by_asc(namnd::Column::Name)
        .all(db)
        .await?;
    let areas = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await?;
    let (projects, updates) = approved_projects(db).await?;
    let mut rows: Vec<ProjectRow> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for p in &projects {
        let Some(r) = rounds.iter().find(|r| r.id == p.round_id) else {
            continue;
        };
        let latest = updates.iter().rev().find(|u| u.proposal_id == p.id);
        let row = project_row(locale, p, r, &namnder, &areas, latest);
        years.push(row.year);
        if kept(filter, &row, r.namnd_id, p.area_id) {
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| b.year.cmp(&a.year).then(a.title.cmp(&b.title)));
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(ProjectOverview {
        projects: rows,
        namnder: choices(namnder.into_iter().map(|n| (n.id, n.name))),
        areas: choices(areas.into_iter().map(|a| (a.id, a.name))),
        years,
    })
}

/// The approved projects, and their updates oldest first.
async fn approved_projects<C: ConnectionTrait>(
    db: &C,
) -> Result<(Vec<proposal::Model>, Vec<implementation_update::Model>), AppError> {
    let approved = decision::Entity::find()
        .filter(decision::Column::Outcome.eq(DecisionOutcome::Approved.as_str()))
        .all(db)
        .await?;
    let ids: Vec<i64> = approved.iter().map(|d| d.proposal_id).collect();
    let projects = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    let updates = implementation_update::Entity::find()
        .filter(implementation_update::Column::ProposalId.is_in(ids))
        .order_by_asc(implementation_update::Column::UpdateDate)
        .order_by_asc(implementation_update::Column::Id)
        .all(db)
        .await?;
    Ok((projects, updates))
}

/// One project of round `r` as a row: planned at 0 % until its first update.
fn project_row(
    locale: Locale,
    p: &proposal::Model,
    r: &round::Model,
    namnder: &[namnd::Model],
    areas: &[area::Model],
    latest: Option<&implementation_update::Model>,
) -> ProjectRow {
    ProjectRow {
        id: p.id,
        title: p.title.clone(),
        round_slug: r.slug.clone(),
        round_title: r.title_in(locale),
        namnd: namnder
            .iter()
            .find(|n| n.id == r.namnd_id)
            .map(|n| n.name.clone())
            .unwrap_or_default(),
        area: area::name_of(areas, p.area_id),
        year: r.created_at.year(),
        status: latest.map_or(
            ImplementationStatus::Planned,
            implementation_update::Model::status,
        ),
        percent: latest.map_or(0, |u| u.percent.clamp(0, 100) as u8),
        updated: latest.map(|u| u.update_date.to_string()),
    }
}

/// Whether a row passes the filter (an empty filter field passes everything).
fn kept(filter: &ProjectFilter, row: &ProjectRow, namnd_id: i64, area_id: Option<i64>) -> bool {
    (filter.namnd.is_empty() || filter.namnd == namnd_id.to_string())
        && (filter.area.is_empty()
            || Some(filter.area.as_str()) == area_id.map(|a| a.to_string()).as_deref())
        && (filter.year.is_empty() || filter.year == row.year.to_string())
        && (filter.status.is_empty() || filter.status == row.status.as_str())
}

fn choices(pairs: impl Iterator<Item = (i64, String)>) -> Vec<Choice> {
    pairs
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
        })
        .collect()
}
