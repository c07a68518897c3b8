//! Views of voting: the ballot page and the receipt.

use domain::round::BallotFormat;
use domain::voting::BallotPost;
use serde::{Deserialize, Serialize};

/// A project on the ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotProject {
    pub id: i64,
    pub title: String,
    pub area: Option<String>,
    /// The staff's cost estimate (the one voting uses).
    pub cost: i64,
    pub description: String,
}

/// The ballot page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotView {
    pub slug: String,
    pub round_title: String,
    /// Whether voting is open now.
    pub open: bool,
    /// Why the viewer may not vote in this round (an error code), if so.
    pub not_eligible: Option<domain::Code>,
    pub format: BallotFormat,
    pub max_choices: Option<u32>,
    pub points_total: Option<u32>,
    pub points_max_per_project: Option<u32>,
    /// The budget a knapsack ballot must fit.
    pub budget: i64,
    pub projects: Vec<BallotProject>,
    /// The viewer's ballot as cast, to change it (empty before the first vote).
    pub current: BallotPost,
    pub has_voted: bool,
    /// What the viewer has declared for eligibility (as form text) and the areas to choose.
    pub profile: ProfileForm,
    pub areas: Vec<crate::model::Choice>,
    /// Whether the viewer was let in at a kiosk (the page offers to hand the device back).
    #[serde(default)]
    pub kiosk: bool,
}

/// The eligibility questions as the form shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub birth_year: String,
    /// The birth year came from an eID sign-in: shown, not asked.
    #[serde(default)]
    pub birth_year_verified: bool,
    /// The home area's id; `none` for "outside the municipality"; empty when not answered.
    pub home_area: String,
    pub works_here: bool,
}

/// One line of a receipt: a project and, for points or ranks, how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLine {
    pub title: String,
    pub points: Option<u32>,
    pub rank: Option<u32>,
}

/// What the voter cast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptView {
    pub slug: String,
    pub round_title: String,
    pub lines: Vec<ReceiptLine>,
    /// Whether the ballot can still be changed.
    pub open: bool,
    /// Whether the voter has answered the voluntary questions of the round.
    pub answered: bool,
    /// The areas, for the voluntary question on where one lives.
    pub areas: Vec<super::Choice>,
}

/// Where a paper ballot's double entry stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperState {
    /// Typed in once; waits for a second staff member.
    Waiting,
    /// Two entries agree: the ballot is in the box.
    Matched,
    /// The entries differ: check the paper.
    Mismatch,
}

/// A paper ballot's serial number and the state of its entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperStatus {
    pub serial: String,
    pub entries: u32,
    pub state: PaperState,
}

/// The paper ballots of a round as staff see them: the printed range and checked-off count as
/// stored (for the form), and every serial typed in so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperView {
    pub roll: domain::paper::PaperRollForm,
    pub statuses: Vec<PaperStatus>,
}

/// What a kiosk device shows between voters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskView {
    /// Whether voters may still be let in (not ended, within its day, the round voting).
    pub active: bool,
    pub round_slug: String,
    pub round_title: String,
    pub place: String,
    /// Voters let in so far.
    pub voters: u32,
}

/// What a kiosk shows a voter whose ballot is cast: the voluntary questions of the round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskQuestions {
    pub slug: String,
    pub round_title: String,
    pub areas: Vec<super::Choice>,
}
