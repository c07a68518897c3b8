//! The input Equal Shares works on: for each project its supporters with an
//! integer weight, for each voter group its multiplicity and ballot, with
//! costs both exact and as `f64`.
//!
//! A voter's satisfaction from project `p` is `σ_p · w` with an integer
//! weight `w`: for `Cost` (pabutools `Cost_Sat`) `σ_p` is the cost and `w = 1`;
//! for `Points` (`Additive_Cardinal_Sat`) `σ_p = 1` and `w` is the points
//! (scaled by the common denominator if any are fractional). A supporter who
//! is not yet out of money pays `q_p · w`, where `q_p` is the project's
//! price per unit of weight; projects compete on `ρ_p = q_p / σ_p`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// `n / d` as `f64`, without overflow for numbers far beyond `f64`'s range.
pub(crate) fn ratio_f64(n: &BigInt, d: &BigInt) -> f64 {
    let shift = n.bits().max(d.bits()).saturating_sub(900);
    let (n, d) = (n >> shift, d >> shift);
    n.to_f64().unwrap_or(f64::MAX) / d.to_f64().unwrap_or(f64::MAX)
}

use crate::count::profile::Profile;

/// Which satisfaction Equal Shares shares out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MesSat {
    Cost,
    Points,
}

/// Points too finely divided to be scaled to whole numbers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the points on the ballots cannot be scaled to whole numbers")]
pub struct PointsTooFine;

pub(crate) struct MesInput {
    pub cost: Vec<BigRational>,
    pub cost_f: Vec<f64>,
    pub sigma: Vec<BigRational>,
    pub sigma_f: Vec<f64>,
    /// Least common multiple of the costs' denominators (1 for whole costs).
    pub cost_denominators: BigInt,
    pub rank: Vec<u32>,
    pub mult: Vec<u64>,
    pub mult_f: Vec<f64>,
    /// Per project: (group, weight) of every supporter.
    pub supporters: Lists,
    /// Per group: (project, weight) of every supported project.
    pub entries: Lists,
    /// Supported projects with a positive cost: what Equal Shares chooses among.
    pub candidates: Vec<u32>,
    /// Supported projects that cost nothing: funded up front, as pabutools does.
    pub free: Vec<u32>,
    pub n_ballots: u64,
}

/// Lists of `(index, weight)` stored back to back (one allocation, good locality;
/// weights are whole points, which fit in `u32`).
pub(crate) struct Lists {
    start: Vec<usize>,
    items: Vec<(u32, u32)>,
}

impl Lists {
    /// Lists with the given lengths, to be filled with [`Lists::push`].
    fn with_lengths(lengths: &[usize]) -> (Lists, Vec<usize>) {
        let mut start = Vec::with_capacity(lengths.len() + 1);
        start.push(0);
        for &len in lengths {
            start.push(start[start.len() - 1] + len);
        }
        let fill = start[..lengths.len()].to_vec();
        let total = start[lengths.len()];
        (
            Lists {
                start,
                items: vec![(0, 0); total],
            },
            fill,
        )
    }

    fn push(&mut self, fill: &mut [usize], list: usize, item: (u32, u32)) {
        self.items[fill[list]] = item;
        fill[list] += 1;
    }
}

impl std::ops::Index<usize> for Lists {
    type Output = [(u32, u32)];
    fn index(&self, list: usize) -> &[(u32, u32)] {
        &self.items[self.start[list]..self.start[list + 1]]
    }
}

fn points_scale(profile: &Profile) -> Result<i64, PointsTooFine> {
    let mut scale: i64 = 1;
    for entry in profile.groups.iter().flat_map(|g| &g.entries) {
        scale = scale.lcm(entry.points.denom());
        if scale > 1 << 40 {
            return Err(PointsTooFine);
        }
    }
    Ok(scale)
}

impl MesInput {
    pub fn new(profile: &Profile, sat: MesSat) -> Result<MesInput, PointsTooFine> {
        let n = profile.len();
        let scale = if sat == MesSat::Points {
            points_scale(profile)?
        } else {
            1
        };
        let weight = |entry: &crate::count::profile::Entry| -> Result<Option<u32>, PointsTooFine> {
            if sat == MesSat::Cost {
                // Cost satisfaction of a free project is 0: nobody "supports" it.
                return Ok((!profile.costs[entry.project as usize].is_zero()).then_some(1));
            }
            // `scale` is a multiple of every denominator, so this is a whole number.
            let (numer, denom) = (
                i128::from(*entry.points.numer()),
                i128::from(*entry.points.denom()),
            );
            let scaled = numer * (i128::from(scale) / denom);
            if scaled <= 0 {
                return Ok(None);
            }
            u32::try_from(scaled).map(Some).map_err(|_| PointsTooFine)
        };
        let mut per_group = vec![0usize; profile.groups.len()];
        let mut per_project = vec![0usize; n];
        for (g, group) in profile.groups.iter().enumerate() {
            for entry in &group.entries {
                if weight(entry)?.is_some() {
                    per_group[g] += 1;
                    per_project[entry.project as usize] += 1;
                }
            }
        }
        let (mut entries, mut fill_entries) = Lists::with_lengths(&per_group);
        let (mut supporters, mut fill_supporters) = Lists::with_lengths(&per_project);
        for (g, group) in profile.groups.iter().enumerate() {
            for entry in &group.entries {
                if let Some(w) = weight(entry)? {
                    entries.push(&mut fill_entries, g, (entry.project, w));
                    supporters.push(&mut fill_supporters, entry.project as usize, (g as u32, w));
                }
            }
        }
        let cost: Vec<BigRational> = profile.costs.iter().map(|c| c.ratio().clone()).collect();
        let sigma: Vec<BigRational> = match sat {
            MesSat::Cost => cost.clone(),
            MesSat::Points => vec![BigRational::one(); n],
        };
        let supported = |p: usize| per_project[p] > 0;
        let candidates = (0..n)
            .filter(|&p| supported(p) && cost[p].is_positive())
            .map(|p| p as u32)
            .collect();
        let free = (0..n)
            .filter(|&p| supported(p) && cost[p].is_zero())
            .map(|p| p as u32)
            .collect();
        let mult: Vec<u64> = profile.groups.iter().map(|g| g.multiplicity).collect();
        let cost_denominators = cost.iter().fold(BigInt::one(), |d, c| d.lcm(c.denom()));
        Ok(MesInput {
            cost_denominators,
            cost_f: cost.iter().map(to_f64).collect(),
            sigma_f: sigma.iter().map(to_f64).collect(),
            cost,
            sigma,
            rank: profile.rank.clone(),
            mult_f: mult.iter().map(|&m| m as f64).collect(),
            mult,
            supporters,
            entries,
            candidates,
            free,
            n_ballots: profile.num_ballots,
        })
    }

    /// The exact per-voter budget at the start: `budget / number of ballots`.
    pub fn start_budget(&self, budget: &BigRational) -> BigRational {
        budget / BigRational::from_integer(BigInt::from(self.n_ballots.max(1)))
    }
}

pub(crate) fn to_f64(value: &BigRational) -> f64 {
    value.to_f64().unwrap_or(f64::MAX)
}
