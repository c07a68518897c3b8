//! Staff creating and configuring a round: the editor and its save.

use super::super::access::managed_round;
use super::super::audit;
use super::super::entity::{account, namnd, round, round_phase_change};
use crate::error::AppError;
use crate::model::Choice;
use crate::model::Role;
use crate::model::SessionUser;
use crate::model::round::{PhaseChangeView, RoundEditor};
use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::round::{
    AreaBudgetInput, RoundConfig, RoundForm, RoundSettings, VotingEndMoved, check_voting_lock,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde::Serialize;
use std::collections::BTreeMap;

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
        let posted = new_form();
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
    let posted = form_of(&round);
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
        roll: Some(crate::ssr::electoral_roll::roll_view(db, &round).await?),
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
    pub area_budget: BTreeMap<String, String>,
}

/// The stored round as the form's text.
fn form_of(round: &round::Model) -> PostedRound {
    let config = round.config();
    PostedRound {
        form: config.to_form(),
        namnd_id: round.namnd_id.to_string(),
        area_budget: area_budget_texts(&config.settings),
    }
}

/// A new round's form: the default settings, no texts, no budget.
fn new_form() -> PostedRound {
    PostedRound {
        form: RoundSettings::default().to_form(),
        ..PostedRound::default()
    }
}

/// The amounts per area as the form's `area_budget[<area id>]` fields.
fn area_budget_texts(settings: &RoundSettings) -> BTreeMap<String, String> {
    settings
        .area_budgets
        .iter()
        .map(|(id, amount)| (id.to_string(), amount.to_string()))
        .collect()
}

/// Creates a round (`slug` = `None`) or saves an existing one; returns its slug. Once ballots
/// may exist, the allocation, ballot format and rule are kept as they were; what decides who
/// may vote is refused at its field if changed (`domain::round::check_voting_lock`), and a
/// moved last day of voting is audited.
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
    let posted = match &stored {
        Some(stored) => with_locked_kept(posted, stored),
        None => posted,
    };
    let config = domain::round::parse_round(&posted.form, &area_inputs(&posted))
        .map_err(|issues| AppError::from_issues(&issues, &posted))?;
    let slug = match stored {
        Some(round) => {
            let moved = check_voting_lock(round.phase(), &round.settings(), &config.settings)
                .map_err(|issues| AppError::from_issues(&issues, &posted))?;
            if let Some(moved) = moved {
                audit_voting_end(&txn, user, &round, moved).await?;
            }
            update(&txn, user, round, &config).await?
        }
        None => create(&txn, user, &posted, &config).await?,
    };
    txn.commit().await?;
    Ok(slug)
}

/// Records that the last day of voting moved while voting ran, old → new.
async fn audit_voting_end<C: ConnectionTrait>(
    txn: &C,
    user: &SessionUser,
    round: &round::Model,
    moved: VotingEndMoved,
) -> Result<(), AppError> {
    let day = |d: Option<domain::round::Date>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
    audit::record(
        txn,
        Some(user.id),
        Some(round.id),
        "round.voting_end",
        format!("round:{}", round.slug),
        format!("{} -> {}", day(moved.from), day(moved.to)),
    )
    .await
}

/// Disabled fields are not posted: a round whose ballot settings are locked keeps them.
fn with_locked_kept(mut posted: PostedRound, stored: &round::Model) -> PostedRound {
    if !stored.phase().locks_ballot_settings() {
        return posted;
    }
    let kept = form_of(stored);
    posted.area_budget = kept.area_budget;
    let form = &mut posted.form;
    form.budget_total = kept.form.budget_total;
    form.ballot_format = kept.form.ballot_format;
    form.max_choices = kept.form.max_choices;
    form.points_total = kept.form.points_total;
    form.points_max_per_project = kept.form.points_max_per_project;
    form.rule = kept.form.rule;
    form.tie_break = kept.form.tie_break;
    posted
}

/// The posted amounts per area (entries whose key is not an area id are ignored).
fn area_inputs(posted: &PostedRound) -> Vec<AreaBudgetInput> {
    posted
        .area_budget
        .iter()
        .filter_map(|(id, amount)| {
            Some(AreaBudgetInput {
                area_id: id.parse().ok()?,
                amount: amount.clone(),
            })
        })
        .collect()
}

async fn update<C: ConnectionTrait>(
    txn: &C,
    user: &SessionUser,
    round: round::Model,
    config: &RoundConfig,
) -> Result<String, AppError> {
    let slug = round.slug.clone();
    let mut row: round::ActiveModel = round.into();
    row.title_sv = Set(config.title_sv.clone());
    row.title_en = Set(config.title_en.clone());
    row.summary_sv = Set(config.summary_sv.clone());
    row.summary_en = Set(config.summary_en.clone());
    row.budget_total = Set(config.budget_total);
    row.config = Set(to_json(&config.settings)?);
    row.update(txn).await?;
    let target = format!("round:{slug}");
    audit::record(
        txn,
        Some(user.id),
        None,
        "round.save",
        target,
        String::new(),
    )
    .await?;
    Ok(slug)
}

async fn create<C: ConnectionTrait>(
    txn: &C,
    user: &SessionUser,
    posted: &PostedRound,
    config: &RoundConfig,
) -> Result<String, AppError> {
    let namnd_id = chosen_namnd(user, posted)?;
    let slug = free_slug(txn, &config.title_sv).await?;
    let row = round::ActiveModel {
        slug: Set(slug.clone()),
        namnd_id: Set(namnd_id),
        title_sv: Set(config.title_sv.clone()),
        title_en: Set(config.title_en.clone()),
        summary_sv: Set(config.summary_sv.clone()),
        summary_en: Set(config.summary_en.clone()),
        phase: Set(Phase::Draft.as_str().to_owned()),
        created_at: Set(Utc::now()),
        config: Set(to_json(&config.settings)?),
        budget_total: Set(config.budget_total),
        ..Default::default()
    };
    let id = round::Entity::insert(row).exec(txn).await?.last_insert_id;
    let target = format!("round:{slug}");
    audit::record(
        txn,
        Some(user.id),
        Some(id),
        "round.create",
        target,
        String::new(),
    )
    .await?;
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
