//! Open data: a round's proposals with their review, the residents' result (once published),
//! the politicians' decision and the implementation status, as CSV and JSON, public like the
//! pages they come from. (The anonymised ballots are `results::download`, in Pabulib format.)

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Phase;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::context::ServerContext;
use super::entity::{area, decision, implementation_update, proposal, round};
use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::result::ProjectResult;

/// One proposal, flat, as a CSV row and a JSON object.
#[derive(Debug, Serialize)]
pub struct OpenRow {
    pub id: i64,
    pub title: String,
    pub area: Option<String>,
    pub status: &'static str,
    pub proposed_cost: i64,
    pub staff_cost: Option<i64>,
    pub review_reason: Option<String>,
    pub votes: Option<u64>,
    pub funded: Option<bool>,
    pub decision: Option<String>,
    pub decision_motivation: Option<String>,
    pub protocol_section: Option<String>,
    pub meeting_date: Option<String>,
    pub implementation_status: Option<String>,
    pub implementation_percent: Option<i32>,
    pub implementation_updated: Option<String>,
}

/// The rows of a public round, or `None` when there is no such public round.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn rows<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> Result<Option<Vec<OpenRow>>, AppError> {
    let Some(round) = round::Entity::find()
        .filter(round::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if round.phase() == Phase::Draft {
        return Ok(None);
    }
    let areas = area::Entity::find().all(db).await?;
    let counted = super::results::counted_projects(db, round.id, false)
        .await?
        .unwrap_or_default();
    let decisions = decision::Entity::find()
        .filter(decision::Column::RoundId.eq(round.id))
        .all(db)
        .await?;
    let updates = implementation_update::Entity::find()
        .filter(implementation_update::Column::RoundId.eq(round.id))
        .order_by_asc(implementation_update::Column::UpdateDate)
        .order_by_asc(implementation_update::Column::Id)
        .all(db)
        .await?;
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    Ok(Some(
        proposals
            .into_iter()
            .filter(|p| p.status().is_public() && p.status() != ProposalStatus::Draft)
            .map(|p| open_row(p, &areas, &counted, &decisions, &updates))
            .collect(),
    ))
}

/// One public proposal with its count, decision and latest implementation update.
fn open_row(
    p: proposal::Model,
    areas: &[area::Model],
    counted: &[ProjectResult],
    decisions: &[decision::Model],
    updates: &[implementation_update::Model],
) -> OpenRow {
    let result = counted.iter().find(|c| c.id == p.id);
    let d = decisions.iter().find(|d| d.proposal_id == p.id);
    let latest = updates.iter().rev().find(|u| u.proposal_id == p.id);
    OpenRow {
        id: p.id,
        area: area::name_of(areas, p.area_id),
        status: p.status().as_str(),
        proposed_cost: p.cost,
        staff_cost: p.staff_cost,
        review_reason: p.public_reason.clone(),
        votes: result.map(|c| c.votes),
        funded: result.map(|c| c.funded),
        decision: d.map(|d| d.outcome.clone()),
        decision_motivation: d.and_then(|d| d.motivation.clone()),
        protocol_section: d.map(|d| d.protocol_section.clone()),
        meeting_date: d.map(|d| d.meeting_date.to_string()),
        implementation_status: latest.map(|u| u.status.clone()),
        implementation_percent: latest.map(|u| u.percent),
        implementation_updated: latest.map(|u| u.update_date.to_string()),
        title: p.title,
    }
}

/// Rows as CSV (comma-separated, UTF-8, a header row), every cell neutralised against
/// spreadsheet formulas (`domain::spreadsheet`): the rows are written, read back as plain
/// records and written again cell by cell, so no column can be forgotten.
pub fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, AppError> {
    let failed = |err: csv::Error| {
        tracing::error!(error = %err, "could not write CSV");
        AppError::Internal
    };
    let mut plain = csv::Writer::from_writer(Vec::new());
    for row in rows {
        plain.serialize(row).map_err(failed)?;
    }
    let plain = plain
        .into_inner()
        .map_err(|err| failed(err.into_error().into()))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(plain.as_slice());
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in reader.records() {
        let record = record.map_err(failed)?;
        writer
            .write_record(
                record
                    .iter()
                    .map(domain::spreadsheet::neutralise_cell)
                    .map(|c| c.into_owned()),
            )
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| failed(err.into_error().into()))?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// A file to download, named `{slug}.{extension}`.
pub fn download(slug: &str, extension: &str, content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{slug}.{extension}\""))
                    .unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /rounds/{slug}/open-data.csv`.
#[tracing::instrument(skip_all)]
pub async fn serve_csv(State(ctx): State<ServerContext>, Path(slug): Path<String>) -> Response {
    serve(&ctx, &slug, "csv").await
}

/// `GET /rounds/{slug}/open-data.json`.
#[tracing::instrument(skip_all)]
pub async fn serve_json(State(ctx): State<ServerContext>, Path(slug): Path<String>) -> Response {
    serve(&ctx, &slug, "json").await
}

async fn serve(ctx: &ServerContext, slug: &str, format: &str) -> Response {
    let rows = match rows(&ctx.db, slug).await {
        Ok(Some(rows)) => rows,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, %slug, "could not load open data");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let text = if format == "csv" {
        to_csv(&rows)
    } else {
        serde_json::to_string_pretty(&rows).map_err(|_| AppError::Internal)
    };
    match text {
        Ok(text) if format == "csv" => download(slug, "csv", "text/csv; charset=utf-8", text),
        Ok(text) => download(slug, "json", "application/json", text),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        title: &'static str,
        votes: Option<i64>,
    }

    #[test]
    fn a_formula_in_any_cell_is_written_as_text() {
        let rows = [
            Row {
                title: "=HYPERLINK(\"http://x\";\"Klicka\")",
                votes: Some(-3),
            },
            Row {
                title: "Belysning, \"ny\"",
                votes: None,
            },
        ];
        let csv = to_csv(&rows).unwrap();
        assert_eq!(
            csv,
            "title,votes\n\"'=HYPERLINK(\"\"http://x\"\";\"\"Klicka\"\")\",-3\n\"Belysning, \"\"ny\"\"\",\n"
        );
    }
}
