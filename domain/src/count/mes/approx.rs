//! Fast, proven bounds on a project's `ρ` (price per unit of satisfaction)
//! with `f64` arithmetic.
//!
//! The price `q` solves `F(q) = Σ m·min(b, q·w) = cost` over the supporters.
//! We find an approximate `q` by the poor/rich iteration, then *prove* a
//! bracket: if `F(lo) < cost ≤ F(hi)` holds even after allowing for every
//! rounding error (the budgets' `E_b` and the summation error), the true price
//! lies in `(lo, hi]`. When no bracket can be proven — a near tie in the data
//! itself — the caller falls back to exact arithmetic.

use std::cmp::Ordering;

use super::run::{Run, TINY, U};

/// What the `f64` evaluation of a project could prove.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Approx {
    /// Its supporters together have less money than it costs.
    Unaffordable,
    /// `ρ` lies in `[lo, hi]`; `q` is the approximate price per unit of weight.
    Affordable { lo: f64, hi: f64, q: f64 },
    /// Too close to call in `f64`.
    Uncertain,
}

impl Run<'_> {
    pub fn approx(&mut self, p: u32) -> Approx {
        let inp = self.inp;
        let cost = inp.cost_f[p as usize];
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let (mut total, mut voters) = (0.0f64, 0.0f64);
        for &(g, w) in &inp.supporters[p as usize] {
            if self.drained[g as usize] {
                continue;
            }
            let (m, b, w) = (inp.mult_f[g as usize], self.budget[g as usize], w as f64);
            total += m * b;
            voters += m;
            scratch.push((b / w, m * b, m * w));
        }
        let k = scratch.len() as f64;
        let slack = voters * self.e_b + (k + 4.0) * U * total * 1.01 + TINY;
        let result = if total + slack < cost {
            Approx::Unaffordable
        } else if total - slack < cost {
            Approx::Uncertain
        } else {
            let q = price(&mut scratch, cost);
            self.bracket(p, q, voters, k)
        };
        self.scratch = scratch;
        result
    }

    /// Proves `F(lo) < cost ≤ F(hi)` around the approximate price `q`.
    fn bracket(&self, p: u32, q: f64, voters: f64, k: f64) -> Approx {
        let inp = self.inp;
        let cost = inp.cost_f[p as usize];
        let sigma = inp.sigma_f[p as usize];
        let mut eta = 1e-9;
        while eta < 1e-3 {
            let (lo, hi) = (q * (1.0 - eta), q * (1.0 + eta));
            let (mut f_lo, mut f_hi) = (0.0f64, 0.0f64);
            for &(g, w) in &inp.supporters[p as usize] {
                let (m, b, w) = (inp.mult_f[g as usize], self.budget[g as usize], w as f64);
                f_lo += m * b.min(lo * w);
                f_hi += m * b.min(hi * w);
            }
            let slack = voters * self.e_b + (k + 4.0) * U * f_hi * 1.01 + TINY;
            if f_lo + slack < cost && f_hi - slack >= cost {
                let lo = (lo / sigma * (1.0 - 4.0 * U) - TINY).max(0.0);
                return Approx::Affordable { lo, hi: hi / sigma * (1.0 + 4.0 * U) + TINY, q };
            }
            eta *= 1e3;
        }
        Approx::Uncertain
    }
}

/// Approximate price per unit of weight: the poor (who cannot pay `q·w`) pay
/// all they have, the rest share what is left. `items` are
/// `(budget / weight, m·budget, m·weight)` of the supporters.
fn price(items: &mut [(f64, f64, f64)], cost: f64) -> f64 {
    let rich_weight: f64 = items.iter().map(|i| i.2).sum();
    let q = cost / rich_weight;
    if items.iter().all(|i| i.0 >= q) {
        return q;
    }
    items.sort_unstable_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal));
    let (mut paid, mut weight) = (0.0, rich_weight);
    for item in items.iter() {
        let q = (cost - paid) / weight;
        if item.0 >= q {
            return q;
        }
        paid += item.1;
        weight -= item.2;
    }
    f64::INFINITY
}
