//! Proof that Equal Shares gives the same result for every per-voter budget
//! between `a` and `b` — what lets the add-one completions jump over budgets
//! instead of recounting at each krona as pabutools does.
//!
//! Monotonicity: as long as the same projects win in the same order, more
//! money at the start means at least as much money for every voter after every
//! step (a richer group of supporters pays a lower price, so everybody keeps
//! more), and therefore a `ρ` at most as high for every project. So for any
//! `t` in `[a, b]`, at each step: the winner `w` has `ρ_w(t) ≤ ρ_w(a)`, and
//! every rival `p` has `ρ_p(t) ≥ ρ_p(b)`, or is unaffordable if it is at `b`.
//! So when counting at `b` with the trace of `a` at hand, if the same project wins each step
//! and every rival has `ρ_p(b) > ρ_w(a)` (or `=` when `w` wins the tie on its
//! id), the same project wins at `t` too — by induction, the whole outcome is
//! the same. If a check fails the certificate fails and the caller looks
//! closer; a failure never makes a result wrong, only slower.

use std::cmp::Ordering;

use num_rational::BigRational;

use super::approx::Approx;
use super::input::MesInput;
use super::run::Run;

/// What a counted step leaves for checking the next one: the winner of
/// each round and its exact `ρ`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trace {
    pub funded: Vec<u32>,
    rho: Vec<BigRational>,
}

/// Counts at per-voter budget `money`; when `earlier` (the trace of a smaller
/// budget) is given, also checks the conditions above against it.
/// Returns the trace and whether the same outcome is proven for every budget
/// between the two. When a proof fails the count stops there (the caller
/// only wants proven results), so the trace is then incomplete.
pub(crate) fn count_checked(
    inp: &MesInput,
    money: BigRational,
    earlier: Option<&Trace>,
) -> (Trace, bool) {
    let mut run = Run::new(inp, money);
    let mut trace = Trace::default();
    let mut proven = earlier.is_some();
    loop {
        let mut candidates = run.evaluate_lazily();
        let Some((w, q)) = run.pick(&mut candidates) else {
            break;
        };
        if proven {
            let step = trace.funded.len();
            proven = match earlier.map(|e| (e.funded.get(step), e.rho.get(step))) {
                Some((Some(&w_a), Some(rho_a))) if w_a == w => run.no_rival_beats(w, rho_a),
                _ => false,
            };
            if !proven {
                return (trace, false);
            }
        }
        trace.rho.push(run.exact_rho(w, &q));
        trace.funded.push(w);
        run.pay(w, q);
    }
    let same_length = earlier.is_some_and(|e| e.funded.len() == trace.funded.len());
    (trace, proven && same_length)
}

impl Run<'_> {
    /// True when no remaining project other than `w` has `ρ` below `rho_w`
    /// (or equal to it while coming before `w` in the tie order).
    fn no_rival_beats(&mut self, w: u32, rho_w: &BigRational) -> bool {
        let (low_w, high_w) = {
            let rho = super::input::to_f64(rho_w);
            (rho * (1.0 - 1e-14) - 1e-300, rho * (1.0 + 1e-14) + 1e-300)
        };
        let rivals: Vec<u32> = self.remaining.iter().copied().filter(|&p| p != w).collect();
        for p in rivals {
            if self.lower[p as usize] > high_w {
                continue;
            }
            let exact = match self.approx(p) {
                Approx::Unaffordable => continue,
                Approx::Affordable { lo, hi, .. } => {
                    self.lower[p as usize] = self.lower[p as usize].max(lo);
                    if lo > high_w {
                        continue;
                    }
                    if hi < low_w {
                        return false;
                    }
                    self.exact_price_checked(p, true, lo * self.inp.sigma_f[p as usize])
                }
                Approx::Uncertain => self.exact_price(p),
            };
            let Some(q) = exact else { continue };
            let q = &q;
            let strict = self.inp.rank[p as usize] < self.inp.rank[w as usize];
            match self.exact_rho(p, q).cmp(rho_w) {
                Ordering::Greater => {}
                Ordering::Equal if !strict => {}
                _ => return false,
            }
        }
        true
    }
}
