//! The Method of Equal Shares (MES), reproducing pabutools 1.2.3's
//! `method_of_equal_shares` and its usual completions exactly.
//!
//! Every voter gets an equal share of the budget. Repeatedly, the project
//! whose supporters can pay for it with the lowest price per unit of
//! satisfaction (`ρ`) is funded; those who cannot pay their part pay all they
//! have. It ends when no project's supporters can afford it.
//!
//! Arithmetic: decisions are exact (as pabutools' `gmpy2.mpq`), but exact
//! rationals for 90 000 budgets would be slow and their denominators grow with
//! every funded project. So budgets are `f64` with a proven error bound, every
//! decision is first tried with proven `f64` bounds, and only close calls (and
//! the price of each funded project) are computed in exact rationals — from
//! integer counts and the exact prices, never from the `f64` values.
//!
//! Voters who have paid the same have the same money, exactly and as `f64`,
//! so a run keeps budgets per *budget class* and looks at a project's
//! supporters as a few classes with a voter count each ([`run`]); every
//! decision is the one it would be voter by voter, only made once per class.

mod approx;
mod certify;
mod exact;
mod input;
mod iterate;
mod run;
mod select;
mod shares;

use std::fmt;
use std::str::FromStr;

use num_bigint::BigInt;
use num_rational::BigRational;
use serde::Serialize;

use input::MesInput;
pub(crate) use input::MesSat;
pub use input::PointsTooFine;
use iterate::{Schedule, iterate};
use run::Run;

use super::greedy::greedy;
use super::outcome::{Outcome, Reason, Stage};
use super::profile::Profile;
use super::satisfaction::Satisfaction;

/// What to do when Equal Shares leaves money unspent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Completion {
    /// Nothing: plain Equal Shares.
    None,
    /// Give every voter one more krona until the result is exhaustive (or the budget breaks).
    Add1,
    /// `Add1`, then greedy by votes for what is left.
    Add1Greedy,
    /// Raise the budget by 1 % until exhaustive (or over budget), then greedy by votes.
    BudgetIncreaseGreedy,
}

impl Completion {
    /// All completions.
    pub const ALL: [Completion; 4] = [
        Completion::None,
        Completion::Add1,
        Completion::Add1Greedy,
        Completion::BudgetIncreaseGreedy,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Completion::None => "none",
            Completion::Add1 => "add1",
            Completion::Add1Greedy => "add1-greedy",
            Completion::BudgetIncreaseGreedy => "budget-increase-greedy",
        }
    }
}

impl fmt::Display for Completion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A completion name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown completion '{0}' (expected none, add1, add1-greedy or budget-increase-greedy)")]
pub struct ParseCompletionError(pub String);

impl FromStr for Completion {
    type Err = ParseCompletionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Completion::ALL
            .into_iter()
            .find(|c| c.as_str() == text.trim())
            .ok_or_else(|| ParseCompletionError(text.to_owned()))
    }
}

/// Equal Shares with `satisfaction` (`Cost` or `Points`) and a completion.
pub(crate) fn equal_shares(
    profile: &Profile,
    sat: MesSat,
    completion: Completion,
) -> Result<Outcome, PointsTooFine> {
    let inp = MesInput::new(profile, sat)?;
    let budget = profile.budget.ratio();
    let start = inp.start_budget(budget);
    let all: Vec<u32> = (0..profile.len() as u32).collect();
    let (funded, money) = match completion {
        _ if profile.num_ballots == 0 => (Vec::new(), None),
        Completion::None => (Vec::new(), Some(start)),
        Completion::Add1 | Completion::Add1Greedy => {
            let one = BigRational::from_integer(BigInt::from(1));
            let schedule = Schedule {
                step: one,
                start,
                last: None,
                budget,
                available: &inp.candidates,
            };
            let (funded, k) = iterate(&inp, &schedule);
            let money = schedule.start.clone() + BigRational::from_integer(BigInt::from(k));
            (funded, Some(money))
        }
        Completion::BudgetIncreaseGreedy => {
            let hundred_n = BigInt::from(inp.n_ballots) * BigInt::from(100);
            let step = budget / BigRational::from_integer(hundred_n);
            let last = Some(inp.n_ballots.saturating_mul(100));
            let schedule = Schedule {
                start,
                step,
                last,
                budget,
                available: &all,
            };
            let (funded, k) = iterate(&inp, &schedule);
            let money =
                &schedule.start + &schedule.step * BigRational::from_integer(BigInt::from(k));
            (funded, Some(money))
        }
    };
    let mut outcome = Outcome::empty(profile.len());
    if let Some(money) = money {
        let mut run = Run::new(&inp, money);
        run.finish();
        let funded = if completion == Completion::None {
            run.selected.clone()
        } else {
            funded
        };
        record(&mut outcome, &inp, &run, &funded);
    }
    let needs_greedy = matches!(
        completion,
        Completion::Add1Greedy | Completion::BudgetIncreaseGreedy
    );
    if needs_greedy && !is_exhaustive(profile, &outcome.selected) {
        outcome = greedy(
            profile,
            Satisfaction::Cost,
            outcome,
            Stage::GreedyCompletion,
        );
    }
    Ok(outcome)
}

fn record(outcome: &mut Outcome, inp: &MesInput, run: &Run<'_>, funded: &[u32]) {
    for &p in &inp.free {
        outcome.selected.push(p);
        outcome.reasons[p as usize] = Reason::Funded {
            step: 0,
            stage: Stage::EqualShares,
        };
    }
    for (i, &p) in funded.iter().enumerate() {
        outcome.selected.push(p);
        outcome.reasons[p as usize] = Reason::Funded {
            step: i as u32 + 1,
            stage: Stage::EqualShares,
        };
    }
    let unfunded: Vec<u32> = (inp.candidates.iter().copied())
        .filter(|&p| !outcome.is_selected(p))
        .collect();
    for (&p, money) in unfunded.iter().zip(run.supporters_money(&unfunded)) {
        outcome.reasons[p as usize] = Reason::SupportersLackMoney {
            supporters_money: money,
        };
    }
}

/// True when no unfunded project fits in what is left of the budget.
pub(crate) fn is_exhaustive(profile: &Profile, funded: &[u32]) -> bool {
    let left = profile.budget.ratio() - profile.cost_of(funded).ratio();
    (0..profile.len() as u32)
        .filter(|p| !funded.contains(p))
        .all(|p| profile.costs[p as usize].ratio() > &left)
}

#[cfg(test)]
mod tests;
