//! Deterministic synthetic approval elections, for benchmarks and for
//! comparing timings with pabutools: a seeded generator (no `rand`
//! dependency, identical on every platform) with Zipf-like popularity and
//! costs such that the budget funds roughly 15–30 projects.

use num_rational::Rational64;

use crate::money::Money;
use crate::pabulib::{PbFile, PbProject, PbVote, VoteType};

/// SplitMix64: small, fast and good enough for test data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }
}

/// Shape of a synthetic election.
#[derive(Debug, Clone, Copy)]
pub struct SynthSpec {
    /// Number of voters.
    pub voters: usize,
    /// Number of projects.
    pub projects: usize,
    /// Fewest approvals per ballot.
    pub min_approvals: usize,
    /// Most approvals per ballot.
    pub max_approvals: usize,
    /// Seed.
    pub seed: u64,
}

impl Default for SynthSpec {
    /// 90 000 voters, 160 projects, 5–10 approvals each.
    fn default() -> Self {
        SynthSpec {
            voters: 90_000,
            projects: 160,
            min_approvals: 5,
            max_approvals: 10,
            seed: 2026,
        }
    }
}

/// Generates the election described by `spec`.
pub fn synthetic_approval_election(spec: &SynthSpec) -> PbFile {
    let mut rng = SplitMix64::new(spec.seed);
    let n = spec.projects.max(1);
    // Zipf-like popularity (exponent 0.8) in a shuffled order, so ids do not reveal it.
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.next_u64() as usize % (i + 1));
    }
    let weights: Vec<f64> = (0..n)
        .map(|i| 1.0 / ((order[i] + 1) as f64).powf(0.8))
        .collect();
    let mut cumulative = Vec::with_capacity(n);
    let mut total = 0.0;
    for w in &weights {
        total += w;
        cumulative.push(total);
    }
    let costs: Vec<u64> = (0..n).map(|_| rng.between(20, 600) * 1000).collect();
    let mean = costs.iter().sum::<u64>() as f64 / n as f64;
    let budget = (mean * 20.0).round() as u64;
    let projects = (0..n)
        .map(|i| PbProject {
            id: (i + 1).to_string(),
            cost: Money::from_integer(costs[i]),
            fields: vec![Some(format!("Projekt {}", i + 1))],
        })
        .collect();
    let votes = (0..spec.voters)
        .map(|v| {
            let k =
                (rng.between(spec.min_approvals as u64, spec.max_approvals as u64) as usize).min(n);
            let mut chosen: Vec<u32> = Vec::with_capacity(k);
            while chosen.len() < k {
                let x = rng.next_f64() * total;
                let p = cumulative.partition_point(|&c| c <= x).min(n - 1) as u32;
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            chosen.sort_unstable();
            PbVote {
                voter_id: (v + 1).to_string(),
                projects: chosen,
                points: None::<Vec<Rational64>>,
                fields: vec![],
            }
        })
        .collect();
    let meta = [
        (
            "description",
            "Synthetic approval election (medborgarbudget benchmark)".to_owned(),
        ),
        ("country", "Sweden".to_owned()),
        ("unit", "Syntetisk kommun".to_owned()),
        ("instance", spec.seed.to_string()),
        ("num_projects", n.to_string()),
        ("num_votes", spec.voters.to_string()),
        ("budget", budget.to_string()),
        ("vote_type", "approval".to_owned()),
        ("rule", "greedy".to_owned()),
        ("currency", "SEK".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    PbFile {
        meta,
        budget: Money::from_integer(budget),
        vote_type: VoteType::Approval,
        project_columns: vec!["name".to_owned()],
        projects,
        vote_columns: vec![],
        votes,
    }
}
