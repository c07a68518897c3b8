//! What a round's phase allows besides moving on: residents writing proposals, staff reviewing
//! them, the result going public, implementation updates. The services used to decide these
//! inline (`phase == Proposals`, `matches!(phase, Proposals | Review)`, `phase >= Decided`);
//! here each decision has a name and a table of cases, so a change of the rules is one edit.

use crate::Phase;

/// Whether residents may write, submit, change or withdraw proposals: only in the proposal
/// phase.
pub fn proposals_open(phase: Phase) -> bool {
    phase == Phase::Proposals
}

/// Whether staff may still review or merge proposals: while they come in and during the
/// review phase, never once voting has started (the ballot would change under the voters).
pub fn review_open(phase: Phase) -> bool {
    matches!(phase, Phase::Proposals | Phase::Review)
}

/// Whether voting is over and counted: from deliberation on, the result may be published and
/// the evaluation report belongs to the public archive.
pub fn voting_over(phase: Phase) -> bool {
    phase >= Phase::Deliberation
}

/// Whether implementation updates (and their photos) may be posted on a project: once the
/// round is decided and the politicians `approved` the project.
pub fn updates_open(phase: Phase, approved: bool) -> bool {
    phase >= Phase::Decided && approved
}

#[cfg(test)]
mod tests {
    use super::*;
    use Phase::*;

    /// Each phase in order, with the expected answer of every rule:
    /// (phase, proposals_open, review_open, voting_over, updates_open when approved).
    const TABLE: [(Phase, bool, bool, bool, bool); 9] = [
        (Draft, false, false, false, false),
        (Information, false, false, false, false),
        (Proposals, true, true, false, false),
        (Review, false, true, false, false),
        (Voting, false, false, false, false),
        (Deliberation, false, false, true, false),
        (Decided, false, false, true, true),
        (Implementation, false, false, true, true),
        (Closed, false, false, true, true),
    ];

    #[test]
    fn the_table_covers_every_phase_in_order() {
        let phases: Vec<Phase> = TABLE.iter().map(|row| row.0).collect();
        assert_eq!(phases, Phase::ALL);
    }

    #[test]
    fn proposals_are_written_only_in_the_proposal_phase() {
        for (phase, open, ..) in TABLE {
            assert_eq!(proposals_open(phase), open, "{phase}");
        }
    }

    #[test]
    fn review_is_open_while_proposals_come_in_and_in_review() {
        for (phase, _, open, ..) in TABLE {
            assert_eq!(review_open(phase), open, "{phase}");
        }
    }

    #[test]
    fn voting_is_over_from_deliberation_on() {
        for (phase, _, _, over, _) in TABLE {
            assert_eq!(voting_over(phase), over, "{phase}");
        }
    }

    #[test]
    fn updates_need_a_decided_round_and_an_approval() {
        for (phase, .., open) in TABLE {
            assert_eq!(updates_open(phase, true), open, "{phase}");
            assert!(!updates_open(phase, false), "{phase} without approval");
        }
    }
}
