//! Exact prices, for the close calls `f64` cannot settle and for every
//! project actually funded (later budgets are rebuilt from exact prices).
//!
//! The poor/rich iteration in exact rationals: start with everybody paying
//! the same price per unit of weight, move whoever cannot afford it to "pays
//! everything", recompute, until nobody moves. Each comparison is first tried
//! in `f64` with a proven margin and only done exactly when too close.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;

use super::input::to_f64;
use super::run::Run;

impl Run<'_> {
    /// The exact price per unit of weight of `p`, or `None` if its supporters
    /// cannot afford it.
    pub fn exact_price(&self, p: u32) -> Option<BigRational> {
        let inp = self.inp;
        let cost = &inp.cost[p as usize];
        let mut rich: Vec<(u32, u64)> =
            inp.supporters[p as usize].iter().copied().filter(|&(g, _)| !self.drained[g as usize]).collect();
        let mut all = self.exact_sum();
        for &(g, _) in &rich {
            all.add(self, g);
        }
        if &all.value(self) < cost {
            return None;
        }
        let mut poor = self.exact_sum();
        let mut weight: u128 = rich.iter().map(|&(g, w)| u128::from(inp.mult[g as usize]) * u128::from(w)).sum();
        loop {
            if weight == 0 {
                return None;
            }
            let q = (cost - poor.value(self)) / BigRational::from_integer(BigInt::from(weight));
            let q_f = to_f64(&q);
            let mut moved = Vec::new();
            rich.retain(|&(g, w)| {
                let cannot_pay = self.compare_budget(g, w, &q, q_f) == Ordering::Less;
                if cannot_pay {
                    moved.push((g, w));
                }
                !cannot_pay
            });
            if moved.is_empty() {
                return Some(q);
            }
            for (g, w) in moved {
                poor.add(self, g);
                weight -= u128::from(inp.mult[g as usize]) * u128::from(w);
            }
        }
    }

    /// `ρ = q / σ` of project `p` at exact price `q`.
    pub fn exact_rho(&self, p: u32, q: &BigRational) -> BigRational {
        q / &self.inp.sigma[p as usize]
    }

    /// `f64` bounds around an exact `ρ`.
    pub fn rho_bounds(&self, p: u32, q: &BigRational) -> (f64, f64) {
        let rho = to_f64(&self.exact_rho(p, q));
        (rho * (1.0 - 1e-14) - 1e-300, rho * (1.0 + 1e-14) + 1e-300)
    }
}
