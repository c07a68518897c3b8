//! One run of Equal Shares at a given per-voter budget: every voter group's
//! remaining money, kept as an `f64` for speed and reconstructible exactly.
//!
//! A group that has never been drained has exactly `b0 − Σ q_s · w_s` left,
//! summed over the funded projects `s` on its ballot (`q_s` is the exact price
//! per unit of weight of the `s`-th funded project); a drained group has 0.
//! So any exact sum of budgets is `count · b0 − Σ_s q_s · weight_s` with
//! integer counts, which costs one pass over the groups plus one rational
//! multiplication per funded project — cheap enough to settle every close
//! call exactly. The `f64` budgets are recomputed from the exact prices, so
//! their error stays below `E_b` (see [`Run::new`]) however long the run.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;

use super::input::{MesInput, to_f64};

/// Unit round-off of `f64`.
pub(crate) const U: f64 = f64::EPSILON / 2.0;
/// Keeps error intervals from collapsing to a point.
pub(crate) const TINY: f64 = 1e-300;
const NOT_FUNDED: u32 = u32::MAX;

pub(crate) struct Run<'a> {
    pub inp: &'a MesInput,
    pub b0: BigRational,
    pub budget: Vec<f64>,
    pub drained: Vec<bool>,
    /// Per project: its index among the funded, or `NOT_FUNDED`.
    funded_as: Vec<u32>,
    /// Exact price per unit of weight of each funded project, in funding order.
    pub q: Vec<BigRational>,
    pub selected: Vec<u32>,
    pub remaining: Vec<u32>,
    /// Per project: a proven lower bound on its current `ρ`.
    pub lower: Vec<f64>,
    /// Bound on `|budget − exact budget|` for every group that is not drained.
    pub e_b: f64,
    pub scratch: Vec<(f64, f64, f64)>,
}

/// Exact sum of the budgets of a set of groups, as integer coefficients.
pub(crate) struct ExactSum {
    count: u128,
    per_funded: Vec<u128>,
}

impl<'a> Run<'a> {
    pub fn new(inp: &'a MesInput, b0: BigRational) -> Run<'a> {
        let b0_f = to_f64(&b0);
        let n = inp.cost.len();
        let mut lower = vec![0.0; n];
        for &p in &inp.candidates {
            let weight: f64 = inp.supporters[p as usize].iter().map(|&(g, w)| inp.mult_f[g as usize] * w as f64).sum();
            lower[p as usize] = inp.cost_f[p as usize] / weight / inp.sigma_f[p as usize] * (1.0 - 1e-12);
        }
        Run {
            inp,
            // Each payment adds at most 3u·b0 of rounding; 4× margin on top.
            e_b: 4.0 * (3.0 * n as f64 + 4.0) * U * b0_f + TINY,
            b0,
            budget: vec![b0_f; inp.mult.len()],
            drained: vec![false; inp.mult.len()],
            funded_as: vec![NOT_FUNDED; n],
            q: Vec::new(),
            selected: Vec::new(),
            remaining: inp.candidates.clone(),
            lower,
            scratch: Vec::new(),
        }
    }

    /// The exact money group `g` has left.
    pub fn exact_budget(&self, g: u32) -> BigRational {
        let mut sum = self.exact_sum();
        sum.add(self, g);
        sum.value(self)
    }

    pub fn exact_sum(&self) -> ExactSum {
        ExactSum { count: 0, per_funded: vec![0; self.q.len()] }
    }

    /// Compares group `g`'s money with `q · w` (`q_f` is `q` as `f64`), exactly.
    pub fn compare_budget(&self, g: u32, w: u64, q: &BigRational, q_f: f64) -> Ordering {
        if self.drained[g as usize] {
            return if q.is_zero() { Ordering::Equal } else { Ordering::Less };
        }
        let b = self.budget[g as usize];
        let price = q_f * w as f64;
        let margin = self.e_b + 4.0 * U * (b.abs() + price) + TINY;
        if b < price - margin {
            Ordering::Less
        } else if b > price + margin {
            Ordering::Greater
        } else {
            self.exact_budget(g).cmp(&(q * BigRational::from_integer(BigInt::from(w))))
        }
    }

    /// Funds `p` at exact price `q`: supporters who have at most `q · w` left pay
    /// everything, the others pay `q · w`. Returns the groups drained now.
    pub fn pay(&mut self, p: u32, q: BigRational) -> Vec<u32> {
        let q_f = to_f64(&q);
        let mut drained_now = Vec::new();
        for &(g, w) in &self.inp.supporters[p as usize] {
            if self.drained[g as usize] {
                continue;
            }
            if self.compare_budget(g, w, &q, q_f) != Ordering::Greater {
                self.drained[g as usize] = true;
                self.budget[g as usize] = 0.0;
                drained_now.push(g);
            } else {
                self.budget[g as usize] -= q_f * w as f64;
            }
        }
        self.funded_as[p as usize] = self.q.len() as u32;
        self.q.push(q);
        self.selected.push(p);
        self.remaining.retain(|&r| r != p);
        drained_now
    }

    /// Approximate money of `p`'s supporters (for explanations).
    pub fn supporters_money(&self, p: u32) -> f64 {
        self.inp.supporters[p as usize]
            .iter()
            .map(|&(g, _)| self.inp.mult_f[g as usize] * self.budget[g as usize])
            .sum()
    }
}

impl ExactSum {
    /// Adds group `g` (nothing if it is drained: it has no money).
    pub fn add(&mut self, run: &Run<'_>, g: u32) {
        if run.drained[g as usize] {
            return;
        }
        let m = u128::from(run.inp.mult[g as usize]);
        self.count += m;
        for &(p, w) in &run.inp.entries[g as usize] {
            let s = run.funded_as[p as usize];
            if s != NOT_FUNDED {
                self.per_funded[s as usize] += m * u128::from(w);
            }
        }
    }

    /// The exact total.
    pub fn value(&self, run: &Run<'_>) -> BigRational {
        let int = |n: u128| BigRational::from_integer(BigInt::from(n));
        let mut total = &run.b0 * int(self.count);
        for (q, &n) in run.q.iter().zip(&self.per_funded) {
            if n > 0 {
                total -= q * int(n);
            }
        }
        total
    }
}
