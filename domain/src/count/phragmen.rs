//! Sequential Phragmén for approval ballots, as pabutools'
//! `sequential_phragmen`: voters earn virtual money continuously; the first
//! project whose supporters can pay for it is bought and their loads are
//! evened out; the count stops as soon as a project in line for purchase
//! (among those tied first) would break the budget.
//!
//! Every voter's load is the load set by the last funded project they
//! approved, so there are at most as many distinct loads as funded projects.
//! A project's next load is `(Σ loads of its supporters + cost) / supporters`,
//! computed from per-project counts of supporters at each load value: `f64`
//! picks the front-runners and exact rationals decide between close ones.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

use super::outcome::{Outcome, Reason, Stage};
use super::profile::Profile;

/// Loads over one common denominator `D`: the `v`-th distinct load is
/// `numer[v] / D`. A project's next load is then
/// `(Σ_v count[p][v]·numer[v] + cost·D) / (D · supporters)`, so comparing two
/// projects needs integer products only — no fraction arithmetic, whose
/// reductions get slow as denominators grow with every funded project.
struct Loads {
    denom: BigInt,
    numer: Vec<BigInt>,
    values_f: Vec<f64>,
    of_group: Vec<usize>,
    /// `count[p * stride + v]`: supporters of `p` whose load is load `v`
    /// (one flat matrix: updating it is the hot loop, so it must stay in cache).
    count: Vec<u64>,
    stride: usize,
    /// Every group's projects, back to back (`ballot_start[g]..ballot_start[g + 1]`).
    ballots: Vec<u32>,
    ballot_start: Vec<usize>,
}

impl Loads {
    fn new(profile: &Profile) -> Loads {
        // One load value per funded project, plus the initial 0.
        let stride = profile.len() + 1;
        let mut count = vec![0u64; profile.len() * stride];
        let mut ballots = Vec::new();
        let mut ballot_start = vec![0];
        for group in profile.groups() {
            for entry in group.entries() {
                count[entry.project as usize * stride] += group.multiplicity;
                ballots.push(entry.project);
            }
            ballot_start.push(ballots.len());
        }
        let denom = profile
            .costs
            .iter()
            .fold(BigInt::one(), |d, c| d.lcm(c.ratio().denom()));
        Loads {
            denom,
            numer: vec![BigInt::zero()],
            values_f: vec![0.0],
            of_group: vec![0; profile.num_groups()],
            count,
            stride,
            ballots,
            ballot_start,
        }
    }

    fn row(&self, p: usize) -> &[u64] {
        &self.count[p * self.stride..p * self.stride + self.numer.len()]
    }

    fn next_load_f(&self, p: usize, cost: f64, score: u64) -> f64 {
        let sum: f64 = self
            .row(p)
            .iter()
            .zip(&self.values_f)
            .map(|(&n, &v)| n as f64 * v)
            .sum();
        (sum + cost) / score as f64
    }

    /// `Σ_v count[p][v]·numer[v] + cost·D`: the next load times `D · score`.
    fn next_load_scaled(&self, p: usize, cost: &BigRational) -> BigInt {
        let mut sum = (cost * BigRational::from_integer(self.denom.clone())).to_integer();
        for (&n, v) in self.row(p).iter().zip(&self.numer) {
            if n > 0 {
                sum += v * BigInt::from(n);
            }
        }
        sum
    }

    /// Sets the load of `winner`'s supporters to `scaled / (D · score)`.
    fn raise(&mut self, profile: &Profile, supporters: &[u32], scaled: BigInt, score: u64) {
        let score = BigInt::from(score);
        for n in &mut self.numer {
            *n *= &score;
        }
        self.denom *= &score;
        let v = self.numer.len();
        let value = BigRational::new(scaled.clone(), self.denom.clone());
        self.values_f.push(value.to_f64().unwrap_or(f64::MAX));
        self.numer.push(scaled);
        for &g in supporters {
            let g = g as usize;
            let (old, m) = (self.of_group[g], profile.group(g).multiplicity);
            for &p in &self.ballots[self.ballot_start[g]..self.ballot_start[g + 1]] {
                let row = p as usize * self.stride;
                self.count[row + old] -= m;
                self.count[row + v] += m;
            }
            self.of_group[g] = v;
        }
    }
}

/// The projects tied for the lowest next load (all zero-support projects if
/// no other is left), with the scaled load of the first.
fn front_runners(
    profile: &Profile,
    loads: &Loads,
    remaining: &[u32],
    scores: &[u64],
) -> (Vec<u32>, Option<BigInt>) {
    let supported: Vec<(u32, f64)> = remaining
        .iter()
        .filter(|&&p| scores[p as usize] > 0)
        .map(|&p| {
            (
                p,
                loads.next_load_f(
                    p as usize,
                    profile.costs[p as usize].to_f64(),
                    scores[p as usize],
                ),
            )
        })
        .collect();
    let Some(min) = supported.iter().map(|&(_, f)| f).min_by(f64::total_cmp) else {
        let mut all = remaining.to_vec();
        all.sort_by_key(|&p| profile.rank[p as usize]);
        return (all, None);
    };
    let close = |f: f64| f <= min * (1.0 + 1e-9) + f64::MIN_POSITIVE;
    let mut exact: Vec<(u32, BigInt)> = supported
        .iter()
        .filter(|&&(_, f)| close(f))
        .map(|&(p, _)| {
            (
                p,
                loads.next_load_scaled(p as usize, profile.costs[p as usize].ratio()),
            )
        })
        .collect();
    // a/sa < b/sb  ⇔  a·sb < b·sa
    let cmp = |a: &(u32, BigInt), b: &(u32, BigInt)| {
        (&a.1 * BigInt::from(scores[b.0 as usize]))
            .cmp(&(&b.1 * BigInt::from(scores[a.0 as usize])))
    };
    exact.sort_by(|a, b| {
        cmp(a, b).then(profile.rank[a.0 as usize].cmp(&profile.rank[b.0 as usize]))
    });
    let Some(best) = exact.first().cloned() else {
        return (Vec::new(), None);
    };
    let tied = exact
        .iter()
        .take_while(|e| cmp(e, &best).is_eq())
        .map(|e| e.0)
        .collect();
    (tied, Some(best.1))
}

/// Sequential Phragmén on an approval profile.
pub fn sequential_phragmen(profile: &Profile) -> Outcome {
    let mut outcome = Outcome::empty(profile.len());
    let scores = profile.supporters();
    let budget = profile.budget.ratio();
    let mut remaining: Vec<u32> = (0..profile.len() as u32)
        .filter(|&p| profile.costs[p as usize].ratio() <= budget)
        .collect();
    let mut spent = BigRational::zero();
    let mut loads = Loads::new(profile);
    let supporters = profile.supporter_groups();
    while !remaining.is_empty() {
        let (tied, load) = front_runners(profile, &loads, &remaining, &scores);
        if let Some(&blocked) = tied
            .iter()
            .find(|&&p| &spent + profile.costs[p as usize].ratio() > *budget)
        {
            let remaining_budget = (budget - &spent).to_f64().unwrap_or(f64::NAN);
            outcome.reasons[blocked as usize] = Reason::DoesNotFit { remaining_budget };
            for &p in &remaining {
                if p != blocked && scores[p as usize] > 0 {
                    outcome.reasons[p as usize] = Reason::CountStoppedBefore;
                }
            }
            break;
        }
        let Some(&winner) = tied.first() else { break };
        spent += profile.costs[winner as usize].ratio();
        outcome.fund(winner, Stage::Phragmen);
        remaining.retain(|&p| p != winner);
        if let Some(scaled) = load {
            loads.raise(
                profile,
                &supporters[winner as usize],
                scaled,
                scores[winner as usize],
            );
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pabulib::read_pabulib;

    #[test]
    fn phragmen_buys_the_cheapest_per_supporter_first_and_stops_at_the_first_misfit() {
        let text = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
            a;60\nb;30\nc;50\nVOTES\nvoter_id;vote\n1;a,b\n2;a\n3;a\n4;c\n";
        let profile = Profile::from_file(&read_pabulib(text).unwrap());
        let outcome = sequential_phragmen(&profile);
        // a: 60/3 = 20 first; then b: (20+30)/1 = 50 ties c: 50/1 and c no longer fits,
        // so the count stops although b would fit (pabutools does the same).
        assert_eq!(outcome.selected, vec![0]);
        assert!(matches!(outcome.reasons[2], Reason::DoesNotFit { .. }));
        assert_eq!(outcome.reasons[1], Reason::CountStoppedBefore);
    }
}
