//! One run of Equal Shares at a given per-voter budget: every voter group's
//! remaining money, kept as an `f64` for speed and reconstructible exactly.
//!
//! A group that has never been drained has exactly `b0 − Σ q_s · w_s` left,
//! summed over the funded projects `s` on its ballot (`q_s` is the exact price
//! per unit of weight of the `s`-th funded project); a drained group has 0.
//! Exact amounts are integers over one common denominator `D` (`b0 = B0/D`,
//! `q_s = Q_s/D`), which grows when a project is funded; so an exact sum of
//! budgets is `count · B0 − Σ_s weight_s · Q_s` over `D`: integer products,
//! no fraction reductions, one pass over the groups. The `f64` budgets are
//! updated from the exact prices, so their error stays below `E_b` (see
//! [`Run::new`]) however long the run.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;

use super::exact::Price;
use super::input::{MesInput, to_f64};

/// Unit round-off of `f64`.
pub(crate) const U: f64 = f64::EPSILON / 2.0;
/// Keeps error intervals from collapsing to a point.
pub(crate) const TINY: f64 = 1e-300;
const NOT_FUNDED: u32 = u32::MAX;

pub(crate) struct Run<'a> {
    pub inp: &'a MesInput,
    /// The common denominator `D` of all exact amounts.
    pub den: BigInt,
    /// `b0 · D`.
    b0_num: BigInt,
    /// `q_s · D` for the `s`-th funded project.
    q_num: Vec<BigInt>,
    pub budget: Vec<f64>,
    pub drained: Vec<bool>,
    /// Per project: its index among the funded, or `NOT_FUNDED`.
    funded_as: Vec<u32>,
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
        let den = inp.cost_denominators.lcm(b0.denom());
        let b0_num = b0.numer() * (&den / b0.denom());
        let mut lower = vec![0.0; n];
        for &p in &inp.candidates {
            let weight: f64 = inp.supporters[p as usize]
                .iter()
                .map(|&(g, w)| inp.mult_f[g as usize] * w as f64)
                .sum();
            lower[p as usize] =
                inp.cost_f[p as usize] / weight / inp.sigma_f[p as usize] * (1.0 - 1e-12);
        }
        Run {
            inp,
            // Each payment adds at most ~5u·b0 of rounding; 4× margin on top.
            e_b: 4.0 * (5.0 * n as f64 + 4.0) * U * b0_f + TINY,
            den,
            b0_num,
            q_num: Vec::new(),
            budget: vec![b0_f; inp.mult.len()],
            drained: vec![false; inp.mult.len()],
            funded_as: vec![NOT_FUNDED; n],
            selected: Vec::new(),
            remaining: inp.candidates.clone(),
            lower,
            scratch: Vec::new(),
        }
    }

    /// `cost_p · D`, an integer.
    pub fn scaled_cost(&self, p: u32) -> BigInt {
        let cost = &self.inp.cost[p as usize];
        cost.numer() * (&self.den / cost.denom())
    }

    /// The exact money group `g` has left, times `D`.
    pub fn exact_budget(&self, g: u32) -> BigInt {
        let mut sum = self.exact_sum();
        sum.add(self, g);
        sum.value(self)
    }

    pub fn exact_sum(&self) -> ExactSum {
        ExactSum {
            count: 0,
            per_funded: vec![0; self.q_num.len()],
        }
    }

    /// Compares group `g`'s money with `price · w` (`q_f` is the price as `f64`), exactly.
    pub fn compare_budget(&self, g: u32, w: u32, price: &Price, q_f: f64) -> Ordering {
        if self.drained[g as usize] {
            return BigInt::ZERO.cmp(&price.num);
        }
        let b = self.budget[g as usize];
        let cost = q_f * f64::from(w);
        let margin = self.e_b + 8.0 * U * (b.abs() + cost) + TINY;
        if b < cost - margin {
            Ordering::Less
        } else if b > cost + margin {
            Ordering::Greater
        } else {
            // b/D vs num·w/(D·weight)
            (self.exact_budget(g) * BigInt::from(price.weight)).cmp(&(&price.num * BigInt::from(w)))
        }
    }

    /// Funds `p` at exact `price`: supporters who have at most `price · w` left
    /// pay everything, the others pay `price · w`. Returns the groups drained now.
    pub fn pay(&mut self, p: u32, price: Price) -> Vec<u32> {
        let q_f = price.to_f64(self);
        let mut drained_now = Vec::new();
        for &(g, w) in &self.inp.supporters[p as usize] {
            if self.drained[g as usize] {
                continue;
            }
            if self.compare_budget(g, w, &price, q_f) != Ordering::Greater {
                self.drained[g as usize] = true;
                self.budget[g as usize] = 0.0;
                drained_now.push(g);
            } else {
                self.budget[g as usize] -= q_f * f64::from(w);
            }
        }
        // q = num / (D·weight): bring everything to the denominator D·weight/g.
        let weight = BigInt::from(price.weight);
        let common = price.num.gcd(&weight);
        let factor = weight / &common;
        for q in &mut self.q_num {
            *q *= &factor;
        }
        self.b0_num *= &factor;
        self.den *= &factor;
        self.q_num.push(price.num / common);
        self.funded_as[p as usize] = (self.q_num.len() - 1) as u32;
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

    /// The exact total, times `D`.
    pub fn value(&self, run: &Run<'_>) -> BigInt {
        let mut total = &run.b0_num * BigInt::from(self.count);
        for (q, &n) in run.q_num.iter().zip(&self.per_funded) {
            if n > 0 {
                total -= q * BigInt::from(n);
            }
        }
        total
    }
}
