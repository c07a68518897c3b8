//! Rounds on the server: reading them for the public pages, staff creating and configuring
//! them, and moving them through their phases, by staff or when a date is reached. The rules
//! (what a valid configuration is, which move is allowed) are `domain::round`'s; this module
//! loads, authorizes and stores.

use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::round::{AreaBudgetInput, PhaseDates, PhaseFacts, RoundForm};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde::Serialize;

use super::access::{managed_round, visible_round};
use super::audit;
use super::context::ServerContext;
use super::entity::round::RoundSettings;
use super::entity::{account, area, namnd, proposal, round, round_phase_change};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::Choice;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::round::{
    AreaBudget, OwnProposal, PhaseChangeView, RoundEditor, RoundView, StaffRoundRow, TimelineEntry,
};
use crate::model::{Role, RoundSummary};

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
        easy_read: settings.easy_read_sv.clone(),
        phase: round.phase(),
        budget_total: round.budget_total,
        area_budgets,
        min_age: settings.min_age,
        max_age: settings.max_age,
        residence: settings.residence,
        verification: settings.verification,
        ballot_format: settings.ballot_format,
        max_choices: settings.max_choices,
        points_total: settings.points_total,
        rule: settings.rule,
        tie_break: settings.tie_break,
        criteria: settings.criteria.clone(),
        timeline: timeline(&settings.dates),
        managed_by_viewer: viewer.is_some_and(|v| v.manages(round.namnd_id)),
        deliberated_by_viewer: viewer.is_some_and(|v| v.deliberates(round.namnd_id)),
        own_proposals,
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
    let areas = super::entity::area::choices(db).await?;
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

/// The facts about a round's proposals and ballots that decide whether a phase move is allowed.
#[tracing::instrument(skip_all, fields(round_id))]
pub async fn phase_facts<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
) -> Result<PhaseFacts, AppError> {
    let count = |statuses: &[ProposalStatus]| {
        proposal::Entity::find()
            .filter(proposal::Column::RoundId.eq(round_id))
            .filter(proposal::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
            .count(db)
    };
    let submitted = count(&[
        ProposalStatus::Submitted,
        ProposalStatus::Feasible,
        ProposalStatus::NotFeasible,
        ProposalStatus::Merged,
    ])
    .await?;
    let unreviewed = count(&[ProposalStatus::Submitted]).await?;
    let feasible = count(&[ProposalStatus::Feasible]).await?;
    Ok(PhaseFacts {
        submitted_proposals: submitted as u32,
        unreviewed_proposals: unreviewed as u32,
        feasible_projects: feasible as u32,
        ballots: super::voting::ballot_count(db, round_id).await? as u32,
    })
}

/// Moves a round to `to` on behalf of `user`, if the domain allows it now; logs the move.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn move_phase(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    to: Phase,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, user).await?;
    let from = round.phase();
    let facts = phase_facts(&txn, round.id).await?;
    domain::round::check_phase_move(from, to, &facts)
        .map_err(|err| AppError::invalid("to", err.code(), &[("to", to.as_str())]))?;
    apply_move(ctx, &txn, &round, from, to, Some(user.id)).await?;
    txn.commit().await?;
    tracing::info!(round = %slug, %from, %to, account = user.id, "phase moved by staff");
    Ok(())
}

/// Writes a move from `from` to `to`, only if the round is still in `from` (two moves at once
/// cannot both apply), and logs it.
async fn apply_move<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    from: Phase,
    to: Phase,
    by: Option<i64>,
) -> Result<(), AppError> {
    let updated = round::Entity::update_many()
        .col_expr(round::Column::Phase, Expr::value(to.as_str()))
        .filter(round::Column::Id.eq(round.id))
        .filter(round::Column::Phase.eq(from.as_str()))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::invalid("to", Code::PhaseChangedMeanwhile, &[]));
    }
    let change = round_phase_change::ActiveModel {
        round_id: Set(round.id),
        from_phase: Set(from.as_str().to_owned()),
        to_phase: Set(to.as_str().to_owned()),
        account_id: Set(by),
        at: Set(Utc::now()),
        ..Default::default()
    };
    round_phase_change::Entity::insert(change)
        .exec_without_returning(db)
        .await?;
    // Voting has closed: count now, in the same transaction as the move.
    if from == Phase::Voting && to == Phase::Deliberation {
        super::results::compute(db, round).await?;
    }
    if to == Phase::Voting {
        voting_opened(ctx, db, round).await?;
    }
    Ok(())
}

/// Moves every published round whose next phase's date has come (as far as the rules allow).
/// Returns how many rounds moved.
#[tracing::instrument(skip_all)]
pub async fn advance_by_date(
    ctx: &ServerContext,
    today: domain::round::Date,
) -> Result<usize, AppError> {
    let db = &ctx.db;
    let rounds = round::Entity::find()
        .filter(round::Column::Phase.ne(Phase::Draft.as_str()))
        .filter(round::Column::Phase.ne(Phase::Closed.as_str()))
        .all(db)
        .await?;
    let mut moved = 0;
    for round in rounds {
        let from = round.phase();
        let facts = phase_facts(db, round.id).await?;
        let Some(to) = domain::round::due_phase(from, &round.settings().dates, today, &facts)
        else {
            continue;
        };
        let txn = db.begin().await?;
        let mut at = from;
        while at < to {
            let Some(next) = at.next() else { break };
            apply_move(ctx, &txn, &round, at, next, None).await?;
            at = next;
        }
        txn.commit().await?;
        tracing::info!(round = %round.slug, %from, %to, "phase moved by date");
        moved += 1;
    }
    Ok(moved)
}

/// Voting has opened: the round's proposers and subscribers are told, in their language.
async fn voting_opened<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
) -> Result<(), AppError> {
    let mut people = super::notify::Recipients::default();
    people.add_proposers(db, round.id).await?;
    people.add_subscribers(db, round.id).await?;
    super::notify::send(
        ctx,
        db,
        round,
        domain::followup::Scope::Round(round.id),
        &format!("voting-open:{}", round.id),
        people,
        |locale| {
            let title = round.title_in(locale);
            super::mail::Message {
                subject: td_string!(locale, mail.voting_open_subject, round = title.clone())
                    .to_string(),
                before: vec![td_string!(locale, mail.voting_open_body, round = title).to_string()],
                link: Some((
                    td_string!(locale, mail.voting_open_link).to_string(),
                    format!(
                        "{}{}",
                        ctx.settings.public_url,
                        crate::locale::href(locale, &crate::paths::vote(&round.slug))
                    ),
                )),
            }
        },
    )
    .await?;
    Ok(())
}
