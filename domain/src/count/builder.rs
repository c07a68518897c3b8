//! Building the counting [`Profile`] vote by vote: each ballot read the way
//! pabutools reads it, identical ballots merged while that pays, and the
//! per-project counts the rules and the report need kept on the way, so
//! that nothing has to pass over 90 000 ballots again.

use num_rational::Rational64;

use super::grouping::{Ballots, Grouping};
use super::profile::{Profile, ranks};
use crate::pabulib::{PbFile, VoteRow, VoteSink, VoteType};

/// Builds a [`Profile`] vote by vote, as a file is read (see [`crate::pabulib::VoteSink`]).
pub(crate) struct ProfileBuilder {
    vote_type: VoteType,
    ballots: Ballots,
    grouping: Option<Grouping>,
    num_ballots: u64,
    counts: Counts,
}

/// Per project, counted while ballots are added (so no pass over them later).
#[derive(Debug, Clone)]
pub(super) struct Counts {
    /// Voters listing it.
    pub voters: Vec<u64>,
    /// Groups listing it.
    pub groups: Vec<u64>,
}

impl Counts {
    fn new(projects: usize) -> Counts {
        Counts {
            voters: vec![0; projects],
            groups: vec![0; projects],
        }
    }

    /// Counts `projects` once each (they index the projects given to `new`).
    fn add(counts: &mut [u64], projects: &[u32]) {
        for &p in projects {
            counts[p as usize] += 1;
        }
    }
}

impl ProfileBuilder {
    /// A builder for ballots of `vote_type` over `projects` projects.
    pub(crate) fn new(vote_type: VoteType, projects: usize) -> ProfileBuilder {
        ProfileBuilder {
            vote_type,
            ballots: Ballots::new(vote_type.has_points()),
            grouping: Some(Grouping::new()),
            num_ballots: 0,
            counts: Counts::new(projects),
        }
    }

    pub(super) fn add(&mut self, projects: &[u32], points: Option<&[Rational64]>) {
        let i = self.num_ballots as usize;
        self.num_ballots += 1;
        self.ballots.push_ballot(self.vote_type, projects, points);
        let ballot = self.ballots.pending().0;
        if ballot.is_empty() {
            return;
        }
        Counts::add(&mut self.counts.voters, ballot);
        let groups = self.ballots.multiplicity.len();
        match &mut self.grouping {
            Some(table) => table.add(&mut self.ballots),
            None => self.ballots.close(),
        }
        if self.ballots.multiplicity.len() > groups {
            Counts::add(&mut self.counts.groups, self.ballots.group(groups).0);
        }
        // Merging only pays when ballots repeat: after a sample of mostly
        // different ballots, keep the rest apart (multiplicities are only a
        // shortcut; the count is the same either way).
        if i + 1 == GROUPING_SAMPLE && self.ballots.multiplicity.len() * 10 > GROUPING_SAMPLE * 9 {
            self.grouping = None;
        }
    }

    /// The profile of `file`'s projects and budget with the votes added so far.
    pub(crate) fn finish(mut self, file: &PbFile) -> Profile {
        let ids: Vec<String> = file.projects.iter().map(|p| p.id.clone()).collect();
        // (Only with no votes can there be more projects now than at the start.)
        self.counts.voters.resize(ids.len(), 0);
        self.counts.groups.resize(ids.len(), 0);
        Profile {
            counts: self.counts,
            rank: ranks(&ids),
            ids,
            costs: file.projects.iter().map(|p| p.cost.clone()).collect(),
            budget: file.budget.clone(),
            vote_type: file.vote_type,
            num_ballots: self.num_ballots,
            ballots: self.ballots,
        }
    }
}

impl VoteSink for ProfileBuilder {
    fn start(&mut self, vote_type: VoteType, projects: usize) {
        *self = ProfileBuilder::new(vote_type, projects);
    }

    fn vote(&mut self, vote: VoteRow<'_>) {
        self.add(vote.projects, vote.points);
    }
}

/// Ballots looked at before deciding whether merging identical ones pays.
const GROUPING_SAMPLE: usize = 4096;
