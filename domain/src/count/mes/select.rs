//! Choosing the next project: the affordable project with the lowest `ρ`,
//! ties going to the project whose id comes first as text.
//!
//! Each step looks at projects in order of a
//! proven lower bound on their `ρ` — `ρ` never falls during a run — and stops
//! as soon as no remaining project can beat the best one found, like
//! pabutools. Whenever `f64` bounds do not separate the front-runners, exact
//! prices decide.

use std::cmp::Ordering;

use num_bigint::BigInt;

use super::approx::Approx;
use super::exact::Price;
use super::run::Run;

/// A project that is affordable now, with bounds on its `ρ`.
pub(crate) struct Candidate {
    pub project: u32,
    pub lo: f64,
    pub hi: f64,
    pub exact: Option<Price>,
}

impl Run<'_> {
    /// Evaluates `p`: `None` (and `p` is dropped for good) if unaffordable.
    fn evaluate(&mut self, p: u32) -> Option<Candidate> {
        let candidate = match self.approx(p) {
            Approx::Unaffordable => None,
            Approx::Affordable { lo, hi, .. } => Some(Candidate {
                project: p,
                lo,
                hi,
                exact: None,
            }),
            Approx::Uncertain => self.exact_price(p).map(|q| {
                let (lo, hi) = self.rho_bounds(p, &q);
                Candidate {
                    project: p,
                    lo,
                    hi,
                    exact: Some(q),
                }
            }),
        };
        if let Some(c) = &candidate {
            self.lower[p as usize] = self.lower[p as usize].max(c.lo);
        }
        candidate
    }

    /// Evaluates only projects whose lower bound could still win.
    pub fn evaluate_lazily(&mut self) -> Vec<Candidate> {
        let lower = &self.lower;
        self.remaining
            .sort_by(|&a, &b| lower[a as usize].total_cmp(&lower[b as usize]));
        let mut best_hi = f64::INFINITY;
        let mut out = Vec::new();
        let mut dropped = Vec::new();
        for i in 0..self.remaining.len() {
            let p = self.remaining[i];
            if self.lower[p as usize] > best_hi {
                break;
            }
            match self.evaluate(p) {
                Some(c) => {
                    best_hi = best_hi.min(c.hi);
                    out.push(c);
                }
                None => dropped.push(p),
            }
        }
        self.remaining.retain(|p| !dropped.contains(p));
        out
    }

    /// The winner among `candidates` and its exact price; `None` if there are none.
    pub fn pick(&mut self, candidates: &mut Vec<Candidate>) -> Option<(u32, Price)> {
        loop {
            let best_hi = candidates
                .iter()
                .map(|c| c.hi)
                .fold(f64::INFINITY, f64::min);
            let close: Vec<usize> = (0..candidates.len())
                .filter(|&i| candidates[i].lo <= best_hi)
                .collect();
            for &i in &close {
                if candidates[i].exact.is_none() {
                    let c = &candidates[i];
                    // `lo` bounds ρ = q/σ from below: a good first guess at the price.
                    let seed = c.lo * self.inp.sigma_f[c.project as usize];
                    candidates[i].exact = self.exact_price_checked(c.project, true, seed);
                }
            }
            let gone: Vec<u32> = close
                .iter()
                .map(|&i| &candidates[i])
                .filter(|c| c.exact.is_none())
                .map(|c| c.project)
                .collect();
            if !gone.is_empty() {
                // f64 said affordable, exact arithmetic disagrees: trust the exact answer.
                candidates.retain(|c| !gone.contains(&c.project));
                self.remaining.retain(|p| !gone.contains(p));
                continue;
            }
            let mut best: Option<(u32, &Price)> = None;
            for &i in &close {
                let c = &candidates[i];
                let q = c.exact.as_ref()?;
                if best.is_none_or(|b| better(self, (c.project, q), b) == Ordering::Less) {
                    best = Some((c.project, q));
                }
            }
            return best.map(|(p, q)| (p, q.clone()));
        }
    }

    /// One step of a plain count: funds the next project, if any.
    pub fn step_lazy(&mut self) -> Option<u32> {
        let mut candidates = self.evaluate_lazily();
        let (p, q) = self.pick(&mut candidates)?;
        self.pay(p, q);
        Some(p)
    }

    /// Runs the count to its end.
    pub fn finish(&mut self) {
        while self.step_lazy().is_some() {}
    }
}

/// Compares two `ρ = num / (D · weight · σ)` exactly (same `D`), then by tie-breaking rank.
pub(crate) fn better(run: &Run<'_>, a: (u32, &Price), b: (u32, &Price)) -> Ordering {
    let inp = run.inp;
    let (sa, sb) = (&inp.sigma[a.0 as usize], &inp.sigma[b.0 as usize]);
    // num_a / (w_a · sa) < num_b / (w_b · sb)  ⇔  num_a · w_b · sb < num_b · w_a · sa
    let left = &a.1.num * BigInt::from(b.1.weight) * sb.numer() * sa.denom();
    let right = &b.1.num * BigInt::from(a.1.weight) * sa.numer() * sb.denom();
    left.cmp(&right)
        .then(inp.rank[a.0 as usize].cmp(&inp.rank[b.0 as usize]))
}
