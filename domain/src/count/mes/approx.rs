//! Fast, proven bounds on a project's `ρ` (price per unit of satisfaction)
//! with `f64` arithmetic.
//!
//! The price `q` solves `F(q) = Σ m·min(b, q·w) = cost` over the supporters.
//! We find an approximate `q` by the poor/rich iteration, then *prove* a
//! bracket: if `F(lo) < cost ≤ F(hi)` holds even after allowing for every
//! rounding error (the budgets' `E_b` and the summation error), the true price
//! lies in `(lo, hi]`. When no bracket can be proven — a near tie in the data
//! itself — the caller falls back to exact arithmetic.

use super::run::{Run, TINY, U};
use super::shares::Share;

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
        let shares = self.shares(p);
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let (mut total, mut voters) = (0.0f64, 0.0f64);
        for share in shares.iter() {
            let (m, b, w) = (share.voters as f64, share.budget, f64::from(share.weight));
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
            let rounds = poor_rich(&mut scratch, cost);
            // F(lo) ≤ S_P + lo·W_R and F(hi) ≥ S_P + q·W_R + (hi − q)·W_hi, up to `err`.
            let err = 2.0 * (voters * self.e_b + (k + 3.0) * U * (cost + rounds.poor_money) * 1.01)
                + TINY;
            let sigma = inp.sigma_f[p as usize];
            match rounds.q {
                Some(q) if ETA * q * rounds.rich_weight.min(rounds.high_weight) > err => {
                    Approx::Affordable {
                        lo: (q * (1.0 - ETA) / sigma * (1.0 - 4.0 * U) - TINY).max(0.0),
                        hi: q * (1.0 + ETA) / sigma * (1.0 + 4.0 * U) + TINY,
                        q,
                    }
                }
                Some(q) => self.bracket(p, &shares, q, voters, k),
                None => Approx::Uncertain,
            }
        };
        self.scratch = scratch;
        result
    }

    /// Proves `F(lo) < cost ≤ F(hi)` around the approximate price `q`.
    fn bracket(&self, p: u32, shares: &[Share], q: f64, voters: f64, k: f64) -> Approx {
        let inp = self.inp;
        let cost = inp.cost_f[p as usize];
        let sigma = inp.sigma_f[p as usize];
        let mut eta = 1e-9;
        while eta < 1e-3 {
            let (lo, hi) = (q * (1.0 - eta), q * (1.0 + eta));
            let (mut f_lo, mut f_hi) = (0.0f64, 0.0f64);
            for share in shares {
                let (m, b, w) = (share.voters as f64, share.budget, f64::from(share.weight));
                f_lo += m * b.min(lo * w);
                f_hi += m * b.min(hi * w);
            }
            let slack = voters * self.e_b + (k + 4.0) * U * f_hi * 1.01 + TINY;
            if f_lo + slack < cost && f_hi - slack >= cost {
                let lo = (lo / sigma * (1.0 - 4.0 * U) - TINY).max(0.0);
                return Approx::Affordable {
                    lo,
                    hi: hi / sigma * (1.0 + 4.0 * U) + TINY,
                    q,
                };
            }
            eta *= 1e3;
        }
        Approx::Uncertain
    }
}

/// Relative width of the bracket proven around an approximate price.
const ETA: f64 = 1e-9;

/// Outcome of the poor/rich iteration.
struct Rounds {
    /// The approximate price per unit of weight (`None` if it did not settle).
    q: Option<f64>,
    /// Money of those who pay all they have.
    poor_money: f64,
    /// Weight of those who pay the price.
    rich_weight: f64,
    /// Weight of those who could pay even `q·(1 + ETA)`.
    high_weight: f64,
}

/// Approximate price per unit of weight: the poor (who cannot pay `q·w`) pay
/// all they have, the rest share what is left. `items` are
/// `(budget / weight, m·budget, m·weight)` of the supporters; it is reordered.
fn poor_rich(items: &mut [(f64, f64, f64)], cost: f64) -> Rounds {
    let (mut poor_money, mut rich_weight) = (0.0, items.iter().map(|i| i.2).sum::<f64>());
    let mut rich = items.len();
    for _ in 0..64 {
        let q = (cost - poor_money) / rich_weight;
        let high = q * (1.0 + ETA) * (1.0 + 4.0 * U);
        let (mut moved, mut high_weight) = (false, 0.0);
        let mut i = 0;
        while i < rich {
            let item = items[i];
            if item.0 < q {
                poor_money += item.1;
                rich_weight -= item.2;
                rich -= 1;
                items.swap(i, rich);
                moved = true;
            } else {
                if item.0 >= high {
                    high_weight += item.2;
                }
                i += 1;
            }
        }
        if !moved {
            return Rounds {
                q: Some(q),
                poor_money,
                rich_weight,
                high_weight,
            };
        }
        if rich == 0 {
            break;
        }
    }
    Rounds {
        q: None,
        poor_money,
        rich_weight,
        high_weight: 0.0,
    }
}
