//! Results: counted when voting closes, from exactly the anonymised ballots that anyone can
//! download as a Pabulib file and recount; stored with the explanation per project; public
//! once staff publish them. The counting is the domain's (`domain::tally`).

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::Phase;
use domain::ballot::Ballot;
use domain::count::{Completion, Rule, TieBreak};
use domain::count::{Reason, Stage};
use domain::round::CountingRule;
use domain::tally::{TallyOptions, tally_file};
use domain::voting::{ElectionProject, election};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::auth::{account_from_cookies, to_session_user};
use super::context::ServerContext;
use super::entity::{ballot, proposal, round, round_result};
use super::rounds::{managed_round, phase_of, settings_of, title_in, visible_round};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::proposal::ProposalStatus;
use crate::model::result::{ProjectResult, RoundResultView, Why};

/// What is stored of a count.
#[derive(Debug, Serialize, Deserialize)]
struct StoredReport {
    rule: CountingRule,
    voters: u64,
    budget: i64,
    cost: i64,
    projects: Vec<ProjectResult>,
}

fn kronor(money: &domain::Money) -> i64 {
    money.to_f64().round() as i64
}

fn why(reason: &Reason) -> Why {
    match reason {
        Reason::Funded { step, stage } => Why::Funded {
            step: *step,
            completion: *stage == Stage::GreedyCompletion,
        },
        Reason::DoesNotFit { remaining_budget } => Why::DoesNotFit {
            remaining: remaining_budget.round() as i64,
        },
        Reason::SupportersLackMoney { supporters_money } => Why::SupportersLackMoney {
            money: supporters_money.round() as i64,
        },
        Reason::NoVotes => Why::NoVotes,
        Reason::CostExceedsBudget { .. } => Why::CostExceedsBudget,
        Reason::CountStoppedBefore => Why::CountStopped,
    }
}

/// The count's options for a round's rule: Equal Shares is completed greedily so the budget
/// is used; ties go to the cheaper project, then to a draw seeded with the round's id.
fn options_for(rule: CountingRule, round_id: i64) -> TallyOptions {
    let tie_break = TieBreak::LowerCostThenDraw {
        seed: round_id as u64,
    };
    match rule {
        CountingRule::Greedy => TallyOptions::new(Rule::Greedy),
        CountingRule::EqualShares => {
            TallyOptions::new(Rule::Mes).with_completion(Completion::Add1Greedy)
        }
        CountingRule::Phragmen => TallyOptions::new(Rule::Phragmen),
    }
    .with_tie_break(tie_break)
}

/// A round's current ballots as a Pabulib election (what is counted, and what anyone may
/// download to recount).
pub async fn election_file<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
) -> Result<domain::pabulib::PbFile, AppError> {
    let settings = settings_of(round);
    let projects = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Feasible.as_str()))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    // Ordered by their links, which say nothing about who cast them or when.
    let ballots: Vec<Ballot> = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round.id))
        .order_by_asc(ballot::Column::VoterLink)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|b| {
            serde_json::from_str(&b.choices)
                .inspect_err(
                    |err| tracing::error!(round = round.id, error = %err, "unreadable ballot"),
                )
                .ok()
        })
        .collect();
    let on_ballot: Vec<ElectionProject> = projects
        .iter()
        .map(|p| ElectionProject {
            id: p.id.to_string(),
            cost: p.staff_cost.unwrap_or(p.cost).max(0) as u64,
            name: p.title.clone(),
        })
        .collect();
    Ok(election(
        &round.title_sv,
        settings.ballot_format,
        round.budget_total.max(0) as u64,
        &on_ballot,
        &ballots,
    ))
}

/// Counts a round's ballots and stores the result (replacing an earlier count).
pub async fn compute<C: ConnectionTrait>(db: &C, round: &round::Model) -> Result<(), AppError> {
    let settings = settings_of(round);
    let file = election_file(db, round).await?;
    let report = tally_file(&file, &options_for(settings.rule, round.id)).map_err(|err| {
        tracing::error!(round = round.id, error = %err, "could not count the round");
        AppError::Internal
    })?;
    let stored = StoredReport {
        rule: settings.rule,
        voters: report.voters,
        budget: round.budget_total,
        cost: kronor(&report.cost),
        projects: report
            .projects
            .iter()
            .map(|o| ProjectResult {
                id: o.id.parse().unwrap_or_default(),
                title: o.name.clone().unwrap_or_default(),
                cost: kronor(&o.cost),
                votes: o.votes,
                points: o.points.map(|p| p.round() as i64),
                funded: o.selected,
                why: why(&o.reason),
            })
            .collect(),
    };
    let row = round_result::ActiveModel {
        round_id: Set(round.id),
        report: Set(serde_json::to_string(&stored).map_err(|_| AppError::Internal)?),
        pabulib: Set(domain::pabulib::write_pabulib(&file)),
        computed_at: Set(Utc::now()),
        published_at: Set(None),
    };
    round_result::Entity::insert(row)
        .on_conflict(
            OnConflict::column(round_result::Column::RoundId)
                .update_columns([
                    round_result::Column::Report,
                    round_result::Column::Pabulib,
                    round_result::Column::ComputedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    tracing::info!(round = %round.slug, voters = stored.voters, "round counted");
    Ok(())
}

/// Whether `viewer` may see a round's result now.
fn may_see(
    result: &round_result::Model,
    round: &round::Model,
    viewer: Option<&SessionUser>,
) -> bool {
    result.published_at.is_some() || viewer.is_some_and(|v| v.manages(round.namnd_id))
}

/// The results page.
pub async fn view(
    db: &DatabaseConnection,
    slug: &str,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<RoundResultView, AppError> {
    let round = visible_round(db, slug, viewer).await?;
    let result = round_result::Entity::find_by_id(round.id)
        .one(db)
        .await?
        .filter(|r| may_see(r, &round, viewer))
        .ok_or_else(|| AppError::NotFound.with_status())?;
    let stored: StoredReport = serde_json::from_str(&result.report).map_err(|err| {
        tracing::error!(round = round.id, error = %err, "unreadable result");
        AppError::Internal
    })?;
    let mut projects = stored.projects;
    projects.sort_by(|a, b| b.funded.cmp(&a.funded).then(b.votes.cmp(&a.votes)));
    Ok(RoundResultView {
        slug: round.slug.clone(),
        round_title: title_in(&round, locale),
        rule: stored.rule,
        voters: stored.voters,
        budget: stored.budget,
        cost: stored.cost,
        projects,
        published: result.published_at.is_some(),
        viewer_manages: viewer.is_some_and(|v| v.manages(round.namnd_id)),
    })
}

/// Makes a counted result public.
pub async fn publish(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: &str,
) -> Result<(), AppError> {
    let round = managed_round(db, slug, user).await?;
    if phase_of(&round) < Phase::Deliberation {
        return Err(AppError::invalid("", "result_missing", &[]));
    }
    let result = round_result::Entity::find_by_id(round.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("", "result_missing", &[]))?;
    let mut active: round_result::ActiveModel = result.into();
    active.published_at = Set(Some(Utc::now()));
    sea_orm::ActiveModelTrait::update(active, db).await?;
    Ok(())
}

/// `GET /rounds/{slug}/ballots.pb`: the anonymised ballots in Pabulib format, once the result
/// is public (or for the round's staff).
pub async fn download(
    State(ctx): State<ServerContext>,
    Path(slug): Path<String>,
    jar: CookieJar,
) -> Response {
    let viewer = account_from_cookies(&ctx, &jar)
        .await
        .ok()
        .flatten()
        .and_then(|a| to_session_user(&a));
    let found = async {
        let Some(round) = round::Entity::find()
            .filter(round::Column::Slug.eq(&slug))
            .one(&ctx.db)
            .await?
        else {
            return Ok(None);
        };
        let result = round_result::Entity::find_by_id(round.id)
            .one(&ctx.db)
            .await?;
        Ok::<_, sea_orm::DbErr>(result.filter(|r| may_see(r, &round, viewer.as_ref())))
    }
    .await;
    match found {
        Ok(Some(result)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&format!("attachment; filename=\"{slug}.pb\""))
                        .unwrap_or(HeaderValue::from_static("attachment")),
                ),
            ],
            result.pabulib,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, %slug, "could not load the ballots file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
