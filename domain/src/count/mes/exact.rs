//! Exact prices, for the close calls `f64` cannot settle and for every
//! project actually funded (later budgets are rebuilt from exact prices).
//!
//! The poor/rich iteration in exact arithmetic: start with everybody paying
//! the same price per unit of weight, move whoever cannot afford it to "pays
//! everything", recompute, until nobody moves. Each comparison is first tried
//! in `f64` with a proven margin and only done exactly when too close. Those
//! who plainly cannot pay the price `f64` bounds have found may be moved
//! first; the result is then checked (see `poor_rich_exact`) and is the same.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;

use super::input::ratio_f64;
use super::run::Run;
use super::shares::Share;

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
    pub fn exact_price(&mut self, p: u32) -> Option<Price> {
        self.exact_price_checked(p, false, 0.0)
    }

    /// As [`Run::exact_price`]; `affordable` skips the affordability check when
    /// `f64` bounds have already proven it. `seed` is a guess at a lower bound
    /// on the price per unit of weight (`0.0` for none): supporters who plainly
    /// cannot pay it start among those who pay everything, which saves rounds.
    /// The guess need not be right: the answer is checked, and computed
    /// without it if the check fails.
    pub fn exact_price_checked(&mut self, p: u32, affordable: bool, seed: f64) -> Option<Price> {
        let cost = self.scaled_cost(p);
        let shares = self.shares(p);
        if !affordable {
            let mut all = self.exact_sum();
            for share in shares.iter() {
                all.add(self, share.class, share.voters);
            }
            if all.value(self) < cost {
                return None;
            }
        }
        if seed > 0.0
            && let Some(price) = self.poor_rich_exact(&shares, &cost, seed)
        {
            return Some(price);
        }
        self.poor_rich_exact(&shares, &cost, 0.0)
    }

    /// The poor/rich iteration over `shares` (a project's supporters), from
    /// the poor set `{b < seed·w}` (by `f64`).
    ///
    /// From no poor at all (`seed = 0`) this is pabutools' iteration: the poor
    /// only grow, the price `q_k` never exceeds the true price `q*` (the
    /// smallest `q` with `Σ m·min(b, q·w) = cost`), and it stops at `q*` with
    /// exactly `{b < q*·w}` poor, or returns `None` when nobody is left rich.
    /// Started from another poor set it may end elsewhere, so its end is
    /// accepted only if every seeded share is then poor in exact arithmetic
    /// (`b < q·w`): then the end state has the poor `{b < q·w}`, the rich
    /// `{b ≥ q·w}` (non-empty) and `Σ m·min(b, q·w) = cost`, which makes `q`
    /// the smallest root `q*` and the state the very one the plain iteration
    /// reaches. Otherwise it gives up (`None`) and the caller starts from no poor.
    fn poor_rich_exact(&self, shares: &[Share], cost: &BigInt, seed: f64) -> Option<Price> {
        let mut poor = self.exact_sum();
        let mut weight: u128 = 0;
        let (mut seeded, mut rich): (Vec<&Share>, Vec<&Share>) = (Vec::new(), Vec::new());
        for share in shares {
            if share.budget < seed * f64::from(share.weight) {
                poor.add(self, share.class, share.voters);
                seeded.push(share);
            } else {
                rich.push(share);
                weight += u128::from(share.voters) * u128::from(share.weight);
            }
        }
        loop {
            if weight == 0 {
                return None;
            }
            let price = Price {
                num: cost - poor.value(self),
                weight,
            };
            let q_f = price.to_f64(self);
            let mut moved = Vec::new();
            rich.retain(|&share| {
                let cannot_pay = self.compare_budget(share, &price, q_f) == Ordering::Less;
                if cannot_pay {
                    moved.push(share);
                }
                !cannot_pay
            });
            if moved.is_empty() {
                let checked = seeded
                    .iter()
                    .all(|share| self.compare_budget(share, &price, q_f) == Ordering::Less);
                return checked.then_some(price);
            }
            for share in moved {
                poor.add(self, share.class, share.voters);
                weight -= u128::from(share.voters) * u128::from(share.weight);
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
