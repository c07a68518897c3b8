//! Exact prices, for the close calls `f64` cannot settle and for every
//! project actually funded (later budgets are rebuilt from exact prices).
//!
//! The poor/rich iteration in exact arithmetic: start with everybody paying
//! the same price per unit of weight, move whoever cannot afford it to "pays
//! everything", recompute, until nobody moves. Each comparison is first tried
//! in `f64` with a proven margin and only done exactly when too close.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;

use super::input::ratio_f64;
use super::run::Run;

/// An exact price per unit of weight: `num / (D · weight)`, where `D` is the
/// run's denominator at the time (a price is used before the next payment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Price {
    pub num: BigInt,
    pub weight: u128,
}

impl Price {
    /// The price as `f64` (relative error a few units of round-off).
    pub fn to_f64(&self, run: &Run<'_>) -> f64 {
        ratio_f64(&self.num, &(&run.den * BigInt::from(self.weight)))
    }
}

impl Run<'_> {
    /// The exact price of `p`, or `None` if its supporters cannot afford it.
    pub fn exact_price(&self, p: u32) -> Option<Price> {
        self.exact_price_checked(p, false)
    }

    /// As [`Run::exact_price`]; `affordable` skips the affordability check when
    /// `f64` bounds have already proven it.
    pub fn exact_price_checked(&self, p: u32, affordable: bool) -> Option<Price> {
        let inp = self.inp;
        let cost = self.scaled_cost(p);
        let mut rich: Vec<(u32, u32)> = inp.supporters[p as usize]
            .iter()
            .copied()
            .filter(|&(g, _)| !self.drained[g as usize])
            .collect();
        if !affordable {
            let mut all = self.exact_sum();
            for &(g, _) in &rich {
                all.add(self, g);
            }
            if all.value(self) < cost {
                return None;
            }
        }
        let mut poor = self.exact_sum();
        let mut weight: u128 = rich
            .iter()
            .map(|&(g, w)| u128::from(inp.mult[g as usize]) * u128::from(w))
            .sum();
        loop {
            if weight == 0 {
                return None;
            }
            let price = Price {
                num: &cost - poor.value(self),
                weight,
            };
            let q_f = price.to_f64(self);
            let mut moved = Vec::new();
            rich.retain(|&(g, w)| {
                let cannot_pay = self.compare_budget(g, w, &price, q_f) == Ordering::Less;
                if cannot_pay {
                    moved.push((g, w));
                }
                !cannot_pay
            });
            if moved.is_empty() {
                return Some(price);
            }
            for (g, w) in moved {
                poor.add(self, g);
                weight -= u128::from(inp.mult[g as usize]) * u128::from(w);
            }
        }
    }

    /// `ρ = q / σ` of project `p` at exact `price`.
    pub fn exact_rho(&self, p: u32, price: &Price) -> BigRational {
        BigRational::new(price.num.clone(), &self.den * BigInt::from(price.weight))
            / &self.inp.sigma[p as usize]
    }

    /// `f64` bounds around the exact `ρ` of `p` at `price`.
    pub fn rho_bounds(&self, p: u32, price: &Price) -> (f64, f64) {
        let sigma = &self.inp.sigma[p as usize];
        let rho = ratio_f64(
            &(&price.num * sigma.denom()),
            &(&self.den * BigInt::from(price.weight) * sigma.numer()),
        );
        (rho * (1.0 - 1e-14) - 1e-300, rho * (1.0 + 1e-14) + 1e-300)
    }
}
