//! Implementation follow-up (DESIGN.md, step 8): staff of the nämnd post dated updates on an
//! approved project (status, percent, text), each shown on the project's public timeline and
//! mailed to everyone concerned (who can opt out per project); and the overview of every
//! project of every round with where it stands. Rules are `domain::followup::parse_update`'s.

use chrono::{Datelike, Utc};
use domain::Code;
use domain::FieldIssue;
use domain::Phase;
use domain::followup::{DecisionOutcome, ImplementationStatus, Scope, UpdateForm, UpdateInput};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use super::access::with_round;
use super::context::ServerContext;
use super::entity::{area, decision, implementation_update, namnd, proposal, round};
use super::mail::Message;
use super::notify::{self, Recipients};
use super::{audit, decisions};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::Choice;
use crate::model::SessionUser;
use crate::model::followup::{FollowUp, ProjectFilter, ProjectOverview, ProjectRow, UpdateView};

fn view_of(row: &implementation_update::Model) -> UpdateView {
    UpdateView {
        id: row.id,
        status: row.status(),
        percent: row.percent.clamp(0, 100) as u8,
        text: row.body.clone(),
        date: row.update_date.to_string(),
        photo: row
            .image
            .is_some()
            .then(|| row.image_alt.clone().unwrap_or_default()),
    }
}

/// Whether updates (and their photos) may be posted on a project of a round in `phase` with
/// `decision`: once the politicians approved it.
pub(crate) fn updatable(phase: Phase, decision: Option<&decision::Model>) -> bool {
    phase >= Phase::Decided
        && decision.is_some_and(|d| d.outcome == DecisionOutcome::Approved.as_str())
}

/// A project's decision and timeline (newest first), for its public page.
#[tracing::instrument(skip_all)]
pub async fn follow_up<C: ConnectionTrait>(
    db: &C,
    project: &proposal::Model,
    round: &round::Model,
    funded: bool,
    viewer: Option<&SessionUser>,
) -> Result<FollowUp, AppError> {
    let stored = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(project.id))
        .one(db)
        .await?;
    let updates = implementation_update::Entity::find()
        .filter(implementation_update::Column::ProposalId.eq(project.id))
        .order_by_desc(implementation_update::Column::UpdateDate)
        .order_by_desc(implementation_update::Column::Id)
        .all(db)
        .await?;
    Ok(FollowUp {
        may_update: viewer.is_some_and(|v| v.manages(round.namnd_id))
            && updatable(round.phase(), stored.as_ref()),
        decision: stored.as_ref().map(|d| decisions::view::view_of(d, funded)),
        updates: updates.iter().map(view_of).collect(),
    })
}

/// Posts an update on an approved project and mails it to everyone concerned. Returns the
/// round's slug.
#[tracing::instrument(skip_all, fields(id))]
pub async fn save(
    ctx: &ServerContext,
    user: &SessionUser,
    id: i64,
    form: &UpdateForm,
) -> Result<String, AppError> {
    let txn = ctx.db.begin().await?;
    let (row, round) = with_round(&txn, id)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if !user.manages(round.namnd_id) {
        return Err(AppError::Forbidden.with_status());
    }
    let stored = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(id))
        .one(&txn)
        .await?;
    if !updatable(round.phase(), stored.as_ref()) {
        return Err(AppError::from_issues(
            &[FieldIssue::new("", Code::UpdateNotApproved)],
            form,
        ));
    }
    let input = domain::followup::parse_update(form, Utc::now().date_naive())
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    let saved = implementation_update::ActiveModel {
        proposal_id: Set(id),
        round_id: Set(round.id),
        status: Set(input.status.as_str().to_owned()),
        percent: Set(i32::from(input.percent)),
        body: Set(input.text.clone()),
        update_date: Set(input.date),
        image: Set(None),
        image_type: Set(None),
        image_alt: Set(None),
        posted_by: Set(user.id),
        posted_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "implementation.update",
        format!("proposal:{id}"),
        format!("{} {} %", input.status.as_str(), input.percent),
    )
    .await?;
    let mut people = Recipients::default();
    people.add_project_people(&txn, &row).await?;
    notify::send(
        ctx,
        &txn,
        &round,
        Scope::Project(id),
        &format!("update:{}", saved.id),
        people,
        |locale| update_message(ctx, locale, &round, &row.title, id, &input),
    )
    .await?;
    txn.commit().await?;
    Ok(round.slug)
}

fn update_message(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    title: &str,
    id: i64,
    input: &UpdateInput,
) -> Message {
    let status = match input.status {
        ImplementationStatus::Planned => td_string!(locale, implementation.planned),
        ImplementationStatus::Started => td_string!(locale, implementation.started),
        ImplementationStatus::Delayed => td_string!(locale, implementation.delayed),
        ImplementationStatus::Done => td_string!(locale, implementation.done),
        ImplementationStatus::Cancelled => td_string!(locale, implementation.cancelled),
    }
    .to_string();
    Message {
        subject: td_string!(locale, mail.update_subject, title = title.to_owned()).to_string(),
        before: vec![
            td_string!(
                locale,
                mail.update_body,
                title = title.to_owned(),
                round = round.title_in(locale)
            )
            .to_string(),
            td_string!(
                locale,
                mail.update_status,
                status = status,
                percent = input.percent,
                date = input.date.to_string()
            )
            .to_string(),
            input.text.clone(),
        ],
        link: Some((
            td_string!(locale, mail.proposal_link).to_string(),
            super::mail::proposal_url(ctx, locale, &round.slug, id),
        )),
    }
}

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
    let mut rows: Vec<ProjectRow> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for p in &projects {
        let Some(r) = rounds.iter().find(|r| r.id == p.round_id) else {
            continue;
        };
        let latest = updates.iter().rev().find(|u| u.proposal_id == p.id);
        let year = r.created_at.year();
        years.push(year);
        let row = ProjectRow {
            id: p.id,
            title: p.title.clone(),
            round_slug: r.slug.clone(),
            round_title: r.title_in(locale),
            namnd: namnder
                .iter()
                .find(|n| n.id == r.namnd_id)
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            area: super::entity::area::name_of(&areas, p.area_id),
            year,
            status: latest.map_or(
                ImplementationStatus::Planned,
                implementation_update::Model::status,
            ),
            percent: latest.map_or(0, |u| u.percent.clamp(0, 100) as u8),
            updated: latest.map(|u| u.update_date.to_string()),
        };
        let keep = (filter.namnd.is_empty() || filter.namnd == r.namnd_id.to_string())
            && (filter.area.is_empty()
                || Some(filter.area.as_str()) == p.area_id.map(|a| a.to_string()).as_deref())
            && (filter.year.is_empty() || filter.year == year.to_string())
            && (filter.status.is_empty() || filter.status == row.status.as_str());
        if keep {
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| b.year.cmp(&a.year).then(a.title.cmp(&b.title)));
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let choices = |pairs: Vec<(i64, String)>| {
        pairs
            .into_iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name,
            })
            .collect()
    };
    Ok(ProjectOverview {
        projects: rows,
        namnder: choices(namnder.into_iter().map(|n| (n.id, n.name)).collect()),
        areas: choices(areas.into_iter().map(|a| (a.id, a.name)).collect()),
        years,
    })
}
