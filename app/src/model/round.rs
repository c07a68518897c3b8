//! Views of rounds: what the public round page shows, and what staff edit.

use domain::Phase;
use domain::round::RoundSettings;
use serde::{Deserialize, Serialize};

use super::Choice;

/// One date on a round's timeline: the phase that starts then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub phase: Phase,
    /// `YYYY-MM-DD`, when set.
    pub date: Option<String>,
}

/// An area's share of the allocation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaBudget {
    pub area: String,
    pub amount: i64,
}

/// A round as its public page shows it, texts in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    pub slug: String,
    pub namnd: String,
    pub title: String,
    pub summary: String,
    pub phase: Phase,
    pub budget_total: i64,
    /// The allocation per area, with the areas' names (ids are in `settings`).
    pub area_budgets: Vec<AreaBudget>,
    pub settings: RoundSettings,
    pub timeline: Vec<TimelineEntry>,
    /// Whether the viewer is staff of this round's nämnd (shows the link to manage it).
    pub managed_by_viewer: bool,
    /// Whether the viewer takes part in the political review (politicians and staff).
    pub deliberated_by_viewer: bool,
    /// The signed-in viewer's own proposals in this round, drafts included.
    pub own_proposals: Vec<OwnProposal>,
    /// Whether residence is checked against an electoral roll (else it is declared).
    pub has_roll: bool,
}

/// One of the viewer's own proposals, with its status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnProposal {
    pub id: i64,
    pub title: String,
    pub status: super::ProposalStatus,
}

/// One change of phase, for the log on the staff page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseChangeView {
    pub from: Phase,
    pub to: Phase,
    /// Who moved it; `None` when it moved by date.
    pub by: Option<String>,
    pub at: String,
}

/// A round in the staff's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRoundRow {
    pub slug: String,
    pub title: String,
    pub namnd: String,
    pub phase: Phase,
    pub proposals: u64,
    pub unreviewed: u64,
    /// Ballots in the box.
    pub ballots: u64,
}

/// Everything the round form and the staff round page need. `form` holds the stored values as
/// the form's text (or the defaults for a new round).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundEditor {
    /// `None` for a new round.
    pub slug: Option<String>,
    pub title: String,
    pub phase: Option<Phase>,
    /// The round's settings as the form's text (parsed by `domain::round::parse_round`).
    pub form: domain::round::RoundForm,
    /// The nämnd of the round, as a form value.
    pub namnd_id: String,
    /// Per area id, the area's amount as text (`area_budget[<area id>]`).
    pub area_budget: std::collections::BTreeMap<String, String>,
    pub namnder: Vec<Choice>,
    pub areas: Vec<Choice>,
    /// Phases staff may move to now (moves the domain may still refuse with a reason).
    pub moves: Vec<Phase>,
    pub log: Vec<PhaseChangeView>,
    /// Whether ballot format, budget and rule can still change.
    pub ballot_settings_open: bool,
    /// The round's electoral roll (`None` for a new round).
    pub roll: Option<RollView>,
}

/// A round's electoral roll as its staff see it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollView {
    /// People on the roll; 0 when there is none (residence is then declared).
    pub count: u64,
    /// When the roll was imported (`YYYY-MM-DD HH:MM`, UTC).
    pub imported_at: Option<String>,
    /// Whether it may still be replaced or removed (until voting closes).
    pub editable: bool,
}
