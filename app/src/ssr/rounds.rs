//! Reading rounds for the public pages.

use domain::Phase;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{namnd, round};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::RoundSummary;

/// Every round past its draft, newest first, with texts in `locale` where they exist
/// (Swedish otherwise, since Swedish is required).
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
            // A phase the domain does not know is bad data: log it and leave the round out.
            let phase = r
                .phase
                .parse::<Phase>()
                .inspect_err(|_| tracing::error!(round = r.id, phase = %r.phase, "unknown phase"))
                .ok()?;
            let namnd = namnder
                .iter()
                .find(|n| n.id == r.namnd_id)
                .map(|n| n.name.clone());
            let (title, summary) = match locale {
                Locale::en => (
                    r.title_en.unwrap_or(r.title_sv),
                    r.summary_en.unwrap_or(r.summary_sv),
                ),
                Locale::sv => (r.title_sv, r.summary_sv),
            };
            Some(RoundSummary {
                slug: r.slug,
                title,
                summary,
                namnd: namnd.unwrap_or_default(),
                phase,
            })
        })
        .collect())
}
