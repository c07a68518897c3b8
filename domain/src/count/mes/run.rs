//! One run of Equal Shares at a given per-voter budget: every voter group's
//! remaining money, kept as an `f64` for speed and reconstructible exactly.
//!
//! A group that has never been drained has exactly `b0 − Σ q_s · w_s` left,
//! summed over the funded projects `s` on its ballot (`q_s` is the exact price
//! per unit of weight of the `s`-th funded project); a drained group has 0.
//! Exact amounts are integers over one common denominator `D` (`b0 = B0/D`,
//! `q_s = Q_s/D`), which grows when a project is funded; so an exact sum of
//! budgets is `count · B0 − Σ_s weight_s · Q_s` over `D`: integer products,
//! no fraction reductions. The `f64` budgets are updated from the exact
//! prices, so their error stays below `E_b` (see [`Run::new`]) however long
//! the run.
//!
//! Budget classes: all groups start with the same money, and the supporters
//! of a funded project who pay and had the same money (and weight) before
//! have the same money after — exactly, and also as `f64`, since the same
//! operations are done in the same order. So groups that are not drained
//! fall into few classes (see [`Paid`]); a class holds the `f64` budget of
//! its groups and what they have paid, and a project's supporters are looked
//! at as [`Share`]s — one per class and weight — rather than one by one.

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;

use super::exact::Price;
use super::input::{MesInput, to_f64};
use super::shares::Share;

/// Unit round-off of `f64`.
pub(crate) const U: f64 = f64::EPSILON / 2.0;
/// Keeps error intervals from collapsing to a point.
pub(crate) const TINY: f64 = 1e-300;
/// No class, no share.
pub(super) const NONE: u32 = u32::MAX;
/// The class of groups that have no money left.
pub(super) const DRAINED: u32 = u32::MAX;

pub(crate) struct Run<'a> {
    pub inp: &'a MesInput,
    /// The common denominator `D` of all exact amounts.
    pub den: BigInt,
    /// `b0 · D`.
    b0_num: BigInt,
    /// `q_s · D` for the `s`-th funded project.
    q_num: Vec<BigInt>,
    /// Per group: its class, an index into `paid`, or `DRAINED`.
    pub(super) paid_as: Vec<u32>,
    /// The budget classes; class 0 (nothing paid yet) is everybody's at first.
    pub(super) paid: Vec<Paid>,
    /// Per class: the first [`Share`] of a list being built (scratch).
    pub(super) slot: Vec<u32>,
    /// Shares of projects already gathered since the last payment.
    pub(super) cache: Vec<(u32, Rc<Vec<Share>>)>,
    pub selected: Vec<u32>,
    pub remaining: Vec<u32>,
    /// Per project: a proven lower bound on its current `ρ`.
    pub lower: Vec<f64>,
    /// Bound on `|budget − exact budget|` for every group that is not drained.
    pub e_b: f64,
    pub scratch: Vec<(f64, f64, f64)>,
}

/// A budget class: groups that are not drained and have paid the same, so
/// have the same money. It paid `q_s · weight` for the `s`-th funded project
/// (`funded`) on top of what class `parent` paid; class 0 paid nothing.
/// Summing exact budgets walks this small table instead of every ballot.
#[derive(Clone, Copy)]
pub(super) struct Paid {
    parent: u32,
    funded: u32,
    weight: u32,
    /// The money each of its groups has, as `f64`.
    pub budget: f64,
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
        Run {
            inp,
            // Each payment adds at most ~5u·b0 of rounding; 4× margin on top.
            e_b: 4.0 * (5.0 * n as f64 + 4.0) * U * b0_f + TINY,
            den,
            b0_num,
            q_num: Vec::new(),
            paid_as: vec![0; inp.mult.len()],
            paid: vec![Paid {
                parent: 0,
                funded: NONE,
                weight: 0,
                budget: b0_f,
            }],
            slot: vec![NONE],
            cache: Vec::new(),
            selected: Vec::new(),
            remaining: inp.candidates.clone(),
            lower: inp.first_lower.clone(),
            scratch: Vec::new(),
        }
    }

    /// `cost_p · D`, an integer.
    pub fn scaled_cost(&self, p: u32) -> BigInt {
        let cost = &self.inp.cost[p as usize];
        cost.numer() * (&self.den / cost.denom())
    }

    /// The `f64` money of group `g`.
    pub fn budget(&self, g: u32) -> f64 {
        match self.paid_as[g as usize] {
            DRAINED => 0.0,
            class => self.paid[class as usize].budget,
        }
    }

    /// The exact money each group of `class` has left, times `D`.
    pub fn exact_budget(&self, class: u32) -> BigInt {
        let mut sum = self.exact_sum();
        sum.add(self, class, 1);
        sum.value(self)
    }

    pub fn exact_sum(&self) -> ExactSum {
        ExactSum {
            count: 0,
            per_funded: vec![0; self.q_num.len()],
        }
    }

    /// Compares the money of a group of `share` with `price · w` (`q_f` is
    /// the price as `f64`), exactly.
    #[inline]
    pub fn compare_budget(&self, share: &Share, price: &Price, q_f: f64) -> Ordering {
        let b = share.budget;
        let cost = q_f * f64::from(share.weight);
        let margin = self.e_b + 8.0 * U * (b.abs() + cost) + TINY;
        if b < cost - margin {
            Ordering::Less
        } else if b > cost + margin {
            Ordering::Greater
        } else {
            self.compare_budget_exactly(share, price)
        }
    }

    #[cold]
    fn compare_budget_exactly(&self, share: &Share, price: &Price) -> Ordering {
        // b/D vs num·w/(D·weight)
        let b = self.exact_budget(share.class) * BigInt::from(price.weight);
        b.cmp(&(&price.num * BigInt::from(share.weight)))
    }

    /// Funds `p` at exact `price`: supporters who have at most `price · w` left
    /// pay everything, the others pay `price · w`.
    pub fn pay(&mut self, p: u32, price: Price) {
        let q_f = price.to_f64(self);
        let funded = self.q_num.len() as u32;
        let shares = self.shares(p);
        self.cache.clear();
        // Per share: the class its groups move to; those who cannot pay more
        // than they have pay everything and are drained.
        let mut moves_to = Vec::with_capacity(shares.len());
        for share in shares.iter() {
            moves_to.push(
                if self.compare_budget(share, &price, q_f) == Ordering::Greater {
                    self.paid.push(Paid {
                        parent: share.class,
                        funded,
                        weight: share.weight,
                        budget: share.budget - q_f * f64::from(share.weight),
                    });
                    (self.paid.len() - 1) as u32
                } else {
                    DRAINED
                },
            );
        }
        // The last share of each class heads the list of its shares (as in `shares`).
        let mut slot = std::mem::take(&mut self.slot);
        for (i, share) in shares.iter().enumerate() {
            slot[share.class as usize] = i as u32;
        }
        for (g, weight) in self.inp.supporters.of(p as usize).iter() {
            let class = self.paid_as[g as usize];
            if class == DRAINED {
                continue;
            }
            let mut at = slot[class as usize] as usize;
            while shares[at].weight != weight {
                at = shares[at].next as usize;
            }
            self.paid_as[g as usize] = moves_to[at];
        }
        for share in shares.iter() {
            slot[share.class as usize] = NONE;
        }
        slot.resize(self.paid.len(), NONE);
        self.slot = slot;
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
        self.selected.push(p);
        self.remaining.retain(|&r| r != p);
    }

    /// Per project in `projects`: the approximate money of its supporters
    /// (for explanations), each group's `m · budget` worked out once.
    pub fn supporters_money(&self, projects: &[u32]) -> Vec<f64> {
        let money: Vec<f64> = (0..self.paid_as.len() as u32)
            .map(|g| self.inp.mult_f[g as usize] * self.budget(g))
            .collect();
        projects
            .iter()
            .map(|&p| {
                let supporters = self.inp.supporters.of(p as usize);
                supporters.iter().map(|(g, _)| money[g as usize]).sum()
            })
            .collect()
    }
}

impl ExactSum {
    /// Adds `voters` voters of budget class `class`.
    pub fn add(&mut self, run: &Run<'_>, class: u32, voters: u64) {
        let m = u128::from(voters);
        self.count += m;
        let mut at = class;
        while at != 0 {
            let paid = run.paid[at as usize];
            self.per_funded[paid.funded as usize] += m * u128::from(paid.weight);
            at = paid.parent;
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
