//! A round's participation figures now: everyone's stored answers against the round's
//! population baseline, computed by `domain::participation::representativeness`. Shared by
//! the dashboard, the evaluation report and the alerts.

use domain::participation::{
    Baseline, Representativeness, StatsOptions, parse_baseline_csv, representativeness,
};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::error::AppError;
use crate::ssr::entity::{area, population_baseline};
use crate::ssr::keys::Keys;

/// How the dashboard counts: small counts hidden, zeros shown (a zero points at nobody, and
/// "nobody from this group has taken part" is what staff most need to see).
pub fn options() -> StatsOptions {
    StatsOptions {
        show_zeros: true,
        ..StatsOptions::default()
    }
}

/// The areas as (id, slug), the keys a baseline file names them by.
pub(crate) fn keyed(areas: &[area::Model]) -> Vec<(i64, String)> {
    areas.iter().map(|a| (a.id, a.slug.clone())).collect()
}

/// A round's figures now, with what they were computed from.
pub(super) struct RoundFigures {
    pub stats: Representativeness,
    /// The baseline as stored, and parsed.
    pub csv: String,
    pub baseline: Baseline,
    pub areas: Vec<area::Model>,
}

/// The statistics of a round now.
pub(super) async fn statistics<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round: i64,
    options: &StatsOptions,
) -> Result<RoundFigures, AppError> {
    let areas = area::all(db).await?;
    let (csv, baseline) = baseline(db, round, &areas).await?;
    let ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let stats = representativeness(
        &super::answer_box::opened_answers(db, keys, round).await?,
        &baseline,
        &ids,
        options,
    );
    Ok(RoundFigures {
        stats,
        csv,
        baseline,
        areas,
    })
}

/// The round's baseline as stored and parsed (empty when none was imported or it no longer
/// parses).
async fn baseline<C: ConnectionTrait>(
    db: &C,
    round: i64,
    areas: &[area::Model],
) -> Result<(String, Baseline), AppError> {
    let Some(stored) = population_baseline::Entity::find_by_id(round)
        .one(db)
        .await?
    else {
        return Ok((String::new(), Baseline::default()));
    };
    let parsed = parse_baseline_csv(&stored.csv, &keyed(areas)).unwrap_or_else(|errors| {
        tracing::error!(
            round,
            errors = errors.len(),
            "stored baseline no longer parses"
        );
        Baseline::default()
    });
    Ok((stored.csv, parsed))
}
