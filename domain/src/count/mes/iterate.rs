//! The completions that raise the voters' money until the result uses the
//! budget: pabutools' add-one (`voter_budget_increment=1`: every voter gets
//! one more krona per round) and `exhaustion_by_budget_increase` (the budget
//! grows by 1 % per round), each stopping at the first round whose result is
//! exhaustive (returned) or over budget (the round before is returned).
//!
//! pabutools recounts at every step. The result only changes at a few
//! budgets, so here, from a counted step `k`, we jump ahead (`k+1`, then
//! jumps that double while [`count_checked`] proves that everything in
//! between gives the same result, and halve when it cannot). Every step
//! skipped is proven equal to one that was counted, so the answer is
//! identical; a step next to a counted one needs no proof.

use num_bigint::BigInt;
use num_rational::BigRational;

use super::certify::count_checked;
use super::input::MesInput;

/// How the per-voter money grows and when to stop.
pub(crate) struct Schedule<'a> {
    /// Per-voter budget at step 0.
    pub start: BigRational,
    /// Added per voter at each step.
    pub step: BigRational,
    /// Last step allowed (pabutools' `budget_bound`), if any.
    pub last: Option<u64>,
    /// The round's real budget.
    pub budget: &'a BigRational,
    /// Projects whose absence makes a result non-exhaustive.
    pub available: &'a [u32],
}

impl Schedule<'_> {
    fn money_at(&self, k: u64) -> BigRational {
        &self.start + &self.step * BigRational::from_integer(BigInt::from(k))
    }

    fn cost(&self, inp: &MesInput, funded: &[u32]) -> BigRational {
        funded.iter().chain(&inp.free).fold(BigRational::from_integer(0.into()), |acc, &p| acc + &inp.cost[p as usize])
    }

    fn exhaustive(&self, inp: &MesInput, funded: &[u32]) -> bool {
        let cost = self.cost(inp, funded);
        self.available
            .iter()
            .filter(|p| !funded.contains(p) && !inp.free.contains(p))
            .all(|&p| &cost + &inp.cost[p as usize] > *self.budget)
    }
}

#[cfg(test)]
fn count_at(inp: &MesInput, money: BigRational) -> Vec<u32> {
    let mut run = super::run::Run::new(inp, money);
    run.finish();
    run.selected
}

fn sorted(funded: &[u32]) -> Vec<u32> {
    let mut set = funded.to_vec();
    set.sort_unstable();
    set
}

/// Runs the schedule; returns the projects funded by Equal Shares (free ones
/// not included) and the step whose per-voter money produced them.
pub(crate) fn iterate(inp: &MesInput, schedule: &Schedule<'_>) -> (Vec<u32>, u64) {
    let limit = schedule.last.unwrap_or(u64::MAX / 4);
    let (mut trace, _) = count_checked(inp, schedule.money_at(0), None);
    let mut k = 0u64;
    let mut previous: Option<(Vec<u32>, u64)> = None;
    loop {
        let current = trace.funded.clone();
        if schedule.cost(inp, &current) > *schedule.budget {
            return previous.unwrap_or_default();
        }
        if schedule.exhaustive(inp, &current) || k == limit {
            return (current, k);
        }
        // Advance while the result provably stays the same, with growing jumps.
        let set = sorted(&current);
        let mut jumps = Jumps::new();
        loop {
            let t = k.saturating_add(jumps.size).min(limit);
            let (next, proven) = count_checked(inp, schedule.money_at(t), Some(&trace));
            if proven || t == k + 1 {
                let changed = sorted(&next.funded) != set;
                if changed {
                    previous = Some((current.clone(), k));
                }
                (k, trace) = (t, next);
                if changed || k == limit {
                    break;
                }
                jumps.proven(proven);
            } else {
                jumps.failed();
            }
        }
    }
}

/// Jump sizes: grow while proofs succeed, shrink when they fail, and after a
/// failure stay below the size that failed for a while (ρ drifts at a fairly
/// steady rate, so the size a proof can span changes slowly).
struct Jumps {
    size: u64,
    ceiling: u64,
    streak: u32,
}

impl Jumps {
    fn new() -> Jumps {
        Jumps { size: 1, ceiling: u64::MAX / 8, streak: 0 }
    }

    fn proven(&mut self, proven: bool) {
        if !proven {
            self.size = 1;
            return;
        }
        self.streak += 1;
        if self.streak >= 8 {
            self.ceiling = self.ceiling.saturating_mul(2);
            self.streak = 0;
        }
        self.size = self.size.saturating_mul(2).min(self.ceiling).max(1);
    }

    fn failed(&mut self) {
        self.size /= 2;
        self.ceiling = self.size.max(1);
        self.streak = 0;
    }
}

/// The same schedule counted one step at a time, as pabutools does (for tests).
#[cfg(test)]
pub(crate) fn iterate_naively(inp: &MesInput, schedule: &Schedule<'_>) -> (Vec<u32>, u64) {
    let mut previous = (Vec::new(), 0);
    for k in 0.. {
        let current = count_at(inp, schedule.money_at(k));
        if schedule.cost(inp, &current) > *schedule.budget {
            return previous;
        }
        if schedule.exhaustive(inp, &current) || Some(k) == schedule.last {
            return (current, k);
        }
        previous = (current, k);
    }
    previous
}
