//! The politicians' part of a round (DESIGN.md, steps 6–7): the review page they read before
//! deciding (result and its explanation, participation against the population, every
//! proposal with reasons and comments), and the decision per project with its motivation and
//! protocol reference, which everyone concerned is told by mail. Rules are
//! `domain::followup::parse_decision`'s.

use domain::Code;
use std::collections::HashMap;

use chrono::Utc;
use domain::FieldIssue;
use domain::Phase;
use domain::followup::{DecisionForm, DecisionOutcome, Scope, differs_from_residents};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use super::audit;
use super::context::ServerContext;
use super::entity::{
    account, area, ballot, comment, decision, namnd, proposal, proposal_support, round,
    round_result, voter_register,
};
use super::notify::{self, Message, Recipients};
use super::access::{visible_round, with_round};
use super::results::result_view;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::SessionUser;
use crate::model::followup::{
    AreaParticipation, DecisionEditor, DecisionView, Participation, PoliticalReview,
    ReviewedProposal,
};
use crate::model::proposal::ProposalStatus;
use crate::model::result::ProjectResult;

/// How a stored decision is shown, given whether the residents' vote funded the project.
pub fn view_of(row: &decision::Model, funded: bool) -> DecisionView {
    let outcome = row.outcome.parse().unwrap_or_else(|_| {
        tracing::error!(decision = row.id, outcome = %row.outcome, "unknown decision outcome");
        DecisionOutcome::Postponed
    });
    DecisionView {
        outcome,
        motivation: row.motivation.clone(),
        protocol_section: row.protocol_section.clone(),
        meeting_date: row.meeting_date.to_string(),
        minutes_url: row.minutes_url.clone(),
        differs: differs_from_residents(outcome, funded),
    }
}

/// The decisions of a round by project id, each compared with the residents' result.
pub async fn of_round<C: ConnectionTrait>(
    db: &C,
    round: i64,
    results: &[ProjectResult],
) -> Result<HashMap<i64, DecisionView>, AppError> {
    let funded = |id: i64| results.iter().any(|p| p.id == id && p.funded);
    Ok(decision::Entity::find()
        .filter(decision::Column::RoundId.eq(round))
        .all(db)
        .await?
        .iter()
        .map(|d| (d.proposal_id, view_of(d, funded(d.proposal_id))))
        .collect())
}

/// Whether decisions may be recorded in `phase`: after the count, until implementation.
fn deciding(phase: Phase) -> bool {
    matches!(phase, Phase::Deliberation | Phase::Decided)
}

/// Who took part: ballots, the register by the area voters said they live in (against the
/// area's population), proposals, supports and comments.
async fn participation<C: ConnectionTrait>(db: &C, round: i64) -> Result<Participation, AppError> {
    let ballots = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round))
        .count(db)
        .await?;
    let voters: Vec<i64> = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .all(db)
        .await?
        .into_iter()
        .map(|v| v.account_id)
        .collect();
    let mut homes: HashMap<Option<i64>, u64> = HashMap::new();
    for chunk in voters.chunks(500) {
        for a in account::Entity::find()
            .filter(account::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            *homes.entry(a.home_area_id).or_default() += 1;
        }
    }
    let by_area = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AreaParticipation {
            voters: homes.remove(&Some(a.id)).unwrap_or(0),
            name: a.name,
            population: a.population,
        })
        .collect();
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
        .all(db)
        .await?;
    let ids: Vec<i64> = proposals.iter().map(|p| p.id).collect();
    let mut proposers: Vec<i64> = proposals.iter().map(|p| p.author_id).collect();
    proposers.sort_unstable();
    proposers.dedup();
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.is_in(ids.clone()))
        .count(db)
        .await?;
    let comments = comment::Entity::find()
        .filter(comment::Column::ProposalId.is_in(ids))
        .filter(comment::Column::HiddenAt.is_null())
        .count(db)
        .await?;
    Ok(Participation {
        ballots,
        by_area,
        elsewhere: homes.values().sum(),
        proposals: proposals.len() as u64,
        proposers: proposers.len() as u64,
        supports,
        comments,
    })
}

/// The politicians' review page of a round (its politicians and staff, administrators).
pub async fn review(
    db: &DatabaseConnection,
    slug: &str,
    locale: Locale,
    user: &SessionUser,
) -> Result<PoliticalReview, AppError> {
    let round = visible_round(db, slug, Some(user)).await?;
    if !user.deliberates(round.namnd_id) {
        return Err(AppError::Forbidden.with_status());
    }
    let result = match round_result::Entity::find_by_id(round.id).one(db).await? {
        Some(stored) => Some(result_view(db, &round, &stored, locale, Some(user)).await?),
        None => None,
    };
    let areas = area::Entity::find().all(db).await?;
    let rows = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
        .filter(proposal::Column::Status.ne(ProposalStatus::Withdrawn.as_str()))
        .order_by_asc(proposal::Column::Title)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.is_in(ids.clone()))
        .all(db)
        .await?;
    let comments = comment::Entity::find()
        .filter(comment::Column::ProposalId.is_in(ids))
        .filter(comment::Column::HiddenAt.is_null())
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    let counted = |id: i64| {
        result
            .as_ref()
            .and_then(|r| r.projects.iter().find(|p| p.id == id))
    };
    let proposals = rows
        .into_iter()
        .map(|p| ReviewedProposal {
            id: p.id,
            area: super::entity::area::name_of(&areas, p.area_id),
            status: p.status(),
            cost: p.staff_cost.unwrap_or(p.cost),
            reason: p.public_reason.clone(),
            supports: supports.iter().filter(|s| s.proposal_id == p.id).count() as i64,
            comments: comments
                .iter()
                .filter(|c| c.proposal_id == p.id)
                .map(|c| c.body.clone())
                .collect(),
            votes: counted(p.id).map(|c| c.votes),
            funded: counted(p.id).map(|c| c.funded),
            decision: counted(p.id).and_then(|c| c.decision.clone()),
            title: p.title,
        })
        .collect();
    let namnd = namnd::Entity::find_by_id(round.namnd_id)
        .one(db)
        .await?
        .map(|n| n.name)
        .unwrap_or_default();
    Ok(PoliticalReview {
        slug: round.slug.clone(),
        title: round.title_in(locale),
        namnd,
        phase: round.phase(),
        participation: participation(db, round.id).await?,
        result,
        proposals,
        may_decide: user.decides(round.namnd_id) && deciding(round.phase()),
    })
}

/// Whether the residents' vote funded `project`, from the stored count (false if uncounted,
/// or unpublished unless `unpublished_too`).
pub(crate) async fn funded_by_vote<C: ConnectionTrait>(
    db: &C,
    round: i64,
    project: i64,
    unpublished_too: bool,
) -> Result<(Option<u64>, bool), AppError> {
    let projects = super::results::counted_projects(db, round, unpublished_too)
        .await?
        .unwrap_or_default();
    let entry = projects.iter().find(|p| p.id == project);
    Ok((entry.map(|p| p.votes), entry.is_some_and(|p| p.funded)))
}

/// A project of a round its viewer may decide on: 404 / 403 otherwise.
async fn decidable<C: ConnectionTrait>(
    db: &C,
    id: i64,
    user: &SessionUser,
) -> Result<(proposal::Model, round::Model), AppError> {
    let (row, round) = with_round(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if !user.decides(round.namnd_id) {
        return Err(AppError::Forbidden.with_status());
    }
    Ok((row, round))
}

/// The decision form of a project, filled with the stored decision if there is one.
pub async fn editor(
    db: &DatabaseConnection,
    id: i64,
    locale: Locale,
    user: &SessionUser,
) -> Result<DecisionEditor, AppError> {
    let (row, round) = decidable(db, id, user).await?;
    let (votes, funded) = funded_by_vote(db, round.id, id, true).await?;
    let stored = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(id))
        .one(db)
        .await?;
    let recorded = match &stored {
        Some(d) => {
            let by = account::Entity::find_by_id(d.recorded_by)
                .one(db)
                .await?
                .map(|a| a.email)
                .unwrap_or_default();
            Some((by, d.recorded_at.format("%Y-%m-%d %H:%M").to_string()))
        }
        None => None,
    };
    let form = stored
        .map(|d| DecisionForm {
            outcome: d.outcome,
            motivation: d.motivation.unwrap_or_default(),
            protocol_section: d.protocol_section,
            meeting_date: d.meeting_date.to_string(),
            minutes_url: d.minutes_url.unwrap_or_default(),
        })
        .unwrap_or_default();
    Ok(DecisionEditor {
        id,
        title: row.title,
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        votes,
        funded,
        form,
        recorded,
    })
}

/// Records (or replaces) the decision on a project and tells everyone concerned by mail.
/// Returns the round's slug.
pub async fn save(
    ctx: &ServerContext,
    user: &SessionUser,
    id: i64,
    form: &DecisionForm,
) -> Result<String, AppError> {
    let txn = ctx.db.begin().await?;
    let (row, round) = decidable(&txn, id, user).await?;
    let refuse = |code: Code| AppError::from_issues(&[FieldIssue::new("", code)], form);
    if !deciding(round.phase()) {
        return Err(refuse(Code::DecisionClosed));
    }
    if row.status() != ProposalStatus::Feasible {
        return Err(refuse(Code::DecisionNotOnBallot));
    }
    let (_, funded) = funded_by_vote(&txn, round.id, id, true).await?;
    let input = domain::followup::parse_decision(form, funded)
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    let previous = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(id))
        .one(&txn)
        .await?;
    let stored = decision::ActiveModel {
        proposal_id: Set(id),
        round_id: Set(round.id),
        outcome: Set(input.outcome.as_str().to_owned()),
        motivation: Set(input.motivation.clone()),
        protocol_section: Set(input.protocol_section.clone()),
        meeting_date: Set(input.meeting_date),
        minutes_url: Set(input.minutes_url.clone()),
        recorded_by: Set(user.id),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    };
    decision::Entity::insert(stored)
        .on_conflict(
            OnConflict::column(decision::Column::ProposalId)
                .update_columns([
                    decision::Column::Outcome,
                    decision::Column::Motivation,
                    decision::Column::ProtocolSection,
                    decision::Column::MeetingDate,
                    decision::Column::MinutesUrl,
                    decision::Column::RecordedBy,
                    decision::Column::RecordedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "decision.record",
        format!("proposal:{id}"),
        format!("{} {}", input.outcome.as_str(), input.protocol_section),
    )
    .await?;
    // A corrected motivation or reference is no news; a changed outcome is.
    if previous.is_none_or(|p| p.outcome != input.outcome.as_str()) {
        let mut people = Recipients::default();
        people.add_project_people(&txn, &row).await?;
        let title = row.title.clone();
        let namnd = namnd::Entity::find_by_id(round.namnd_id)
            .one(&txn)
            .await?
            .map(|n| n.name)
            .unwrap_or_default();
        notify::send(
            ctx,
            &txn,
            &round,
            Scope::Project(id),
            &format!(
                "decision:{id}:{}:{}",
                input.outcome.as_str(),
                Utc::now().timestamp_micros()
            ),
            people,
            |locale| decision_message(ctx, locale, &round, &namnd, &title, id, &input),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(round.slug)
}

fn decision_message(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    namnd: &str,
    title: &str,
    id: i64,
    input: &domain::followup::DecisionInput,
) -> Message {
    let outcome = match input.outcome {
        DecisionOutcome::Approved => td_string!(locale, decision.approved),
        DecisionOutcome::NotApproved => td_string!(locale, decision.not_approved),
        DecisionOutcome::Postponed => td_string!(locale, decision.postponed),
    }
    .to_string();
    let mut before = vec![
        td_string!(
            locale,
            mail.decision_body,
            namnd = namnd.to_owned(),
            title = title.to_owned(),
            round = round.title_in(locale)
        )
        .to_string(),
        td_string!(locale, mail.decision_outcome, outcome = outcome).to_string(),
    ];
    if let Some(motivation) = &input.motivation {
        before.push(
            td_string!(
                locale,
                mail.decision_motivation,
                motivation = motivation.clone()
            )
            .to_string(),
        );
    }
    before.push(
        td_string!(
            locale,
            mail.decision_protocol,
            section = input.protocol_section.clone(),
            date = input.meeting_date.to_string()
        )
        .to_string(),
    );
    Message {
        subject: td_string!(locale, mail.decision_subject, title = title.to_owned()).to_string(),
        before,
        link: Some((
            td_string!(locale, mail.proposal_link).to_string(),
            super::mail::proposal_url(ctx, locale, &round.slug, id),
        )),
    }
}
