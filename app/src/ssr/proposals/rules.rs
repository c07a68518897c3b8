//! Which status of a proposal allows what: the author changing it, a save moving it from draft
//! to submitted, staff reviewing or merging it, residents supporting or commenting. Pure
//! functions with table tests, used by the proposal, review and image services. They live
//! here and not in `domain` because `ProposalStatus` is `model`'s; the phase rules they
//! combine with are `domain::phase_rules`.

use domain::Phase;
use domain::phase_rules::proposals_open;

use crate::model::ProposalStatus;

/// The statuses the public list shows (and a round's proposers are counted by).
pub const LISTED: [ProposalStatus; 4] = [
    ProposalStatus::Submitted,
    ProposalStatus::Feasible,
    ProposalStatus::NotFeasible,
    ProposalStatus::Merged,
];

/// Whether the author may still change or withdraw a proposal with `status` in a round in
/// `phase`: during the proposal phase, while it is a draft or submitted (not reviewed).
pub fn author_may_change(phase: Phase, status: ProposalStatus) -> bool {
    proposals_open(phase) && status.is_editable()
}

/// What the author's save leaves: the new status, and whether this save is the first
/// submission (which sets `submitted_at` and mails a receipt). A new proposal counts as a
/// draft; a submitted proposal stays submitted when edited.
pub fn status_after_save(current: ProposalStatus, submit: bool) -> (ProposalStatus, bool) {
    let status = if submit || current == ProposalStatus::Submitted {
        ProposalStatus::Submitted
    } else {
        ProposalStatus::Draft
    };
    (status, submit && current == ProposalStatus::Draft)
}

/// Whether staff may review a proposal with `status`: once submitted, and again after a
/// review (to correct it); not drafts, withdrawn or merged ones.
pub fn reviewable(status: ProposalStatus) -> bool {
    matches!(
        status,
        ProposalStatus::Submitted | ProposalStatus::Feasible | ProposalStatus::NotFeasible
    )
}

/// Whether a proposal with `status` may be merged into another: a public one not merged yet.
pub fn mergeable(status: ProposalStatus) -> bool {
    status.is_public() && status != ProposalStatus::Merged
}

/// Whether residents may support a proposal with `status`: public and not merged away (its
/// supporters moved to the proposal it joined).
pub fn supportable(status: ProposalStatus) -> bool {
    status.is_public() && status != ProposalStatus::Merged
}

/// Whether residents may comment on a proposal with `status`: any public one.
pub fn commentable(status: ProposalStatus) -> bool {
    status.is_public()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProposalStatus::*;

    /// Every status with the expected answer of each status rule:
    /// (status, reviewable, mergeable, supportable, commentable).
    const TABLE: [(ProposalStatus, bool, bool, bool, bool); 6] = [
        (Draft, false, false, false, false),
        (Submitted, true, true, true, true),
        (Withdrawn, false, false, false, false),
        (Feasible, true, true, true, true),
        (NotFeasible, true, true, true, true),
        (Merged, false, false, false, true),
    ];

    #[test]
    fn the_table_covers_every_status() {
        let statuses: Vec<ProposalStatus> = TABLE.iter().map(|row| row.0).collect();
        assert_eq!(statuses, ProposalStatus::ALL);
    }

    #[test]
    fn each_status_allows_what_the_table_says() {
        for (status, review, merge, support, comment) in TABLE {
            assert_eq!(reviewable(status), review, "review {status:?}");
            assert_eq!(mergeable(status), merge, "merge {status:?}");
            assert_eq!(supportable(status), support, "support {status:?}");
            assert_eq!(commentable(status), comment, "comment {status:?}");
        }
    }

    #[test]
    fn the_author_changes_drafts_and_submitted_proposals_in_the_proposal_phase_only() {
        for phase in Phase::ALL {
            for status in ProposalStatus::ALL {
                let expected = phase == Phase::Proposals && matches!(status, Draft | Submitted);
                assert_eq!(
                    author_may_change(phase, status),
                    expected,
                    "{phase} {status:?}"
                );
            }
        }
    }

    #[test]
    fn a_save_submits_once_and_never_takes_a_submission_back() {
        let table = [
            // (current, submit) -> (status, first submission)
            ((Draft, false), (Draft, false)),
            ((Draft, true), (Submitted, true)),
            ((Submitted, false), (Submitted, false)),
            ((Submitted, true), (Submitted, false)),
        ];
        for ((current, submit), expected) in table {
            assert_eq!(
                status_after_save(current, submit),
                expected,
                "{current:?} submit={submit}"
            );
        }
    }
}
