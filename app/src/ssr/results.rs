//! Results: counted when voting closes, from exactly the anonymised ballots that anyone can
//! download as a Pabulib file and recount; stored with the explanation per project; public
//! once staff publish them. The counting is the domain's (`domain::tally`).

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::Code;
use domain::Money;
use domain::Phase;
use domain::ballot::Ballot;
use domain::count::{Completion, Rule, TieBreak};
use domain::count::{Reason, Stage};
use domain::followup::Scope;
use domain::pabulib::PbFile;
use domain::round::CountingRule;
use domain::tally::{ProjectOutcome, TallyError, TallyOptions, tally_by_area, tally_file};
use domain::voting::{AREA_COLUMN, ElectionProject, election};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde::{Deserialize, Serialize};

use super::access::{managed_round, visible_round};
use super::context::ServerContext;
use super::entity::round::RoundSettings;
use super::entity::{area, ballot, proposal, round, round_result};
use super::mail::Message;
use super::notify::{self, Recipients};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::result::{AreaResult, ProjectResult, RoundResultView, Why};

/// What is stored of a count.
#[derive(Debug, Serialize, Deserialize)]
struct StoredReport {
    rule: CountingRule,
    voters: u64,
    budget: i64,
    cost: i64,
    projects: Vec<ProjectResult>,
    #[serde(default)]
    areas: Vec<AreaResult>,
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
#[tracing::instrument(skip_all)]
pub async fn election_file<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
) -> Result<domain::pabulib::PbFile, AppError> {
    let settings = round.settings();
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
    let split = !settings.area_budgets.is_empty();
    let on_ballot: Vec<ElectionProject> = projects
        .iter()
        .map(|p| ElectionProject {
            id: p.id.to_string(),
            cost: p.staff_cost.unwrap_or(p.cost).max(0) as u64,
            name: p.title.clone(),
            area: split.then_some(p.area_id).flatten().map(|a| a.to_string()),
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

fn project_result(o: &ProjectOutcome, area_id: Option<i64>) -> ProjectResult {
    ProjectResult {
        id: o.id.parse().unwrap_or_default(),
        title: o.name.clone().unwrap_or_default(),
        cost: kronor(&o.cost),
        votes: o.votes,
        points: o.points.map(|p| p.round() as i64),
        funded: o.selected,
        why: why(&o.reason),
        area_id,
        decision: None,
    }
}

/// Counts the election: as a whole, or each area with its own budget when the round's budget
/// is split per area (projects of an area without money are listed as such).
fn count(
    file: &PbFile,
    settings: &RoundSettings,
    budget_total: i64,
    options: &TallyOptions,
) -> Result<StoredReport, TallyError> {
    let voters = file.votes.len() as u64;
    if settings.area_budgets.is_empty() {
        let report = tally_file(file, options)?;
        return Ok(StoredReport {
            rule: settings.rule,
            voters,
            budget: budget_total,
            cost: kronor(&report.cost),
            projects: report
                .projects
                .iter()
                .map(|o| project_result(o, None))
                .collect(),
            areas: Vec::new(),
        });
    }
    let budgets: Vec<(String, Money)> = settings
        .area_budgets
        .iter()
        .map(|(area, kronor)| {
            (
                area.to_string(),
                Money::from_integer((*kronor).max(0) as u64),
            )
        })
        .collect();
    let split = tally_by_area(file, AREA_COLUMN, &budgets, options)?;
    let mut projects = Vec::new();
    let mut areas = Vec::new();
    for ((_, report), (area_id, budget)) in split.areas.iter().zip(&settings.area_budgets) {
        projects.extend(
            report
                .projects
                .iter()
                .map(|o| project_result(o, Some(*area_id))),
        );
        areas.push(AreaResult {
            area_id: *area_id,
            name: String::new(),
            budget: *budget,
            cost: kronor(&report.cost),
            voters: report.voters,
        });
    }
    for project in &file.projects {
        if !projects.iter().any(|p| p.id.to_string() == project.id) {
            projects.push(ProjectResult {
                id: project.id.parse().unwrap_or_default(),
                title: file.project_name(project).unwrap_or_default(),
                cost: kronor(&project.cost),
                votes: 0,
                points: None,
                funded: false,
                why: Why::OutsideAreas,
                area_id: file
                    .project_field(project, AREA_COLUMN)
                    .and_then(|a| a.parse().ok()),
                decision: None,
            });
        }
    }
    Ok(StoredReport {
        rule: settings.rule,
        voters,
        budget: budget_total,
        cost: kronor(&split.cost),
        projects,
        areas,
    })
}

/// Counts a round's ballots and stores the result (replacing an earlier count).
#[tracing::instrument(skip_all)]
pub async fn compute<C: ConnectionTrait>(db: &C, round: &round::Model) -> Result<(), AppError> {
    let settings = round.settings();
    let file = election_file(db, round).await?;
    let options = options_for(settings.rule, round.id);
    let stored = count(&file, &settings, round.budget_total, &options).map_err(|err| {
        tracing::error!(round = round.id, error = %err, "could not count the round");
        AppError::Internal
    })?;
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
    result.published_at.is_some() || viewer.is_some_and(|v| v.deliberates(round.namnd_id))
}

/// The results page.
#[tracing::instrument(skip_all, fields(slug = %slug))]
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
    result_view(db, &round, &result, locale, viewer).await
}

fn read_report(result: &round_result::Model) -> Result<StoredReport, AppError> {
    serde_json::from_str(&result.report).map_err(|err| {
        tracing::error!(round = result.round_id, error = %err, "unreadable result");
        AppError::Internal
    })
}

/// The counted projects of a round (votes, funded, why), if it is counted, and published
/// unless `unpublished_too`.
#[tracing::instrument(skip_all, fields(round))]
pub async fn counted_projects<C: ConnectionTrait>(
    db: &C,
    round: i64,
    unpublished_too: bool,
) -> Result<Option<Vec<ProjectResult>>, AppError> {
    match round_result::Entity::find_by_id(round)
        .one(db)
        .await?
        .filter(|r| unpublished_too || r.published_at.is_some())
    {
        Some(result) => Ok(Some(read_report(&result)?.projects)),
        None => Ok(None),
    }
}

/// A stored result as shown, with the politicians' decisions next to it.
#[tracing::instrument(skip_all)]
pub async fn result_view<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    result: &round_result::Model,
    locale: Locale,
    viewer: Option<&SessionUser>,
) -> Result<RoundResultView, AppError> {
    let stored = read_report(result)?;
    let decisions = super::decisions::view::of_round(db, round.id, &stored.projects).await?;
    let mut projects = stored.projects;
    for p in &mut projects {
        p.decision = decisions.get(&p.id).cloned();
    }
    projects.sort_by(|a, b| b.funded.cmp(&a.funded).then(b.votes.cmp(&a.votes)));
    let mut areas = stored.areas;
    if !areas.is_empty() {
        let names = area::Entity::find().all(db).await?;
        for a in &mut areas {
            a.name = names
                .iter()
                .find(|n| n.id == a.area_id)
                .map(|n| n.name.clone())
                .unwrap_or_default();
        }
    }
    Ok(RoundResultView {
        slug: round.slug.clone(),
        round_title: round.title_in(locale),
        rule: stored.rule,
        voters: stored.voters,
        budget: stored.budget,
        cost: stored.cost,
        projects,
        areas,
        published: result.published_at.is_some(),
        viewer_manages: viewer.is_some_and(|v| v.manages(round.namnd_id)),
    })
}

/// Makes a counted result public and tells the round's voters and subscribers (once).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn publish(ctx: &ServerContext, user: &SessionUser, slug: &str) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, user).await?;
    if round.phase() < Phase::Deliberation {
        return Err(AppError::invalid("", Code::ResultMissing, &[]));
    }
    let result = round_result::Entity::find_by_id(round.id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("", Code::ResultMissing, &[]))?;
    if result.published_at.is_some() {
        return Ok(());
    }
    let mut active: round_result::ActiveModel = result.into();
    active.published_at = Set(Some(Utc::now()));
    sea_orm::ActiveModelTrait::update(active, &txn).await?;
    let mut people = Recipients::default();
    people.add_voters(&txn, round.id).await?;
    people.add_subscribers(&txn, round.id).await?;
    notify::send(
        ctx,
        &txn,
        &round,
        Scope::Round(round.id),
        &format!("results:{}", round.id),
        people,
        |locale| {
            let title = round.title_in(locale);
            Message {
                subject: td_string!(locale, mail.results_subject, round = title.clone())
                    .to_string(),
                before: vec![td_string!(locale, mail.results_body, round = title).to_string()],
                link: Some((
                    td_string!(locale, mail.results_link).to_string(),
                    format!(
                        "{}{}",
                        ctx.settings.public_url,
                        crate::locale::href(locale, &crate::paths::results(&round.slug))
                    ),
                )),
            }
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// `GET /rounds/{slug}/ballots.pb`: the anonymised ballots in Pabulib format, once the result
/// is public (or for the round's staff).
#[tracing::instrument(skip_all)]
pub async fn download(
    State(ctx): State<ServerContext>,
    Path(slug): Path<String>,
    jar: CookieJar,
) -> Response {
    let viewer = super::auth::viewer(&ctx, &jar).await.ok().flatten();
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

/// Whether the residents' vote funded `project`, from the stored count (false if uncounted,
/// or unpublished unless `unpublished_too`).
pub(crate) async fn funded_by_vote<C: ConnectionTrait>(
    db: &C,
    round: i64,
    project: i64,
    unpublished_too: bool,
) -> Result<(Option<u64>, bool), AppError> {
    let projects = counted_projects(db, round, unpublished_too)
        .await?
        .unwrap_or_default();
    let entry = projects.iter().find(|p| p.id == project);
    Ok((entry.map(|p| p.votes), entry.is_some_and(|p| p.funded)))
}
