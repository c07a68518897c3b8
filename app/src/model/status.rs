//! Where a proposal stands: shared by the lists, the round page, the review and the
//! follow-up.

use serde::{Deserialize, Serialize};

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// Saved by its author, not yet public.
    Draft,
    /// Public, waiting for staff review.
    Submitted,
    /// Taken back by its author.
    Withdrawn,
    /// Reviewed: can be voted on.
    Feasible,
    /// Reviewed: cannot be carried out, with a public reason.
    NotFeasible,
    /// Joined into another proposal.
    Merged,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 6] = [
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        ProposalStatus::Withdrawn,
        ProposalStatus::Feasible,
        ProposalStatus::NotFeasible,
        ProposalStatus::Merged,
    ];

    /// The stable name in the database and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Withdrawn => "withdrawn",
            ProposalStatus::Feasible => "feasible",
            ProposalStatus::NotFeasible => "not_feasible",
            ProposalStatus::Merged => "merged",
        }
    }

    pub fn parse(text: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether everyone may see a proposal in this state.
    pub fn is_public(self) -> bool {
        !matches!(self, ProposalStatus::Draft | ProposalStatus::Withdrawn)
    }

    /// Whether its author may still change it (during the proposal phase).
    pub fn is_editable(self) -> bool {
        matches!(self, ProposalStatus::Draft | ProposalStatus::Submitted)
    }
}
