//! The phases of a round, SKR's eight steps plus a draft: which change of
//! phase is allowed. Phases move forward one at a time; before voting starts
//! staff may step back one phase (to correct a date or a text), but once
//! ballots may exist nothing moves back, because ballot format, budget and
//! counting rule are then locked. A decided round with nothing to implement
//! may be closed directly.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A phase of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Staff set the frame; not public.
    Draft,
    /// Public and announced; people can subscribe.
    Information,
    /// Residents submit proposals.
    Proposals,
    /// Staff screen the proposals.
    Review,
    /// Residents vote.
    Voting,
    /// The count is done; politicians deliberate.
    Deliberation,
    /// Politicians have decided.
    Decided,
    /// Decided projects are being carried out.
    Implementation,
    /// Archived.
    Closed,
}

impl Phase {
    /// All phases in order.
    pub const ALL: [Phase; 9] = [
        Phase::Draft,
        Phase::Information,
        Phase::Proposals,
        Phase::Review,
        Phase::Voting,
        Phase::Deliberation,
        Phase::Decided,
        Phase::Implementation,
        Phase::Closed,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The phase after this one.
    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    /// True when a round may move from `self` to `to`.
    pub fn can_move_to(self, to: Phase) -> bool {
        let (from, target) = (self.index(), to.index());
        let forward = target == from + 1;
        let back_before_voting = target + 1 == from && to < Phase::Review && self <= Phase::Review;
        let close_after_decision = self == Phase::Decided && to == Phase::Closed;
        forward || back_before_voting || close_after_decision
    }

    /// True while ballots may be cast or exist, so format, budget and rule are locked.
    pub fn locks_ballot_settings(self) -> bool {
        self >= Phase::Voting
    }

    /// The stable name (used in URLs, the database and translation keys).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Information => "information",
            Phase::Proposals => "proposals",
            Phase::Review => "review",
            Phase::Voting => "voting",
            Phase::Deliberation => "deliberation",
            Phase::Decided => "decided",
            Phase::Implementation => "implementation",
            Phase::Closed => "closed",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A phase name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown phase '{0}'")]
pub struct ParsePhaseError(pub String);

impl FromStr for Phase {
    type Err = ParsePhaseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Phase::ALL
            .into_iter()
            .find(|p| p.as_str() == text)
            .ok_or_else(|| ParsePhaseError(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phase_may_move_to_the_next_one() {
        for phase in Phase::ALL {
            if let Some(next) = phase.next() {
                assert!(phase.can_move_to(next), "{phase} → {next}");
            }
        }
        assert_eq!(Phase::Closed.next(), None);
    }

    #[test]
    fn phases_cannot_be_skipped_except_closing_a_decided_round() {
        assert!(!Phase::Draft.can_move_to(Phase::Proposals));
        assert!(!Phase::Proposals.can_move_to(Phase::Voting));
        assert!(Phase::Decided.can_move_to(Phase::Closed));
        assert!(!Phase::Voting.can_move_to(Phase::Decided));
    }

    #[test]
    fn staff_may_step_back_before_voting_but_never_once_ballots_may_exist() {
        assert!(Phase::Information.can_move_to(Phase::Draft));
        assert!(Phase::Review.can_move_to(Phase::Proposals));
        assert!(!Phase::Voting.can_move_to(Phase::Review));
        assert!(!Phase::Deliberation.can_move_to(Phase::Voting));
        assert!(!Phase::Closed.can_move_to(Phase::Implementation));
    }

    #[test]
    fn no_phase_moves_to_itself() {
        assert!(Phase::ALL.iter().all(|&p| !p.can_move_to(p)));
    }

    #[test]
    fn ballot_settings_lock_when_voting_opens() {
        assert!(!Phase::Review.locks_ballot_settings());
        assert!(Phase::Voting.locks_ballot_settings());
    }

    #[test]
    fn phase_names_round_trip() {
        for phase in Phase::ALL {
            assert_eq!(phase.as_str().parse::<Phase>(), Ok(phase));
        }
        assert!("vote".parse::<Phase>().is_err());
    }
}
