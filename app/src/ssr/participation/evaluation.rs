//! The evaluation report of a round: who took part against the target group, as a page and a
//! CSV file. Public once voting is over (the report belongs to the archive), with zeros
//! suppressed too; before that for the round's staff and politicians.

use domain::participation::{Baseline, StatsOptions};
use domain::phase_rules::voting_over;
use sea_orm::ConnectionTrait;

use super::figures::statistics;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::participation::ParticipationView;
use crate::ssr::access::visible_round;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::round;
use crate::ssr::{auth, opendata};

/// The round whose evaluation `viewer` may see: everyone once voting is over (the report
/// belongs to the archive), its staff and politicians before.
async fn evaluated_round<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    viewer: Option<&SessionUser>,
) -> Result<round::Model, AppError> {
    let round = visible_round(db, slug, viewer).await?;
    if voting_over(round.phase()) || viewer.is_some_and(|v| v.deliberates(round.namnd_id)) {
        Ok(round)
    } else {
        Err(AppError::NotFound.with_status())
    }
}

/// The evaluation report of a round: who took part against the target group. Public, so
/// zeros are suppressed too (the default options).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn evaluation(
    ctx: &ServerContext,
    viewer: Option<&SessionUser>,
    slug: &str,
    locale: Locale,
) -> Result<ParticipationView, AppError> {
    let db = &ctx.db;
    let round = evaluated_round(db, slug, viewer).await?;
    let figures = statistics(&ctx.db, &ctx.keys, round.id, &StatsOptions::default()).await?;
    Ok(ParticipationView {
        slug: round.slug.clone(),
        title: round.title_in(locale),
        baseline_csv: String::new(),
        areas: figures.areas.into_iter().map(|a| (a.id, a.name)).collect(),
        stats: figures.stats,
        outreach: Vec::new(),
        baseline: Baseline::default(),
        partner: None,
    })
}

/// `GET /rounds/{slug}/participation.csv`: the evaluation report as rows, one per group of
/// each question, area and gender slice, suppressed as on the page.
#[tracing::instrument(skip_all)]
pub async fn evaluation_csv(
    axum::extract::State(ctx): axum::extract::State<ServerContext>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    jar: axum_extra::extract::CookieJar,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let viewer = auth::viewer(&ctx, &jar).await.ok().flatten();
    let report = async {
        let round = evaluated_round(&ctx.db, &slug, viewer.as_ref()).await?;
        let figures = statistics(&ctx.db, &ctx.keys, round.id, &StatsOptions::default()).await?;
        opendata::to_csv(&domain::participation::report_rows(&figures.stats))
    }
    .await;
    match report {
        Ok(text) => opendata::download(
            &format!("{slug}-participation"),
            "csv",
            "text/csv; charset=utf-8",
            text,
        ),
        Err(AppError::NotFound) => axum::http::StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, %slug, "could not write the evaluation report");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
