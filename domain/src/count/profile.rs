//! The counting view of an election: projects with exact costs, the budget,
//! and the ballots grouped so that identical ballots are counted once with a
//! multiplicity (90 000 voters often cast far fewer distinct ballots).
//!
//! Ballots are read as pabutools reads them: an approval ballot is a set, an
//! ordinal ballot an ordered set (first occurrence wins), a cumulative or
//! scoring ballot a map (a later entry for the same project overrides).

use num_rational::Rational64;
use num_traits::Zero;

use super::grouping::{Grouping, ballot_entries};
use crate::money::Money;
use crate::pabulib::{PbFile, VoteType};

/// One project on one ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Index of the project.
    pub project: u32,
    /// Points given (1 on approval and ordinal ballots).
    pub points: Rational64,
    /// Borda score on an ordinal ballot: ballot length − position − 1 (0 otherwise).
    pub borda: u32,
}

impl std::hash::Hash for Entry {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Points are always in lowest terms, so hashing the raw parts is consistent with `Eq`
        // (and much faster than `Ratio`'s own hash).
        state.write_u64(u64::from(self.project) | (u64::from(self.borda) << 32));
        state.write_u64(*self.points.numer() as u64);
        state.write_u64(*self.points.denom() as u64);
    }
}

/// Identical ballots, counted once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// How many voters cast exactly this ballot.
    pub multiplicity: u64,
    /// The ballot.
    pub entries: Vec<Entry>,
}

/// What the counting rules need from an election.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Project ids (tie-breaking compares these as text).
    pub ids: Vec<String>,
    /// Exact costs.
    pub costs: Vec<Money>,
    /// The budget.
    pub budget: Money,
    /// Ballot format.
    pub vote_type: VoteType,
    /// Position of each project when ids are sorted as text: lower wins a tie.
    pub rank: Vec<u32>,
    /// Number of ballots, empty ones included (Equal Shares divides the budget by it).
    pub num_ballots: u64,
    /// The non-empty ballots, identical ones merged (when ballots hardly ever
    /// repeat, as in a large election, they are left apart after a sample).
    pub groups: Vec<Group>,
}

impl Profile {
    /// Builds the counting view of a Pabulib file.
    pub fn from_file(file: &PbFile) -> Profile {
        let ids: Vec<String> = file.projects.iter().map(|p| p.id.clone()).collect();
        let costs = file.projects.iter().map(|p| p.cost.clone()).collect();
        let mut groups: Vec<Group> = Vec::new();
        let mut grouping = Some(Grouping::with_capacity(file.votes.len()));
        for (i, vote) in file.votes.iter().enumerate() {
            let entries = ballot_entries(file.vote_type, &vote.projects, vote.points.as_deref());
            if entries.is_empty() {
                continue;
            }
            match &mut grouping {
                Some(table) => table.add(&mut groups, entries),
                None => groups.push(Group {
                    multiplicity: 1,
                    entries,
                }),
            }
            // Merging only pays when ballots repeat: after a sample of mostly
            // different ballots, keep the rest apart (multiplicities are only a
            // shortcut; the count is the same either way).
            if i + 1 == GROUPING_SAMPLE && groups.len() * 10 > GROUPING_SAMPLE * 9 {
                grouping = None;
            }
        }
        Profile {
            rank: ranks(&ids),
            ids,
            costs,
            budget: file.budget.clone(),
            vote_type: file.vote_type,
            num_ballots: file.votes.len() as u64,
            groups,
        }
    }

    /// Number of projects.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are no projects.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Per project: number of voters listing it on their ballot.
    pub fn supporters(&self) -> Vec<u64> {
        let mut count = vec![0u64; self.len()];
        for group in &self.groups {
            for entry in &group.entries {
                count[entry.project as usize] += group.multiplicity;
            }
        }
        count
    }

    /// Per project: total points (cumulative and scoring ballots).
    pub fn points(&self) -> Vec<Rational64> {
        let mut whole = vec![0i64; self.len()];
        let mut fractional = vec![Rational64::zero(); self.len()];
        for group in &self.groups {
            let m = group.multiplicity as i64;
            for entry in &group.entries {
                let p = entry.project as usize;
                if entry.points.is_integer() {
                    whole[p] += entry.points.to_integer() * m;
                } else {
                    fractional[p] += entry.points * m;
                }
            }
        }
        whole
            .into_iter()
            .zip(fractional)
            .map(|(w, f)| f + w)
            .collect()
    }

    /// Per project: the groups whose ballot lists it.
    pub fn supporter_groups(&self) -> Vec<Vec<u32>> {
        let mut groups = vec![Vec::new(); self.len()];
        for (g, group) in self.groups.iter().enumerate() {
            for entry in &group.entries {
                groups[entry.project as usize].push(g as u32);
            }
        }
        groups
    }

    /// Total cost of `projects`.
    pub fn cost_of(&self, projects: &[u32]) -> Money {
        projects.iter().map(|&p| &self.costs[p as usize]).sum()
    }
}

/// Ballots looked at before deciding whether merging identical ones pays.
const GROUPING_SAMPLE: usize = 4096;

/// Tie-breaking ranks: index of each id in the sorted list of ids.
fn ranks(ids: &[String]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let mut rank = vec![0u32; ids.len()];
    for (position, &project) in order.iter().enumerate() {
        rank[project] = position as u32;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pabulib::read_pabulib;

    #[test]
    fn identical_ballots_are_grouped_and_empty_ballots_still_count_as_voters() {
        let text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
            b;1\na;2\n10;3\nVOTES\nvoter_id;vote\n1;a,b\n2;b,a,a\n3;\n4;10\n";
        let profile = Profile::from_file(&read_pabulib(text).unwrap());
        assert_eq!(profile.num_ballots, 4);
        assert_eq!(profile.groups.len(), 2);
        assert_eq!(profile.groups[0].multiplicity, 2);
        assert_eq!(profile.supporters(), vec![2, 2, 1]);
        // "10" < "a" < "b" as text.
        assert_eq!(profile.rank, vec![2, 1, 0]);
    }

    #[test]
    fn an_ordinal_ballot_keeps_the_first_position_of_a_repeated_project() {
        let entries = ballot_entries(VoteType::Ordinal, &[3, 1, 3, 2], None);
        let order: Vec<(u32, u32)> = entries.iter().map(|e| (e.project, e.borda)).collect();
        assert_eq!(order, vec![(3, 2), (1, 1), (2, 0)]);
    }
}
