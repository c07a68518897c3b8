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

use crate::count::profile::{Entry, Profile};

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
    /// Per candidate: a lower bound on its `ρ` when everybody has money
    /// (cost over the supporters' total weight, over `σ`, less a margin for
    /// rounding); `ρ` only grows from there.
    pub first_lower: Vec<f64>,
    /// Supported projects with a positive cost: what Equal Shares chooses among.
    pub candidates: Vec<u32>,
    /// Supported projects that cost nothing: funded up front, as pabutools does.
    pub free: Vec<u32>,
    pub n_ballots: u64,
}

/// Lists of `(group, weight)` stored back to back (one allocation, good
/// locality; weights are whole points, which fit in `u32`). When every
/// weight is 1 (cost satisfaction) only the groups are stored.
pub(crate) struct Lists {
    start: Vec<usize>,
    groups: Vec<u32>,
    /// Empty when every weight is 1.
    weights: Vec<u32>,
}

/// One list of [`Lists`].
#[derive(Clone, Copy)]
pub(crate) struct Members<'a> {
    groups: &'a [u32],
    weights: Option<&'a [u32]>,
}

impl Members<'_> {
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// The `(group, weight)` pairs.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let weights = self.weights;
        self.groups
            .iter()
            .enumerate()
            .map(move |(i, &g)| (g, weights.map_or(1, |w| w[i])))
    }
}

impl Lists {
    /// Lists with the given lengths, to be filled with [`Lists::push`].
    fn with_lengths(lengths: &[usize], weighted: bool) -> (Lists, Vec<usize>) {
        let mut start = Vec::with_capacity(lengths.len() + 1);
        start.push(0);
        for &len in lengths {
            start.push(start[start.len() - 1] + len);
        }
        let fill = start[..lengths.len()].to_vec();
        let total = start[lengths.len()];
        let lists = Lists {
            start,
            groups: vec![0; total],
            weights: if weighted { vec![0; total] } else { Vec::new() },
        };
        (lists, fill)
    }

    fn push(&mut self, fill: &mut [usize], list: usize, (group, weight): (u32, u32)) {
        let at = fill[list];
        self.groups[at] = group;
        match self.weights.get_mut(at) {
            Some(w) => *w = weight,
            None => debug_assert_eq!(weight, 1),
        }
        fill[list] += 1;
    }

    /// List `list`.
    #[inline]
    pub fn of(&self, list: usize) -> Members<'_> {
        let range = self.start[list]..self.start[list + 1];
        Members {
            groups: &self.groups[range.clone()],
            weights: (!self.weights.is_empty()).then(|| &self.weights[range]),
        }
    }
}

fn points_scale(profile: &Profile) -> Result<i64, PointsTooFine> {
    let mut scale: i64 = 1;
    for group in profile.groups() {
        for entry in group.entries() {
            scale = scale.lcm(entry.points.denom());
            if scale > 1 << 40 {
                return Err(PointsTooFine);
            }
        }
    }
    Ok(scale)
}

/// Calls `f(group, project, weight)` for every supporter, in group order.
fn each_supporter(
    profile: &Profile,
    sat: MesSat,
    free_project: &[bool],
    weight: &impl Fn(Entry) -> Result<u32, PointsTooFine>,
    mut f: impl FnMut(u32, u32, u32),
) -> Result<(), PointsTooFine> {
    for (g, group) in profile.groups().enumerate() {
        if sat == MesSat::Cost {
            // The same as below without building each entry's points.
            for &p in group.projects {
                if !free_project[p as usize] {
                    f(g as u32, p, 1);
                }
            }
        } else {
            for entry in group.entries() {
                let w = weight(entry)?;
                if w > 0 {
                    f(g as u32, entry.project, w);
                }
            }
        }
    }
    Ok(())
}

impl MesInput {
    pub fn new(profile: &Profile, sat: MesSat) -> Result<MesInput, PointsTooFine> {
        let n = profile.len();
        let scale = if sat == MesSat::Points {
            points_scale(profile)?
        } else {
            1
        };
        let free_project: Vec<bool> = profile.costs.iter().map(|c| c.is_zero()).collect();
        // The entry's weight; 0 when the voter does not count as a supporter.
        let weight = |entry: Entry| -> Result<u32, PointsTooFine> {
            if sat == MesSat::Cost {
                // Cost satisfaction of a free project is 0: nobody "supports" it.
                return Ok(u32::from(!free_project[entry.project as usize]));
            }
            // `scale` is a multiple of every denominator, so this is a whole number.
            let (numer, denom) = (
                i128::from(*entry.points.numer()),
                i128::from(*entry.points.denom()),
            );
            let scaled = numer * (i128::from(scale) / denom);
            if scaled <= 0 {
                return Ok(0);
            }
            u32::try_from(scaled).map_err(|_| PointsTooFine)
        };
        let mut per_project = vec![0usize; n];
        if sat == MesSat::Cost {
            // Every group listing a project that is not free supports it.
            let listing = profile.supporter_group_counts();
            for p in (0..n).filter(|&p| !free_project[p]) {
                per_project[p] = listing[p] as usize;
            }
        } else {
            each_supporter(profile, sat, &free_project, &weight, |_, p, _| {
                per_project[p as usize] += 1
            })?;
        }
        let (mut supporters, mut fill) = Lists::with_lengths(&per_project, sat != MesSat::Cost);
        let mult: Vec<u64> = profile.groups().map(|g| g.multiplicity).collect();
        let mult_f: Vec<f64> = mult.iter().map(|&m| m as f64).collect();
        let mut weight_f = vec![0.0f64; n];
        each_supporter(profile, sat, &free_project, &weight, |g, p, w| {
            supporters.push(&mut fill, p as usize, (g, w));
            weight_f[p as usize] += mult_f[g as usize] * f64::from(w);
        })?;
        let cost: Vec<BigRational> = profile.costs.iter().map(|c| c.ratio().clone()).collect();
        let sigma: Vec<BigRational> = match sat {
            MesSat::Cost => cost.clone(),
            MesSat::Points => vec![BigRational::one(); n],
        };
        let supported = |p: usize| per_project[p] > 0;
        let candidates: Vec<u32> = (0..n)
            .filter(|&p| supported(p) && cost[p].is_positive())
            .map(|p| p as u32)
            .collect();
        let free = (0..n)
            .filter(|&p| supported(p) && cost[p].is_zero())
            .map(|p| p as u32)
            .collect();
        let cost_denominators = cost.iter().fold(BigInt::one(), |d, c| d.lcm(c.denom()));
        let cost_f: Vec<f64> = cost.iter().map(to_f64).collect();
        let sigma_f: Vec<f64> = sigma.iter().map(to_f64).collect();
        let mut first_lower = vec![0.0; n];
        for &p in &candidates {
            let p = p as usize;
            first_lower[p] = cost_f[p] / weight_f[p] / sigma_f[p] * (1.0 - 1e-12);
        }
        Ok(MesInput {
            cost_denominators,
            cost_f,
            sigma_f,
            first_lower,
            cost,
            sigma,
            rank: profile.rank.clone(),
            mult_f,
            mult,
            supporters,
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
