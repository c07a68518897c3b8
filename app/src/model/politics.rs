//! What politicians read and fill in: the review page before deciding and the decision form.

use serde::{Deserialize, Serialize};

use super::ProposalStatus;
use super::followup::DecisionView;
use super::result::RoundResultView;

/// One proposal on the politicians' review page: every proposal, rejected ones too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewedProposal {
    pub id: i64,
    pub title: String,
    pub area: Option<String>,
    pub status: ProposalStatus,
    pub cost: i64,
    pub reason: Option<String>,
    pub supports: i64,
    /// Visible comments, oldest first.
    pub comments: Vec<String>,
    /// Votes and funded, when it was on the ballot and the round is counted.
    pub votes: Option<u64>,
    pub funded: Option<bool>,
    pub decision: Option<DecisionView>,
}

/// Participation in one area, against its population.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaParticipation {
    pub name: String,
    pub population: i64,
    pub voters: u64,
}

/// Who took part in a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    /// Ballots in the box (online, assisted and agreed paper ballots).
    pub ballots: u64,
    /// People in the voter register, by the area they said they live in.
    pub by_area: Vec<AreaParticipation>,
    /// Registered voters who live outside the municipality or did not say.
    pub elsewhere: u64,
    pub proposals: u64,
    pub proposers: u64,
    pub supports: u64,
    pub comments: u64,
}

/// The politicians' review page of a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliticalReview {
    pub slug: String,
    pub title: String,
    pub namnd: String,
    pub phase: domain::Phase,
    pub result: Option<RoundResultView>,
    pub participation: Participation,
    pub proposals: Vec<ReviewedProposal>,
    /// Whether the viewer may record decisions now.
    pub may_decide: bool,
}

/// The decision form of one project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionEditor {
    pub id: i64,
    pub title: String,
    pub round_slug: String,
    pub round_title: String,
    pub votes: Option<u64>,
    pub funded: bool,
    pub form: domain::followup::DecisionForm,
    /// Who recorded the stored decision and when, if there is one.
    pub recorded: Option<(String, String)>,
}
