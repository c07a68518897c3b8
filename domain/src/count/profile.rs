//! The counting view of an election: projects with exact costs, the budget,
//! and the ballots grouped so that identical ballots are counted once with a
//! multiplicity (90 000 voters often cast far fewer distinct ballots).
//!
//! Ballots are read as pabutools reads them: an approval ballot is a set, an
//! ordinal ballot an ordered set (first occurrence wins), a cumulative or
//! scoring ballot a map (a later entry for the same project overrides).

use num_rational::Rational64;
use num_traits::Zero;

use super::builder::{Counts, ProfileBuilder};
use super::grouping::Ballots;
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

/// Identical ballots, counted once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'a> {
    /// How many voters cast exactly this ballot.
    pub multiplicity: u64,
    /// The projects on the ballot: for ordinal ballots in order of preference,
    /// for the others in increasing order of index.
    pub projects: &'a [u32],
    /// Points at the same positions (empty when the ballot type has none: all 1).
    points: &'a [Rational64],
    ordinal: bool,
}

impl Group<'_> {
    /// The ballot, one entry per project.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = Entry> + '_ {
        let one = Rational64::from_integer(1);
        let len = self.projects.len() as u32;
        self.projects
            .iter()
            .enumerate()
            .map(move |(i, &project)| Entry {
                project,
                points: self.points.get(i).copied().unwrap_or(one),
                borda: if self.ordinal { len - i as u32 - 1 } else { 0 },
            })
    }
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
    /// repeat, as in a large election, they are left apart after a sample),
    /// stored back to back: one allocation, not one per voter.
    pub(super) ballots: Ballots,
    pub(super) counts: Counts,
}

impl Profile {
    /// Builds the counting view of a Pabulib file.
    pub fn from_file(file: &PbFile) -> Profile {
        let mut builder = ProfileBuilder::new(file.vote_type, file.projects.len());
        for vote in &file.votes {
            builder.add(&vote.projects, vote.points.as_deref());
        }
        builder.finish(file)
    }

    /// Number of groups of identical ballots.
    pub fn num_groups(&self) -> usize {
        self.ballots.multiplicity.len()
    }

    /// Group `g`.
    #[inline]
    pub fn group(&self, g: usize) -> Group<'_> {
        let (projects, points) = self.ballots.group(g);
        Group {
            multiplicity: self.ballots.multiplicity[g],
            projects,
            points,
            ordinal: self.vote_type == VoteType::Ordinal,
        }
    }

    /// The groups of identical ballots, in the order first cast.
    pub fn groups(&self) -> impl ExactSizeIterator<Item = Group<'_>> + '_ {
        let ballots = &self.ballots;
        let ordinal = self.vote_type == VoteType::Ordinal;
        let points = |start, end| {
            if ballots.has_points {
                &ballots.points[start..end]
            } else {
                &[]
            }
        };
        ballots
            .multiplicity
            .iter()
            .zip(ballots.start.windows(2))
            .map(move |(&multiplicity, range)| Group {
                multiplicity,
                projects: &ballots.projects[range[0]..range[1]],
                points: points(range[0], range[1]),
                ordinal,
            })
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
        self.counts.voters.clone()
    }

    /// Per project: number of groups whose ballot lists it.
    pub(crate) fn supporter_group_counts(&self) -> &[u64] {
        &self.counts.groups
    }

    /// Per project: total points (cumulative and scoring ballots).
    pub fn points(&self) -> Vec<Rational64> {
        let mut whole = vec![0i64; self.len()];
        let mut fractional = vec![Rational64::zero(); self.len()];
        for group in self.groups() {
            let m = group.multiplicity as i64;
            for entry in group.entries() {
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
        for (g, group) in self.groups().enumerate() {
            for &p in group.projects {
                groups[p as usize].push(g as u32);
            }
        }
        groups
    }

    /// Total cost of `projects`.
    pub fn cost_of(&self, projects: &[u32]) -> Money {
        projects.iter().map(|&p| &self.costs[p as usize]).sum()
    }
}

/// Tie-breaking ranks: index of each id in the sorted list of ids.
pub(super) fn ranks(ids: &[String]) -> Vec<u32> {
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
        assert_eq!(profile.num_groups(), 2);
        assert_eq!(profile.group(0).multiplicity, 2);
        assert_eq!(profile.supporters(), vec![2, 2, 1]);
        // "10" < "a" < "b" as text.
        assert_eq!(profile.rank, vec![2, 1, 0]);
    }

    #[test]
    fn an_ordinal_ballot_keeps_the_first_position_of_a_repeated_project() {
        let text = "META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\n\
            0;1\n1;1\n2;1\n3;1\nVOTES\nvoter_id;vote\nx;3,1,3,2\n";
        let profile = Profile::from_file(&read_pabulib(text).unwrap());
        let order: Vec<(u32, u32)> = profile
            .group(0)
            .entries()
            .map(|e| (e.project, e.borda))
            .collect();
        assert_eq!(order, vec![(3, 2), (1, 1), (2, 0)]);
    }
}
