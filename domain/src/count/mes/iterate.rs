//! The completions that raise the voters' money until the result uses the
//! budget: pabutools' add-one (`voter_budget_increment=1`: every voter gets
//! one more krona per round) and `exhaustion_by_budget_increase` (the budget
//! grows by 1 % per round), each stopping at the first round whose result is
//! exhaustive (returned) or over budget (the round before is returned).
//!
//! pabutools recounts at every step. The result only changes at a few
//! budgets, so here, from a counted step `k`, we jump ahead with jumps that
//! double while [`count_checked`] proves that everything in between gives the
//! same result, halve when it cannot, and fall back to single steps (which
//! need no proof) when proofs keep failing. Every step skipped is proven
//! equal to one that was counted, so the answer is identical.

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
        funded
            .iter()
            .chain(&inp.free)
            .fold(BigRational::from_integer(0.into()), |acc, &p| {
                acc + &inp.cost[p as usize]
            })
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
            // A step right next to a counted one needs no proof.
            let earlier = (t > k + 1).then_some(&trace);
            let (next, proven) = count_checked(inp, schedule.money_at(t), earlier);
            if proven || t == k + 1 {
                let changed = sorted(&next.funded) != set;
                if changed {
                    previous = Some((trace.funded.clone(), k));
                }
                (k, trace) = (t, next);
                if changed || k == limit {
                    break;
                }
                jumps.advanced(proven);
            } else {
                jumps.failed();
            }
        }
    }
}

/// Jump sizes: double while proofs succeed; after a failed proof go one step
/// at a time (no proof needed) for a while, waiting longer after each failure
/// in a row, since a proof that failed costs a whole count.
struct Jumps {
    size: u64,
    wait: u32,
    waited: u32,
}

impl Jumps {
    fn new() -> Jumps {
        Jumps {
            size: 1,
            wait: 4,
            waited: 0,
        }
    }

    fn advanced(&mut self, proven: bool) {
        if proven {
            self.size = self.size.saturating_mul(2);
            self.wait = 4;
        } else {
            self.waited += 1;
            if self.waited >= self.wait {
                self.size = 2;
            }
        }
    }

    fn failed(&mut self) {
        self.size = if self.size > 2 { self.size / 2 } else { 1 };
        if self.size == 1 {
            self.wait = (self.wait * 2).min(64);
            self.waited = 0;
        }
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
