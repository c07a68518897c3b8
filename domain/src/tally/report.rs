//! The tally as data for the app and as text for people: funded ids and their
//! cost (as in pabutools' output), and per project its votes and the reason
//! it was or was not funded.

use std::fmt::Write as _;

use serde::Serialize;

use super::TallyOptions;
use crate::count::{Completion, Outcome, Profile, Reason, Rule, Satisfaction, Stage, TieBreak};
use crate::money::Money;
use crate::pabulib::{PbFile, VoteType};

/// One project's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectOutcome {
    /// Project id.
    pub id: String,
    /// Project name, if the file has one.
    pub name: Option<String>,
    /// Cost.
    pub cost: Money,
    /// Voters who put it on their ballot.
    pub votes: u64,
    /// Total points (cumulative and scoring ballots).
    pub points: Option<f64>,
    /// Funded or not.
    pub selected: bool,
    /// Why.
    pub reason: Reason,
}

/// The result of a tally.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TallyReport {
    /// The rule used.
    pub rule: Rule,
    /// The completion used.
    pub completion: Completion,
    /// The satisfaction used (`None` for Phragmén).
    pub satisfaction: Option<Satisfaction>,
    /// How exact ties were broken.
    pub tie_break: TieBreak,
    /// Ballot format.
    pub vote_type: VoteType,
    /// Number of ballots.
    pub voters: u64,
    /// The budget (a JSON number).
    pub budget: Money,
    /// The budget exactly, `p` or `p/q`.
    pub budget_exact: String,
    /// Funded project ids, in the order they were funded.
    pub selected: Vec<String>,
    /// Total cost of the funded projects (a JSON number).
    pub cost: Money,
    /// The cost exactly, `p` or `p/q`.
    pub cost_exact: String,
    /// Every project, in file order.
    pub projects: Vec<ProjectOutcome>,
}

impl TallyReport {
    pub(crate) fn new(
        file: &PbFile,
        profile: &Profile,
        options: &TallyOptions,
        outcome: &Outcome,
    ) -> TallyReport {
        let votes = profile.supporters();
        let points = profile.vote_type.has_points().then(|| profile.points());
        let budget = profile.budget.clone();
        let projects = file
            .projects
            .iter()
            .enumerate()
            .map(|(p, project)| {
                let selected = outcome.is_selected(p as u32);
                let reason = match &outcome.reasons[p] {
                    reason if selected => reason.clone(),
                    _ if project.cost > budget => Reason::CostExceedsBudget {
                        budget: budget.to_f64(),
                    },
                    _ if votes[p] == 0 => Reason::NoVotes,
                    reason => reason.clone(),
                };
                ProjectOutcome {
                    id: project.id.clone(),
                    name: file.project_name(project),
                    cost: project.cost.clone(),
                    votes: votes[p],
                    points: points
                        .as_ref()
                        .map(|t| *t[p].numer() as f64 / *t[p].denom() as f64),
                    selected,
                    reason,
                }
            })
            .collect();
        let cost = profile.cost_of(&outcome.selected);
        TallyReport {
            rule: options.rule,
            completion: options.completion,
            satisfaction: options
                .satisfaction
                .or(options.rule.default_satisfaction(profile.vote_type)),
            tie_break: options.tie_break,
            vote_type: profile.vote_type,
            voters: profile.num_ballots,
            budget_exact: budget.exact_string(),
            budget,
            selected: outcome
                .selected
                .iter()
                .map(|&p| profile.ids[p as usize].clone())
                .collect(),
            cost_exact: cost.exact_string(),
            cost,
            projects,
        }
    }

    /// The report as one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// The report as a plain-text table for people.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let satisfaction = self
            .satisfaction
            .map(|s| format!(", satisfaction {s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "Rule: {} (completion {}{satisfaction}; ties: {})",
            self.rule, self.completion, self.tie_break
        );
        let share = if self.budget.is_zero() {
            0.0
        } else {
            100.0 * self.cost.to_f64() / self.budget.to_f64()
        };
        let _ = writeln!(
            out,
            "Budget {}; funded {} of {} projects for {} ({share:.1} %); {} voters",
            self.budget,
            self.selected.len(),
            self.projects.len(),
            self.cost,
            self.voters
        );
        let mut order: Vec<&ProjectOutcome> = self.projects.iter().collect();
        let position = |p: &ProjectOutcome| self.selected.iter().position(|id| *id == p.id);
        order.sort_by_key(|p| {
            (
                position(p).unwrap_or(usize::MAX),
                std::cmp::Reverse(p.votes),
            )
        });
        let _ = writeln!(
            out,
            "{:<10} {:>12} {:>7}  {:<44} name",
            "project", "cost", "votes", "result"
        );
        for p in order {
            let name = p.name.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "{:<10} {:>12} {:>7}  {:<44} {name}",
                p.id,
                p.cost.to_string(),
                p.votes,
                describe(&p.reason)
            );
        }
        out
    }
}

fn describe(reason: &Reason) -> String {
    match reason {
        Reason::Funded { step, stage } => {
            let by = match stage {
                Stage::Greedy => "greedy",
                Stage::EqualShares => "equal shares",
                Stage::Phragmen => "phragmen",
                Stage::GreedyCompletion => "greedy completion",
            };
            if *step == 0 {
                format!("funded (free, {by})")
            } else {
                format!("funded (step {step}, {by})")
            }
        }
        Reason::DoesNotFit { remaining_budget } => {
            format!("not funded: only {remaining_budget:.2} left")
        }
        Reason::SupportersLackMoney { supporters_money } => {
            format!("not funded: supporters had {supporters_money:.2}")
        }
        Reason::NoVotes => "not funded: no votes".to_owned(),
        Reason::CostExceedsBudget { .. } => "not funded: costs more than the budget".to_owned(),
        Reason::CountStoppedBefore => "not funded: count stopped before its turn".to_owned(),
    }
}
