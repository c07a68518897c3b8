//! Tie-breaking: when two projects are exactly tied, which one goes first.
//! The rule is fixed and published before voting. pabutools (and so the CLI
//! by default) compares project ids as text; a round may instead prefer the
//! cheaper project and settle remaining ties by a public seeded draw.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::profile::Profile;
use crate::synth::SplitMix64;

/// How exact ties between projects are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "tie_break", rename_all = "snake_case")]
pub enum TieBreak {
    /// The project whose id comes first as text (`"1661" < "2238" < "253"`), as pabutools.
    #[default]
    ProjectId,
    /// The cheaper project; between equally expensive ones, a draw seeded with `seed`
    /// (the same seed always gives the same order, so anyone can redo it).
    LowerCostThenDraw {
        /// The published seed of the draw.
        seed: u64,
    },
}

impl fmt::Display for TieBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TieBreak::ProjectId => f.write_str("project id"),
            TieBreak::LowerCostThenDraw { seed } => {
                write!(f, "lower cost, then draw with seed {seed}")
            }
        }
    }
}

/// The draw number of a project: depends only on the seed and the id.
fn draw(seed: u64, id: &str) -> u64 {
    let mut mixed = seed;
    for byte in id.bytes() {
        mixed = SplitMix64::new(mixed ^ u64::from(byte)).next_u64();
    }
    SplitMix64::new(mixed ^ id.len() as u64).next_u64()
}

impl Profile {
    /// Sets the order in which exact ties are broken (position 0 wins).
    pub fn apply_tie_break(&mut self, rule: TieBreak) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        match rule {
            TieBreak::ProjectId => order.sort_by(|&a, &b| self.ids[a].cmp(&self.ids[b])),
            TieBreak::LowerCostThenDraw { seed } => order.sort_by(|&a, &b| {
                let key = |p: usize| (&self.costs[p], draw(seed, &self.ids[p]), &self.ids[p]);
                key(a).cmp(&key(b))
            }),
        }
        for (position, &project) in order.iter().enumerate() {
            self.rank[project] = position as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pabulib::read_pabulib;

    fn profile() -> Profile {
        let text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
            253;5\n1661;5\n2238;3\nVOTES\nvoter_id;vote\n1;253,1661,2238\n";
        Profile::from_file(&read_pabulib(text).unwrap())
    }

    #[test]
    fn by_default_ids_are_compared_as_text() {
        assert_eq!(profile().rank, vec![2, 0, 1]);
    }

    #[test]
    fn lower_cost_goes_first_and_the_draw_is_repeatable() {
        let mut a = profile();
        a.apply_tie_break(TieBreak::LowerCostThenDraw { seed: 7 });
        assert_eq!(a.rank[2], 0, "the cheapest project wins ties");
        let mut b = profile();
        b.apply_tie_break(TieBreak::LowerCostThenDraw { seed: 7 });
        assert_eq!(a.rank, b.rank);
    }

    #[test]
    fn different_seeds_can_order_equal_costs_differently() {
        let orders: std::collections::BTreeSet<Vec<u32>> = (0..16)
            .map(|seed| {
                let mut p = profile();
                p.apply_tie_break(TieBreak::LowerCostThenDraw { seed });
                p.rank
            })
            .collect();
        assert_eq!(orders.len(), 2);
    }
}
