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
    pub rank: Vec<u32>,
    pub mult: Vec<u64>,
    pub mult_f: Vec<f64>,
    /// Per project: (group, weight) of every supporter.
    pub supporters: Vec<Vec<(u32, u64)>>,
    /// Per group: (project, weight) of every supported project.
    pub entries: Vec<Vec<(u32, u64)>>,
    /// Supported projects with a positive cost: what Equal Shares chooses among.
    pub candidates: Vec<u32>,
    /// Supported projects that cost nothing: funded up front, as pabutools does.
    pub free: Vec<u32>,
    pub n_ballots: u64,
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
        let scale = if sat == MesSat::Points { points_scale(profile)? } else { 1 };
        let mut supporters = vec![Vec::new(); n];
        let mut entries = Vec::with_capacity(profile.groups.len());
        for (g, group) in profile.groups.iter().enumerate() {
            let mut mine = Vec::with_capacity(group.entries.len());
            for entry in &group.entries {
                let weight = match sat {
                    MesSat::Cost => 1,
                    MesSat::Points => {
                        let scaled = entry.points * scale;
                        if !scaled.is_positive() {
                            continue;
                        }
                        u64::try_from(scaled.to_integer()).map_err(|_| PointsTooFine)?
                    }
                };
                if sat == MesSat::Cost && profile.costs[entry.project as usize].is_zero() {
                    // Cost satisfaction of a free project is 0: nobody "supports" it.
                    continue;
                }
                mine.push((entry.project, weight));
                supporters[entry.project as usize].push((g as u32, weight));
            }
            entries.push(mine);
        }
        let cost: Vec<BigRational> = profile.costs.iter().map(|c| c.ratio().clone()).collect();
        let sigma: Vec<BigRational> = match sat {
            MesSat::Cost => cost.clone(),
            MesSat::Points => vec![BigRational::one(); n],
        };
        let supported = |p: usize| !supporters[p].is_empty();
        let candidates = (0..n).filter(|&p| supported(p) && cost[p].is_positive()).map(|p| p as u32).collect();
        let free = (0..n).filter(|&p| supported(p) && cost[p].is_zero()).map(|p| p as u32).collect();
        let mult: Vec<u64> = profile.groups.iter().map(|g| g.multiplicity).collect();
        Ok(MesInput {
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
