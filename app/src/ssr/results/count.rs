//! Counting a round: its ballots as a Pabulib election (what anyone may download and recount),
//! counted with the round's rule as a whole or per area when the budget is split, and stored
//! with the explanation per project (replacing an earlier count).

use chrono::Utc;
use domain::Money;
use domain::ballot::Ballot;
use domain::count::{Completion, Reason, Rule, Stage, TieBreak};
use domain::pabulib::PbFile;
use domain::round::{CountingRule, RoundSettings};
use domain::tally::{ProjectOutcome, TallyError, TallyOptions, tally_by_area, tally_file};
use domain::voting::{AREA_COLUMN, ElectionProject, election};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::report::StoredReport;
use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::result::{AreaResult, ProjectResult, Why};
use crate::ssr::entity::voter_register;
use crate::ssr::entity::{proposal, round, round_result};
use crate::ssr::keys::Keys;
use crate::ssr::voting::{Boxed, opened_ballots};
use domain::channels::{ChannelCount, channel_counts};

/// Counts a round's ballots and stores the result (replacing an earlier count).
#[tracing::instrument(skip_all)]
pub async fn compute<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round: &round::Model,
) -> Result<(), AppError> {
    let settings = round.settings();
    let boxed = opened_ballots(db, keys, round.id).await?;
    let file = election_from(db, round, &boxed).await?;
    let options = options_for(settings.rule, round.id);
    let mut stored = count(&file, &settings, round.budget_total, &options).map_err(|err| {
        tracing::error!(round = round.id, error = %err, "could not count the round");
        AppError::Internal
    })?;
    stored.channels = channels(db, round.id, &boxed).await?;
    if stored.mismatched() {
        tracing::error!(round = %round.slug, channels = ?stored.channels, "ballots and register disagree");
    }
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

/// A round's current ballots as a Pabulib election (what is counted, and what anyone may
/// download to recount).
#[tracing::instrument(skip_all)]
pub async fn election_file<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round: &round::Model,
) -> Result<PbFile, AppError> {
    election_from(db, round, &opened_ballots(db, keys, round.id).await?).await
}

/// Makes the check of channels of a counted round again (the paper voter list may be counted
/// after the close); nothing when the round is not counted or its result already published.
#[tracing::instrument(skip_all)]
pub async fn recheck_channels<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round: &round::Model,
) -> Result<(), AppError> {
    let Some(result) = round_result::Entity::find_by_id(round.id).one(db).await? else {
        return Ok(());
    };
    if result.published_at.is_some() {
        return Ok(());
    }
    let mut stored = super::report::read_report(&result)?;
    stored.channels = channels(db, round.id, &opened_ballots(db, keys, round.id).await?).await?;
    round_result::Entity::update_many()
        .col_expr(
            round_result::Column::Report,
            sea_orm::sea_query::Expr::value(
                serde_json::to_string(&stored).map_err(|_| AppError::Internal)?,
            ),
        )
        .filter(round_result::Column::RoundId.eq(round.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The ballots per channel against the register's entries per channel (for paper, the people
/// checked off the paper voter list).
async fn channels<C: ConnectionTrait>(
    db: &C,
    round: i64,
    boxed: &[Boxed],
) -> Result<Vec<ChannelCount>, AppError> {
    let register = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .all(db)
        .await?;
    let paper_voters = crate::ssr::entity::paper_roll::Entity::find_by_id(round)
        .one(db)
        .await?
        .and_then(|roll| roll.checked_off)
        .map(|n| n.max(0) as u64);
    Ok(channel_counts(
        boxed.iter().map(|b| b.channel.as_str()),
        register.iter().map(|r| r.channel.as_str()),
        paper_voters,
    ))
}

/// The election of a round with these opened ballots (given in the order of their content).
async fn election_from<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    boxed: &[Boxed],
) -> Result<PbFile, AppError> {
    let settings = round.settings();
    let projects = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Feasible.as_str()))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
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
    // In the order of their content (as `opened_ballots` gives them): the file is public, and
    // an order of links or rows could be lined up with the register by a database reader.
    let ballots: Vec<Ballot> = boxed.iter().map(|b| b.ballot.clone()).collect();
    Ok(election(
        &round.title_sv,
        settings.ballot_format,
        round.budget_total.max(0) as u64,
        &on_ballot,
        &ballots,
    ))
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

/// Counts the election: as a whole, or each area with its own budget when the round's budget
/// is split per area (projects of an area without money are listed as such).
fn count(
    file: &PbFile,
    settings: &RoundSettings,
    budget_total: i64,
    options: &TallyOptions,
) -> Result<StoredReport, TallyError> {
    let voters = file.votes.len() as u64;
    let (cost, projects, areas) = if settings.area_budgets.is_empty() {
        let report = tally_file(file, options)?;
        let projects = report
            .projects
            .iter()
            .map(|o| project_result(o, None))
            .collect();
        (kronor(&report.cost), projects, Vec::new())
    } else {
        count_by_area(file, &settings.area_budgets, options)?
    };
    Ok(StoredReport {
        rule: settings.rule,
        voters,
        budget: budget_total,
        cost,
        projects,
        areas,
        channels: Vec::new(),
    })
}

/// Counts each area with its own budget of `area_budgets` (area id, kronor); returns the total
/// cost, the projects (those of areas without money last) and the areas.
fn count_by_area(
    file: &PbFile,
    area_budgets: &[(i64, i64)],
    options: &TallyOptions,
) -> Result<(i64, Vec<ProjectResult>, Vec<AreaResult>), TallyError> {
    let budgets: Vec<(String, Money)> = area_budgets
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
    for ((_, report), (area_id, budget)) in split.areas.iter().zip(area_budgets) {
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
    let outside = outside_areas(file, &projects);
    projects.extend(outside);
    Ok((kronor(&split.cost), projects, areas))
}

/// The projects of the election that no area's count listed: their area has no money.
fn outside_areas(file: &PbFile, counted: &[ProjectResult]) -> Vec<ProjectResult> {
    file.projects
        .iter()
        .filter(|project| !counted.iter().any(|p| p.id.to_string() == project.id))
        .map(|project| ProjectResult {
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
        })
        .collect()
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

fn kronor(money: &Money) -> i64 {
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
