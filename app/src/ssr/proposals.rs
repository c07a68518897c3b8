//! Proposals on the server: the public list with filters and search, the proposal page,
//! residents writing, submitting and withdrawing their own proposals during the proposal
//! phase, supports and comments, and staff hiding comments. Input rules are
//! `domain::round::parse_proposal`'s and `parse_comment`'s.

use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::round::{ProposalForm, ProposalInput, ProposalRules};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use super::access::{visible_round, with_round};
use super::context::ServerContext;
use super::entity::{area, comment, proposal, proposal_image, proposal_support, round};
use super::{audit, mail, outbox};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::Choice;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::proposal::{
    CommentView, ProposalCard, ProposalDetail, ProposalEditor, ProposalFilter, ProposalPage,
};

/// Proposals per page of the public list.
pub const PAGE_SIZE: u64 = 20;

/// The statuses the public list shows.
const LISTED: [ProposalStatus; 4] = [
    ProposalStatus::Submitted,
    ProposalStatus::Feasible,
    ProposalStatus::NotFeasible,
    ProposalStatus::Merged,
];

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
    let statuses: Vec<&str> = match ProposalStatus::parse(filter.status.trim()) {
        Some(status) if LISTED.contains(&status) => vec![status.as_str()],
        _ => LISTED.iter().map(|s| s.as_str()).collect(),
    };
    let mut query = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::Status.is_in(statuses));
    if let Ok(area_id) = filter.area.trim().parse::<i64>() {
        query = query.filter(proposal::Column::AreaId.eq(area_id));
    }
    let q = filter.q.trim();
    if !q.is_empty() {
        let escaped = q
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        let like = |col: proposal::Column| {
            Expr::expr(Func::lower(Expr::col(col)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(proposal::Column::Title))
                .add(like(proposal::Column::Description)),
        );
    }
    // Only the columns a card shows: the sort then moves small rows, not descriptions.
    let paginator = query
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
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let page = filter.page.clamp(1, Ord::max(counts.number_of_pages, 1));
    let rows = paginator.fetch_page(page - 1).await?;
    let areas = area::Entity::find().all(db).await?;
    let supports = support_counts(db, rows.iter().map(|r| r.id).collect()).await?;
    let items = rows
        .into_iter()
        .map(|row| ProposalCard {
            id: row.id,
            title: row.title.clone(),
            area: super::entity::area::name_of(&areas, row.area_id),
            status: ProposalStatus::parse(&row.status).unwrap_or(ProposalStatus::Submitted),
            cost: row.staff_cost.unwrap_or(row.cost),
            supports: supports
                .iter()
                .find(|(id, _)| *id == row.id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            reason: row.public_reason,
        })
        .collect();
    Ok(ProposalPage {
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        items,
        total: counts.number_of_items,
        page,
        pages: Ord::max(counts.number_of_pages, 1),
        areas: areas
            .into_iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: a.name,
            })
            .collect(),
    })
}

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

/// Records that `account` supports `proposal`, once: a second support changes nothing.
#[tracing::instrument(skip_all)]
pub async fn insert_support<C: ConnectionTrait>(
    db: &C,
    proposal: i64,
    account: i64,
    at: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    let support = proposal_support::ActiveModel {
        proposal_id: Set(proposal),
        account_id: Set(account),
        created_at: Set(at),
        ..Default::default()
    };
    proposal_support::Entity::insert(support)
        .on_conflict(
            OnConflict::columns([
                proposal_support::Column::ProposalId,
                proposal_support::Column::AccountId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A proposal with its round, if `viewer` may see it: public ones for everyone, drafts and
/// withdrawn ones for their author and the round's staff.
async fn visible_proposal<C: ConnectionTrait>(
    db: &C,
    id: i64,
    viewer: Option<&SessionUser>,
) -> Result<(proposal::Model, round::Model), AppError> {
    let not_found = || AppError::NotFound.with_status();
    let (row, round) = with_round(db, id).await?.ok_or_else(not_found)?;
    let privileged = viewer.is_some_and(|v| v.id == row.author_id || v.manages(round.namnd_id));
    if privileged || (row.status().is_public() && round.phase() != Phase::Draft) {
        Ok((row, round))
    } else {
        Err(not_found())
    }
}

/// The proposal page.
#[tracing::instrument(skip_all, fields(id))]
pub async fn detail(
    db: &DatabaseConnection,
    id: i64,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<ProposalDetail, AppError> {
    let (row, round) = visible_proposal(db, id, viewer).await?;
    detail_of(db, row, &round, locale, viewer).await
}

/// The page view of a loaded proposal.
#[tracing::instrument(skip_all)]
pub async fn detail_of<C: ConnectionTrait>(
    db: &C,
    row: proposal::Model,
    round: &round::Model,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<ProposalDetail, AppError> {
    let areas = area::Entity::find().all(db).await?;
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.eq(row.id))
        .count(db)
        .await? as i64;
    let supported_by_viewer = match viewer {
        Some(v) => {
            proposal_support::Entity::find()
                .filter(proposal_support::Column::ProposalId.eq(row.id))
                .filter(proposal_support::Column::AccountId.eq(v.id))
                .count(db)
                .await?
                > 0
        }
        None => false,
    };
    let manages = viewer.is_some_and(|v| v.manages(round.namnd_id));
    let comments = comment::Entity::find()
        .filter(comment::Column::ProposalId.eq(row.id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CommentView {
            id: c.id,
            body: (c.hidden_at.is_none() || manages).then_some(c.body),
            hidden_reason: c.hidden_at.and(c.hidden_reason),
            created_at: c.created_at.format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect();
    let merged_from = proposal::Entity::find()
        .filter(proposal::Column::MergedInto.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let has_image = proposal_image::Entity::find_by_id(row.id).count(db).await? > 0;
    let status = row.status();
    let insider = viewer.is_some_and(|v| v.deliberates(round.namnd_id));
    let (_, funded) = super::results::funded_by_vote(db, round.id, row.id, insider).await?;
    let follow_up = super::updates::follow_up(db, &row, round, funded, viewer).await?;
    // The author of a submitted proposal is asked the voluntary questions, once per round.
    let is_author = viewer.is_some_and(|v| v.id == row.author_id);
    let questions = if is_author
        && status != ProposalStatus::Draft
        && !super::participation::answered(db, round.id, row.author_id).await?
    {
        Some(super::entity::area::choices(db).await?)
    } else {
        None
    };
    Ok(ProposalDetail {
        id: row.id,
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        round_open_for_proposals: round.phase() == Phase::Proposals,
        title: row.title,
        description: row.description,
        area: super::entity::area::name_of(&areas, row.area_id),
        place: row.place,
        position: row.latitude.zip(row.longitude),
        cost: row.cost,
        staff_cost: row.staff_cost,
        status,
        reason: row.public_reason,
        has_image,
        supports,
        supported_by_viewer,
        viewer_signed_in: viewer.is_some(),
        viewer_is_author: is_author,
        viewer_manages: manages,
        merged_into: row.merged_into,
        merged_from,
        comments,
        follow_up,
        questions,
    })
}

/// The proposal form: empty for a new proposal in `slug`, or the author's stored proposal.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn editor(
    db: &DatabaseConnection,
    slug: &str,
    id: Option<i64>,
    locale: Locale,
    user: &SessionUser,
) -> Result<ProposalEditor, AppError> {
    let round = visible_round(db, slug, Some(user)).await?;
    let areas = super::entity::area::choices(db).await?;
    let (id, status, has_image, form) = match id {
        None => (None, None, false, ProposalForm::default()),
        Some(id) => {
            let row = own_proposal(db, id, user).await?;
            if row.round_id != round.id {
                return Err(AppError::NotFound.with_status());
            }
            let has_image = proposal_image::Entity::find_by_id(row.id).count(db).await? > 0;
            let form = ProposalForm {
                title: row.title.clone(),
                description: row.description.clone(),
                area_id: row.area_id.map(|a| a.to_string()).unwrap_or_default(),
                place: row.place.clone().unwrap_or_default(),
                latitude: row.latitude.map(|v| v.to_string()).unwrap_or_default(),
                longitude: row.longitude.map(|v| v.to_string()).unwrap_or_default(),
                cost: row.cost.to_string(),
            };
            (Some(row.id), Some(row.status()), has_image, form)
        }
    };
    Ok(ProposalEditor {
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        budget_total: round.budget_total,
        id,
        status,
        has_image,
        form,
        areas,
    })
}

/// The proposal `id`, which must be `user`'s own: 404 if it does not exist, 403 otherwise.
#[tracing::instrument(skip_all, fields(id))]
pub async fn own_proposal<C: ConnectionTrait>(
    db: &C,
    id: i64,
    user: &SessionUser,
) -> Result<proposal::Model, AppError> {
    let row = proposal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if row.author_id == user.id {
        Ok(row)
    } else {
        Err(AppError::Forbidden.with_status())
    }
}

/// An error for the whole form (not one field), keeping what was typed.
fn form_error(code: Code, form: &ProposalForm) -> AppError {
    AppError::from_issues(&[domain::FieldIssue { field: "", code }], form)
}

/// Saves a proposal (new when `id` is `None`) as a draft, or submits it (`submit`); returns
/// its id. Only during the proposal phase, only by its author, never once reviewed.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn save(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    id: Option<i64>,
    form: &ProposalForm,
    submit: bool,
) -> Result<i64, AppError> {
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, Some(user)).await?;
    let existing = match id {
        Some(id) => {
            let row = own_proposal(&txn, id, user).await?;
            if row.round_id != round.id {
                return Err(AppError::NotFound.with_status());
            }
            Some(row)
        }
        None => None,
    };
    if round.phase() != Phase::Proposals {
        return Err(form_error(Code::ProposalsClosed, form));
    }
    let area_ids = area::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let rules = ProposalRules {
        max_cost: round.budget_total,
        area_ids,
    };
    let input = domain::round::parse_proposal(form, &rules)
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    let now = Utc::now();
    let status = if submit {
        ProposalStatus::Submitted
    } else {
        ProposalStatus::Draft
    };
    let id = match existing {
        Some(row) => {
            let id = row.id;
            let current = row.status();
            if !current.is_editable() {
                return Err(form_error(Code::ProposalLocked, form));
            }
            let first_submission = submit && current == ProposalStatus::Draft;
            // A submitted proposal stays submitted when edited.
            let status = if current == ProposalStatus::Submitted {
                current
            } else {
                status
            };
            let mut active: proposal::ActiveModel = row.into();
            fill(&mut active, &input);
            active.status = Set(status.as_str().to_owned());
            if first_submission {
                active.submitted_at = Set(Some(now));
            }
            active.updated_at = Set(now);
            active.update(&txn).await?;
            if first_submission {
                queue_received_mail(ctx, &txn, user, &round, id, &input.title).await?;
            }
            id
        }
        None => {
            let mut active = proposal::ActiveModel {
                round_id: Set(round.id),
                author_id: Set(user.id),
                status: Set(status.as_str().to_owned()),
                submitted_at: Set(submit.then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            fill(&mut active, &input);
            let id = proposal::Entity::insert(active)
                .exec(&txn)
                .await?
                .last_insert_id;
            if submit {
                queue_received_mail(ctx, &txn, user, &round, id, &input.title).await?;
            }
            id
        }
    };
    txn.commit().await?;
    tracing::info!(proposal = id, submit, "proposal saved");
    Ok(id)
}

fn fill(active: &mut proposal::ActiveModel, input: &ProposalInput) {
    active.title = Set(input.title.clone());
    active.description = Set(input.description.clone());
    active.area_id = Set(input.area_id);
    active.place = Set(input.place.clone());
    active.latitude = Set(input.position.map(|p| p.0));
    active.longitude = Set(input.position.map(|p| p.1));
    active.cost = Set(input.cost);
}

async fn queue_received_mail<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    user: &SessionUser,
    round: &round::Model,
    id: i64,
    title: &str,
) -> Result<(), AppError> {
    let (email, locale) = super::entity::account::email_and_locale(db, user.id).await?;
    let round_title = round.title_in(locale);
    let message = mail::notice(
        locale,
        &ctx.settings.municipality,
        mail::Notice {
            subject: td_string!(locale, mail.received_subject, title = title.to_owned())
                .to_string(),
            before: vec![
                td_string!(
                    locale,
                    mail.received_body,
                    title = title.to_owned(),
                    round = round_title
                )
                .to_string(),
                td_string!(locale, mail.received_next).to_string(),
            ],
            link: Some((
                td_string!(locale, mail.proposal_link).to_string(),
                super::mail::proposal_url(ctx, locale, &round.slug, id),
            )),
            after: Vec::new(),
            unsubscribe: Vec::new(),
        },
    );
    outbox::enqueue(
        db,
        &format!("proposal-received:{id}"),
        &email,
        Some(round.id),
        message,
    )
    .await
}

/// Withdraws the author's own proposal during the proposal phase.
#[tracing::instrument(skip_all, fields(id))]
pub async fn withdraw(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i64,
) -> Result<String, AppError> {
    let txn = db.begin().await?;
    let row = own_proposal(&txn, id, user).await?;
    let round = round::Entity::find_by_id(row.round_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    if round.phase() != Phase::Proposals || !row.status().is_editable() {
        return Err(AppError::invalid("", Code::ProposalLocked, &[]));
    }
    let mut active: proposal::ActiveModel = row.into();
    active.status = Set(ProposalStatus::Withdrawn.as_str().to_owned());
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(round.slug)
}

/// Records `user`'s support for a public proposal (once; a second support changes nothing).
#[tracing::instrument(skip_all, fields(id))]
pub async fn support(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i64,
) -> Result<String, AppError> {
    let (row, round) = visible_proposal(db, id, Some(user)).await?;
    if !row.status().is_public() || row.status() == ProposalStatus::Merged {
        return Err(AppError::invalid("", Code::SupportClosed, &[]));
    }
    insert_support(db, row.id, user.id, Utc::now()).await?;
    Ok(round.slug)
}

/// Adds `user`'s comment to a public proposal.
#[tracing::instrument(skip_all, fields(id))]
pub async fn add_comment(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i64,
    body: &str,
) -> Result<String, AppError> {
    let typed = [("body", body)];
    let body = domain::round::parse_comment(body)
        .map_err(|issue| AppError::invalid(issue.field, issue.code, &typed))?;
    let (row, round) = visible_proposal(db, id, Some(user)).await?;
    if !row.status().is_public() {
        return Err(AppError::invalid("body", Code::CommentClosed, &typed));
    }
    let comment = comment::ActiveModel {
        proposal_id: Set(row.id),
        author_id: Set(user.id),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    comment::Entity::insert(comment)
        .exec_without_returning(db)
        .await?;
    Ok(round.slug)
}

/// Hides a comment, with a reason shown in its place; the text stays for the audit log.
/// Returns the proposal's (round slug, id).
#[tracing::instrument(skip_all)]
pub async fn hide_comment(
    db: &DatabaseConnection,
    user: &SessionUser,
    comment_id: i64,
    reason: &str,
) -> Result<(String, i64), AppError> {
    let typed = [("reason", reason)];
    let reason = domain::round::parse_hide_reason(reason)
        .map_err(|issue| AppError::invalid(issue.field, issue.code, &typed))?;
    let txn = db.begin().await?;
    let not_found = || AppError::NotFound.with_status();
    let row = comment::Entity::find_by_id(comment_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let proposal = proposal::Entity::find_by_id(row.proposal_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let round = round::Entity::find_by_id(proposal.round_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    if !user.manages(round.namnd_id) {
        return Err(AppError::Forbidden.with_status());
    }
    let body = row.body.clone();
    let mut active: comment::ActiveModel = row.into();
    active.hidden_at = Set(Some(Utc::now()));
    active.hidden_by = Set(Some(user.id));
    active.hidden_reason = Set(Some(reason.clone()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "comment.hide",
        format!("comment:{comment_id}"),
        format!("reason: {reason}\ntext: {body}"),
    )
    .await?;
    txn.commit().await?;
    Ok((round.slug, proposal.id))
}
