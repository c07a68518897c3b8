//! May staff move a round to another phase now, and which phase is due by
//! date? [`Phase::can_move_to`] says which moves exist at all; this adds
//! what the round's state forbids: no voting on nothing or on unscreened
//! proposals, no review of an empty round, and nothing moves back once
//! ballots exist. Moves by date obey the same checks, one step at a time, so
//! a date can never do what staff could not.

use super::{Date, PhaseDates};
use crate::Code;
use crate::phase::Phase;

/// What the round holds right now, counted by the caller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhaseFacts {
    /// Proposals submitted (not drafts).
    pub submitted_proposals: u32,
    /// Submitted proposals not yet reviewed.
    pub unreviewed_proposals: u32,
    /// Proposals reviewed as feasible.
    pub feasible_projects: u32,
    /// Ballots cast.
    pub ballots: u32,
}

/// Why a round may not move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhaseMoveError {
    /// The phases do not allow this move at all (see [`Phase::can_move_to`]).
    #[error("a round cannot move between these phases")]
    NotAllowed,
    /// Moving back would unlock settings that ballots were cast under.
    #[error("ballots have been cast, so the round cannot move back")]
    BallotsExist,
    /// Voting needs at least one feasible project.
    #[error("there is no feasible project to vote on")]
    NoFeasibleProjects,
    /// Voting needs every proposal reviewed.
    #[error("some proposals have not been reviewed")]
    UnreviewedProposals,
    /// Review needs at least one proposal.
    #[error("no proposals have been submitted")]
    NoProposals,
}

impl PhaseMoveError {
    /// Every refusal (for example to test that each code is translated).
    pub const ALL: [PhaseMoveError; 5] = [
        PhaseMoveError::NotAllowed,
        PhaseMoveError::BallotsExist,
        PhaseMoveError::NoFeasibleProjects,
        PhaseMoveError::UnreviewedProposals,
        PhaseMoveError::NoProposals,
    ];

    /// The stable code the app translates.
    pub fn code(self) -> Code {
        match self {
            PhaseMoveError::NotAllowed => Code::PhaseNotAllowed,
            PhaseMoveError::BallotsExist => Code::PhaseBallotsExist,
            PhaseMoveError::NoFeasibleProjects => Code::PhaseNoFeasible,
            PhaseMoveError::UnreviewedProposals => Code::PhaseUnreviewed,
            PhaseMoveError::NoProposals => Code::PhaseNoProposals,
        }
    }
}

/// Whether a round in `from` may move to `to` now. When several reasons
/// apply, unreviewed proposals are reported before the lack of feasible
/// ones, since reviewing them may produce some.
pub fn check_phase_move(from: Phase, to: Phase, facts: &PhaseFacts) -> Result<(), PhaseMoveError> {
    if !from.can_move_to(to) {
        return Err(PhaseMoveError::NotAllowed);
    }
    if to < from && facts.ballots > 0 {
        return Err(PhaseMoveError::BallotsExist);
    }
    if to == Phase::Voting && facts.unreviewed_proposals > 0 {
        return Err(PhaseMoveError::UnreviewedProposals);
    }
    if to == Phase::Voting && facts.feasible_projects == 0 {
        return Err(PhaseMoveError::NoFeasibleProjects);
    }
    if from == Phase::Proposals && to == Phase::Review && facts.submitted_proposals == 0 {
        return Err(PhaseMoveError::NoProposals);
    }
    Ok(())
}

/// The phase a round should be in on `today` given its dates, if later than
/// `current` and reachable by allowed single forward steps without
/// violating [`check_phase_move`] (the furthest such phase; `None` if no
/// move is due).
///
/// The target is the latest phase whose date has come (`voting_end` starts
/// deliberation). Phases in between without a date are stepped through, each
/// step checked. A round in [`Phase::Draft`] never moves by date: staff
/// publish it.
pub fn due_phase(
    current: Phase,
    dates: &PhaseDates,
    today: Date,
    facts: &PhaseFacts,
) -> Option<Phase> {
    if current == Phase::Draft {
        return None;
    }
    let target = PhaseDates::PHASES
        .into_iter()
        .filter(|&phase| dates.start_of(phase).is_some_and(|start| start <= today))
        .max()?;
    let mut reached = current;
    while reached < target {
        let next = reached.next()?;
        if check_phase_move(reached, next, facts).is_err() {
            break;
        }
        reached = next;
    }
    (reached > current).then_some(reached)
}

#[cfg(test)]
#[path = "phase_move_tests.rs"]
mod tests;
