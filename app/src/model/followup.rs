//! Views of what happens after the vote: the politicians' review of a round, decisions per
//! project, implementation updates and the overview of all projects.

use serde::{Deserialize, Serialize};

use super::Choice;

/// A recorded decision, as shown next to the residents' result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    /// `approved`, `not_approved` or `postponed`.
    pub outcome: domain::followup::DecisionOutcome,
    pub motivation: Option<String>,
    pub protocol_section: String,
    /// `YYYY-MM-DD`.
    pub meeting_date: String,
    pub minutes_url: Option<String>,
    /// Whether it goes against the residents' result (the motivation is then shown first).
    pub differs: bool,
}

/// One implementation update, on a project's public timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateView {
    pub id: i64,
    pub status: domain::followup::ImplementationStatus,
    pub percent: u8,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The photo's description (its alternative text), when the update has a photo.
    pub photo: Option<String>,
}

/// A project's follow-up: its decision and its implementation timeline, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub decision: Option<DecisionView>,
    pub updates: Vec<UpdateView>,
    /// Whether the viewer may post updates (staff of the nämnd, once approved).
    pub may_update: bool,
}

/// A project in the overview of all projects of all rounds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRow {
    pub id: i64,
    pub title: String,
    pub round_slug: String,
    pub round_title: String,
    pub namnd: String,
    pub area: Option<String>,
    pub year: i32,
    pub status: domain::followup::ImplementationStatus,
    pub percent: u8,
    /// `YYYY-MM-DD` of the latest update, if any.
    pub updated: Option<String>,
}

/// The filters of the overview, as in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFilter {
    pub namnd: String,
    pub area: String,
    pub year: String,
    pub status: String,
}

/// The overview page: the projects and what the filters can choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectOverview {
    pub projects: Vec<ProjectRow>,
    pub namnder: Vec<Choice>,
    pub areas: Vec<Choice>,
    pub years: Vec<i32>,
}

/// A signed link from a mail (unsubscribe or confirm), as its page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    /// Whether the link is genuine (not changed, not made up).
    pub valid: bool,
    pub email: String,
    /// `all`, `round:<id>` or `project:<id>`.
    pub scope: String,
    /// The round's or project's title (none for all mail).
    pub title: Option<String>,
    /// Whether it is already done (unsubscribed, or confirmed).
    pub done: bool,
    /// Whether the address gets at most one mail a day per round (the digest).
    pub digest: bool,
}

/// A mail not (yet) sent, for the staff mail page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    /// `queued`, `sending` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
}

/// A round's mail, for its staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundMail {
    pub slug: String,
    pub title: String,
    pub queued: u64,
    pub sending: u64,
    pub sent: u64,
    pub failed: u64,
    /// Mail not sent, newest first (at most 200).
    pub waiting: Vec<MailRow>,
}
