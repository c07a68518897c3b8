//! A round's population baseline on the server: staff import it as CSV (every bad line is
//! reported, nothing is stored) or type the totals of one scope by hand (every bad count is
//! reported at its field, what was typed is kept). Either way the baseline is stored as CSV,
//! the form the import takes and the export gives, and staff are told of groups newly under.

use domain::Code;
use std::collections::BTreeMap;

use chrono::Utc;
use domain::participation::{
    Baseline, BaselineLineError, Group, Scope, baseline_csv, parse_baseline_csv, scope_groups,
    with_scope_typed,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait, TransactionTrait};

use super::access::managed_round;
use super::context::ServerContext;
use super::entity::{population_baseline, round};
use super::participation::{keyed, notify_new_flags};
use crate::error::{AppError, FieldError, FormErrors};
use crate::model::SessionUser;
use crate::model::participation::{count_field, count_key};

/// Refuses a baseline with each line's error as a field error and what was typed in `values`.
fn refusal(
    errors: &[BaselineLineError],
    error: impl Fn(&BaselineLineError) -> FieldError,
    values: Vec<(String, String)>,
) -> AppError {
    let errors = errors.iter().map(error);
    AppError::Invalid(FormErrors {
        errors: errors.collect(),
        values,
    })
    .with_status()
}

/// Stores `csv` as the round's baseline, tells staff of groups newly under and commits.
async fn store(
    ctx: &ServerContext,
    txn: DatabaseTransaction,
    round: &round::Model,
    csv: String,
) -> Result<(), AppError> {
    population_baseline::Entity::insert(population_baseline::ActiveModel {
        round_id: Set(round.id),
        csv: Set(csv),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(population_baseline::Column::RoundId)
            .update_columns([
                population_baseline::Column::Csv,
                population_baseline::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    notify_new_flags(ctx, &txn, round).await?;
    txn.commit().await?;
    Ok(())
}

/// Stores a round's baseline from CSV text; every bad line is reported, nothing is stored.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn save_csv(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    csv: &str,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, user).await?;
    let areas = super::entity::area::all(&txn).await?;
    if let Err(errors) = parse_baseline_csv(csv, &keyed(&areas)) {
        let values = vec![("csv".to_owned(), csv.to_owned())];
        // The page says which line.
        let error = |e: &BaselineLineError| FieldError {
            line: Some(e.line),
            ..FieldError::new("csv", e.code)
        };
        return Err(refusal(&errors, error, values));
    }
    store(ctx, txn, &round, csv.to_owned()).await
}

/// The scope a form names: `all`, or the id of one of `area_ids`.
pub fn parse_scope(text: &str, area_ids: &[i64]) -> Option<Scope> {
    match text.trim() {
        "" | "all" => Some(Scope::All),
        id => id
            .parse()
            .ok()
            .filter(|id| area_ids.contains(id))
            .map(Scope::Area),
    }
}

/// Stores the totals of one scope typed by hand: `count[<dimension>-<value>]` per group of
/// [`scope_groups`] (see `model::participation::count_key`); empty means not known. The other
/// scopes keep their counts — so a stored baseline that no longer reads (an area renamed since)
/// is refused rather than overwritten.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn save_typed(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    scope: &str,
    count: &BTreeMap<String, String>,
) -> Result<Scope, AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, user).await?;
    let known = keyed(&super::entity::area::all(&txn).await?);
    let ids: Vec<i64> = known.iter().map(|&(id, _)| id).collect();
    let scope = parse_scope(scope, &ids)
        .ok_or_else(|| AppError::invalid("scope", Code::ChoiceInvalid, &[]))?;
    let stored = match population_baseline::Entity::find_by_id(round.id)
        .one(&txn)
        .await?
    {
        None => Baseline::default(),
        Some(row) => parse_baseline_csv(&row.csv, &known)
            .map_err(|_| AppError::invalid("", Code::BaselineUnreadable, &[]))?,
    };
    let typed = |group: Group| {
        let text = count.get(&count_key(group));
        text.cloned().unwrap_or_default()
    };
    match with_scope_typed(&stored, scope, &known, typed) {
        Ok(baseline) => {
            store(ctx, txn, &round, baseline_csv(&baseline, &known)).await?;
            Ok(scope)
        }
        Err(errors) => {
            let groups = scope_groups(scope, &ids);
            let values = groups.iter().map(|&g| (count_field(g), typed(g))).collect();
            // Each count's error is next to its field (`line` is the group's position).
            let error =
                |e: &BaselineLineError| FieldError::new(count_field(groups[e.line - 1]), e.code);
            Err(refusal(&errors, error, values))
        }
    }
}
