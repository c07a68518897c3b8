//! Views of proposals: list cards, the proposal page, the resident's form and staff review.

use serde::{Deserialize, Serialize};

use super::{Choice, ProposalStatus};
/// A proposal in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalCard {
    pub id: i64,
    pub title: String,
    pub area: Option<String>,
    pub status: ProposalStatus,
    /// The staff's estimate once reviewed, the proposer's before.
    pub cost: i64,
    pub supports: i64,
    pub reason: Option<String>,
}

/// The filters of the public list, as in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalFilter {
    pub area: String,
    pub status: String,
    pub q: String,
    pub page: u64,
}

/// One page of a round's proposals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalPage {
    pub round_slug: String,
    pub round_title: String,
    pub items: Vec<ProposalCard>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub areas: Vec<Choice>,
}

/// A comment as shown; `body` is `None` when staff hid it (then `hidden_reason` says why).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub body: Option<String>,
    pub hidden_reason: Option<String>,
    pub created_at: String,
}

/// The proposal page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalDetail {
    pub id: i64,
    pub round_slug: String,
    pub round_title: String,
    pub round_open_for_proposals: bool,
    pub title: String,
    pub description: String,
    pub area: Option<String>,
    pub place: Option<String>,
    pub position: Option<(f64, f64)>,
    pub cost: i64,
    pub staff_cost: Option<i64>,
    pub status: ProposalStatus,
    pub reason: Option<String>,
    pub has_image: bool,
    pub supports: i64,
    pub supported_by_viewer: bool,
    pub viewer_signed_in: bool,
    pub viewer_is_author: bool,
    pub viewer_manages: bool,
    pub merged_into: Option<i64>,
    /// Proposals merged into this one: (id, title).
    pub merged_from: Vec<(i64, String)>,
    pub comments: Vec<CommentView>,
    /// The politicians' decision and the implementation timeline.
    pub follow_up: super::followup::FollowUp,
    /// For the author who has not answered the round's voluntary questions: the areas to
    /// choose from.
    #[serde(default)]
    pub questions: Option<Vec<Choice>>,
}

/// What the proposal form needs: the stored text (empty for a new proposal) and the areas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEditor {
    pub round_slug: String,
    pub round_title: String,
    pub budget_total: i64,
    /// `None` for a new proposal.
    pub id: Option<i64>,
    pub status: Option<ProposalStatus>,
    pub has_image: bool,
    pub form: domain::round::ProposalForm,
    pub areas: Vec<Choice>,
}

/// What the staff review page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewEditor {
    pub proposal: ProposalDetail,
    pub criteria: Vec<String>,
    pub criteria_met: Vec<bool>,
    pub feasibility: String,
    pub reason: String,
    pub staff_cost: String,
    pub internal_note: String,
    /// Other proposals of the round this one can be merged into.
    pub merge_targets: Vec<Choice>,
    pub budget_total: i64,
}

/// The review form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewFormData {
    pub feasibility: String,
    pub reason: String,
    pub staff_cost: String,
    pub internal_note: String,
    /// Indexes of the criteria ticked as met (`criteria_met[<i>]=<i>`).
    pub criteria_met: std::collections::BTreeMap<String, String>,
}
