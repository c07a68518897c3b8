//! Greedy counting — the usual Swedish practice: fund the project with the
//! most votes (or votes per krona), then the next, skipping what no longer
//! fits, exactly as pabutools' `greedy_utilitarian_welfare` does.
//!
//! A project's place in line is its total satisfaction divided by its cost
//! (for `Cost` that is its number of supporters); ties go to the project whose
//! id comes first as text. Projects nobody voted for still take their turn,
//! last, as in pabutools.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::outcome::{Outcome, Reason, Stage};
use super::profile::Profile;
use super::satisfaction::Satisfaction;

/// A place in line: satisfaction per krona, or infinite for free projects.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Density {
    Finite(BigRational),
    Infinite,
}

impl Ord for Density {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Density::Infinite, Density::Infinite) => Ordering::Equal,
            (Density::Infinite, _) => Ordering::Greater,
            (_, Density::Infinite) => Ordering::Less,
            (Density::Finite(a), Density::Finite(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Density {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Total satisfaction per project (in units where the cost factor is left out
/// for `Cost` and `PointsTimesCost`, whose density does not depend on cost).
fn totals(profile: &Profile, satisfaction: Satisfaction) -> Vec<BigRational> {
    let int = |n: u64| BigRational::from_integer(BigInt::from(n));
    match satisfaction {
        Satisfaction::Cost | Satisfaction::Cardinality => {
            profile.supporters().into_iter().map(int).collect()
        }
        Satisfaction::Points | Satisfaction::PointsTimesCost => profile
            .points()
            .into_iter()
            .map(|p| BigRational::new(BigInt::from(*p.numer()), BigInt::from(*p.denom())))
            .collect(),
        Satisfaction::Borda => {
            let mut total = vec![0u64; profile.len()];
            for group in profile.groups() {
                for entry in group.entries() {
                    total[entry.project as usize] += u64::from(entry.borda) * group.multiplicity;
                }
            }
            total.into_iter().map(int).collect()
        }
    }
}

fn density(satisfaction: Satisfaction, total: &BigRational, cost: &BigRational) -> Density {
    let zero = BigRational::zero();
    match satisfaction {
        // pabutools: total = supporters·cost (or points·cost); a free project has total 0.
        Satisfaction::Cost | Satisfaction::PointsTimesCost => {
            if total.is_positive() && cost.is_positive() {
                Density::Finite(total.clone())
            } else {
                Density::Finite(zero)
            }
        }
        Satisfaction::Cardinality | Satisfaction::Points => {
            if !total.is_positive() {
                Density::Finite(zero)
            } else if cost.is_positive() {
                Density::Finite(total / cost)
            } else {
                Density::Infinite
            }
        }
        // pabutools' general (non-additive) greedy: marginal gain per krona, free = infinite.
        Satisfaction::Borda => {
            if cost.is_positive() {
                Density::Finite(total / cost)
            } else {
                Density::Infinite
            }
        }
    }
}

/// Greedy by `satisfaction` per krona, starting from the funded projects in `initial`.
///
/// Projects in `initial` keep their reasons from `start`; the others are
/// funded with `stage` or get [`Reason::DoesNotFit`].
pub fn greedy(
    profile: &Profile,
    satisfaction: Satisfaction,
    start: Outcome,
    stage: Stage,
) -> Outcome {
    let totals = totals(profile, satisfaction);
    let mut order: Vec<(Density, u32, u32)> = (0..profile.len() as u32)
        .filter(|&p| !start.is_selected(p))
        .map(|p| {
            let cost = profile.costs[p as usize].ratio();
            (
                density(satisfaction, &totals[p as usize], cost),
                profile.rank[p as usize],
                p,
            )
        })
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut outcome = start;
    let mut remaining = profile.budget.ratio() - profile.cost_of(&outcome.selected).ratio();
    for (_, _, p) in order {
        let cost = profile.costs[p as usize].ratio();
        if cost <= &remaining {
            remaining -= cost;
            outcome.fund(p, stage);
        } else {
            let remaining_budget = num_traits::ToPrimitive::to_f64(&remaining).unwrap_or(f64::NAN);
            outcome.reasons[p as usize] = Reason::DoesNotFit { remaining_budget };
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pabulib::read_pabulib;

    fn profile() -> Profile {
        let text = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
            a;60\nb;50\nc;40\nd;10\nVOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,c\n4;c\n";
        Profile::from_file(&read_pabulib(text).unwrap())
    }

    #[test]
    fn the_most_voted_project_goes_first_and_what_no_longer_fits_is_skipped() {
        let profile = profile();
        let outcome = greedy(
            &profile,
            Satisfaction::Cost,
            Outcome::empty(4),
            Stage::Greedy,
        );
        // a (3 votes) = 60, b (2) does not fit, c (2) = 40, d (0 votes) no longer fits.
        assert_eq!(outcome.selected, vec![0, 2]);
        assert_eq!(
            outcome.reasons[1],
            Reason::DoesNotFit {
                remaining_budget: 40.0
            }
        );
    }

    #[test]
    fn per_krona_greedy_prefers_cheap_popular_projects() {
        let profile = profile();
        let outcome = greedy(
            &profile,
            Satisfaction::Cardinality,
            Outcome::empty(4),
            Stage::Greedy,
        );
        // a: 3/60 ties c: 2/40 and 'a' < 'c'; then c fits exactly; b and d no longer fit.
        assert_eq!(outcome.selected, vec![0, 2]);
        assert_eq!(
            outcome.reasons[3],
            Reason::DoesNotFit {
                remaining_budget: 0.0
            }
        );
    }
}
