//! Staff creating and configuring a round: the editor and its save.

use super::super::access::managed_round;
use super::super::audit;
use super::super::entity::round::RoundSettings;
use super::super::entity::{account, namnd, round, round_phase_change};
use crate::error::AppError;
use crate::model::Choice;
use crate::model::Role;
use crate::model::SessionUser;
use crate::model::round::{PhaseChangeView, RoundEditor};
use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::round::{AreaBudgetInput, RoundForm};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde::Serialize;

/// What the round form shows: the stored round as text, or the defaults for a new one.
#[tracing::instrument(skip_all, fields(slug = ?slug))]
pub async fn editor(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: Option<&str>,
) -> Result<RoundEditor, AppError> {
    let namnder = namnd::Entity::find()
        .order_by_asc(namnd::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|n| user.manages(n.id))
        .map(|n| Choice {
            value: n.id.to_string(),
            label: n.name,
        })
        .collect::<Vec<_>>();
    if namnder.is_empty() {
        return Err(AppError::Forbidden.with_status());
    }
    let areas = super::super::entity::area::choices(db).await?;
    let Some(slug) = slug else {
        let posted = form_of(None, &RoundSettings::default());
        return Ok(RoundEditor {
            namnder,
            areas,
            form: posted.form,
            ballot_settings_open: true,
            ..Default::default()
        });
    };
    let round = managed_round(db, slug, user).await?;
    let phase = round.phase();
    let log = phase_log(db, round.id).await?;
    let posted = form_of(Some(&round), &round.settings());
    Ok(RoundEditor {
        slug: Some(round.slug.clone()),
        title: round.title_sv.clone(),
        phase: Some(phase),
        form: posted.form,
        namnd_id: posted.namnd_id,
        area_budget: posted.area_budget,
        namnder,
        areas,
        moves: Phase::ALL
            .into_iter()
            .filter(|to| phase.can_move_to(*to))
            .collect(),
        log,
        ballot_settings_open: !phase.locks_ballot_settings(),
    })
}

async fn phase_log(
    db: &DatabaseConnection,
    round_id: i64,
) -> Result<Vec<PhaseChangeView>, AppError> {
    let changes = round_phase_change::Entity::find()
        .filter(round_phase_change::Column::RoundId.eq(round_id))
        .order_by_desc(round_phase_change::Column::Id)
        .all(db)
        .await?;
    let mut log = Vec::with_capacity(changes.len());
    for change in changes {
        let by = match change.account_id {
            Some(id) => account::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|a| a.email),
            None => None,
        };
        let (Ok(from), Ok(to)) = (change.from_phase.parse(), change.to_phase.parse()) else {
            continue;
        };
        log.push(PhaseChangeView {
            from,
            to,
            by,
            at: change.at.format("%Y-%m-%d %H:%M").to_string(),
        });
    }
    Ok(log)
}

/// A round form as posted: the settings, and (outside the settings) the nämnd an
/// administrator chose and the amounts per area id.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PostedRound {
    #[serde(flatten)]
    pub form: RoundForm,
    pub namnd_id: String,
    pub area_budget: std::collections::BTreeMap<String, String>,
}

/// The stored round as the form's text.
fn form_of(round: Option<&round::Model>, settings: &RoundSettings) -> PostedRound {
    let text = |v: Option<String>| v.unwrap_or_default();
    let number = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let age = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_default();
    let date = |d: Option<domain::round::Date>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let form = RoundForm {
        title_sv: round.map(|r| r.title_sv.clone()).unwrap_or_default(),
        title_en: text(round.and_then(|r| r.title_en.clone())),
        summary_sv: round.map(|r| r.summary_sv.clone()).unwrap_or_default(),
        summary_en: text(round.and_then(|r| r.summary_en.clone())),
        easy_read_sv: text(settings.easy_read_sv.clone()),
        budget_total: round
            .filter(|r| r.budget_total > 0)
            .map(|r| r.budget_total.to_string())
            .unwrap_or_default(),
        min_age: age(settings.min_age),
        max_age: age(settings.max_age),
        residence: settings.residence.as_str().to_owned(),
        verification: settings.verification.as_str().to_owned(),
        ballot_format: settings.ballot_format.as_str().to_owned(),
        max_choices: number(settings.max_choices),
        points_total: number(settings.points_total),
        points_max_per_project: number(settings.points_max_per_project),
        rule: settings.rule.as_str().to_owned(),
        tie_break: settings.tie_break.as_str().to_owned(),
        criteria: settings.criteria.join("\n"),
        information_date: date(settings.dates.information),
        proposals_date: date(settings.dates.proposals),
        review_date: date(settings.dates.review),
        voting_date: date(settings.dates.voting),
        voting_end_date: date(settings.dates.voting_end),
    };
    PostedRound {
        form,
        namnd_id: round.map(|r| r.namnd_id.to_string()).unwrap_or_default(),
        area_budget: settings
            .area_budgets
            .iter()
            .map(|(id, amount)| (id.to_string(), amount.to_string()))
            .collect(),
    }
}

/// Creates a round (`slug` = `None`) or saves an existing one; returns its slug. Once ballots
/// may exist, the allocation, ballot format and rule are kept as they were.
#[tracing::instrument(skip_all, fields(slug = ?slug))]
pub async fn save(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: Option<&str>,
    posted: PostedRound,
) -> Result<String, AppError> {
    let txn = db.begin().await?;
    // Authorize before looking at the input: a wrong role gets 403 whatever it posted.
    let stored = match slug {
        Some(slug) => Some(managed_round(&txn, slug, user).await?),
        None if matches!(user.role, Role::Staff | Role::Admin) => None,
        None => return Err(AppError::Forbidden.with_status()),
    };
    // Disabled fields are not posted: a round whose ballot settings are locked keeps them.
    let mut posted = posted;
    if let Some(stored) = &stored
        && stored.phase().locks_ballot_settings()
    {
        let kept = form_of(Some(stored), &stored.settings());
        posted.area_budget = kept.area_budget;
        let form = &mut posted.form;
        form.budget_total = kept.form.budget_total;
        form.ballot_format = kept.form.ballot_format;
        form.max_choices = kept.form.max_choices;
        form.points_total = kept.form.points_total;
        form.points_max_per_project = kept.form.points_max_per_project;
        form.rule = kept.form.rule;
        form.tie_break = kept.form.tie_break;
    }
    let area_inputs: Vec<AreaBudgetInput> = posted
        .area_budget
        .iter()
        .filter_map(|(id, amount)| {
            Some(AreaBudgetInput {
                area_id: id.parse().ok()?,
                amount: amount.clone(),
            })
        })
        .collect();
    let config = domain::round::parse_round(&posted.form, &area_inputs)
        .map_err(|issues| AppError::from_issues(&issues, &posted))?;
    let settings = RoundSettings::from_config(&config);
    let now = Utc::now();
    let slug = match stored {
        Some(round) => {
            let slug = round.slug.clone();
            let mut row: round::ActiveModel = round.into();
            row.title_sv = Set(config.title_sv.clone());
            row.title_en = Set(config.title_en.clone());
            row.summary_sv = Set(config.summary_sv.clone());
            row.summary_en = Set(config.summary_en.clone());
            row.budget_total = Set(config.budget_total);
            row.config = Set(to_json(&settings)?);
            row.update(&txn).await?;
            audit::record(
                &txn,
                Some(user.id),
                None,
                "round.save",
                format!("round:{slug}"),
                String::new(),
            )
            .await?;
            slug
        }
        None => {
            let namnd_id = chosen_namnd(user, &posted)?;
            let slug = free_slug(&txn, &config.title_sv).await?;
            let row = round::ActiveModel {
                slug: Set(slug.clone()),
                namnd_id: Set(namnd_id),
                title_sv: Set(config.title_sv.clone()),
                title_en: Set(config.title_en.clone()),
                summary_sv: Set(config.summary_sv.clone()),
                summary_en: Set(config.summary_en.clone()),
                phase: Set(Phase::Draft.as_str().to_owned()),
                created_at: Set(now),
                config: Set(to_json(&settings)?),
                budget_total: Set(config.budget_total),
                ..Default::default()
            };
            let id = round::Entity::insert(row).exec(&txn).await?.last_insert_id;
            audit::record(
                &txn,
                Some(user.id),
                Some(id),
                "round.create",
                format!("round:{slug}"),
                String::new(),
            )
            .await?;
            slug
        }
    };
    txn.commit().await?;
    Ok(slug)
}

/// The nämnd a new round belongs to: staff's own, or the one an administrator chose.
fn chosen_namnd(user: &SessionUser, posted: &PostedRound) -> Result<i64, AppError> {
    if user.role == Role::Staff {
        return user
            .namnd_id
            .ok_or_else(|| AppError::Forbidden.with_status());
    }
    match posted.namnd_id.trim().parse::<i64>() {
        Ok(id) if user.manages(id) => Ok(id),
        _ => Err(AppError::from_issues(
            &[domain::FieldIssue {
                field: "namnd_id",
                code: Code::ChoiceInvalid,
            }],
            posted,
        )),
    }
}

fn to_json(settings: &RoundSettings) -> Result<String, AppError> {
    serde_json::to_string(settings).map_err(|err| {
        tracing::error!(error = %err, "could not serialise round settings");
        AppError::Internal
    })
}

/// A slug from the title that no round has yet (`title`, `title-2`, …).
async fn free_slug<C: ConnectionTrait>(db: &C, title: &str) -> Result<String, AppError> {
    let mut base = slug::slugify(title);
    base.truncate(60);
    let base = if base.is_empty() {
        "omgang".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    for n in 2.. {
        let taken = round::Entity::find()
            .filter(round::Column::Slug.eq(&candidate))
            .count(db)
            .await?
            > 0;
        if !taken {
            break;
        }
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}
