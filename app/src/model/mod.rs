//! Types that cross the wire between server functions and pages: small, serialisable views,
//! never database rows.

use serde::{Deserialize, Serialize};

/// What a signed-in person may do. Checked on the server for every server function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Resident,
    Staff,
    Politician,
    /// A local association (förening) the nämnd works with to reach the groups that take part
    /// least: logs its outreach, runs kiosks, sees the figures of its groups only.
    Partner,
    Admin,
}

impl Role {
    /// The name stored in the database and in the session token.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Staff => "staff",
            Role::Politician => "politician",
            Role::Partner => "partner",
            Role::Admin => "admin",
        }
    }

    /// Reads a stored role name; unknown names are `None`, never a silent downgrade.
    pub fn parse(name: &str) -> Option<Role> {
        Some(match name {
            "resident" => Role::Resident,
            "staff" => Role::Staff,
            "politician" => Role::Politician,
            "partner" => Role::Partner,
            "admin" => Role::Admin,
            _ => return None,
        })
    }
}

/// The signed-in person as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// The nämnd a staff member, politician or partner works for.
    pub namnd_id: Option<i64>,
    /// Set for a voter let in at a kiosk: such a session only votes, in the kiosk's round; once
    /// the ballot is cast it may only answer the voluntary questions, then it ends.
    #[serde(default)]
    pub kiosk: Option<KioskVoter>,
    /// Their role asks for an eID sign-in (a setting) that this session lacks: until they sign
    /// in with eID they act as a resident, and the page says why.
    #[serde(default)]
    pub eid_needed: bool,
}

/// A voter let in at a kiosk: the kiosk, and the round they may vote in there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskVoter {
    pub kiosk: i64,
    pub round: i64,
    /// The ballot is cast: the session may answer the voluntary questions, nothing more.
    #[serde(default)]
    pub answering: bool,
}

impl SessionUser {
    /// Whether this person may configure rounds of `namnd_id` and review their proposals:
    /// staff of that nämnd, or an administrator.
    pub fn manages(&self, namnd_id: i64) -> bool {
        self.role == Role::Admin || (self.role == Role::Staff && self.namnd_id == Some(namnd_id))
    }

    /// Whether this person may run kiosks and log outreach in rounds of `namnd_id`: whoever
    /// manages them, or a partner association of that nämnd.
    pub fn assists(&self, namnd_id: i64) -> bool {
        self.manages(namnd_id) || (self.role == Role::Partner && self.namnd_id == Some(namnd_id))
    }

    /// Whether this person takes part in the political review of rounds of `namnd_id`: its
    /// politicians and staff, or an administrator.
    pub fn deliberates(&self, namnd_id: i64) -> bool {
        self.manages(namnd_id) || self.decides(namnd_id)
    }

    /// Whether this person may record the decisions on rounds of `namnd_id`: its
    /// politicians, or an administrator.
    pub fn decides(&self, namnd_id: i64) -> bool {
        self.role == Role::Admin
            || (self.role == Role::Politician && self.namnd_id == Some(namnd_id))
    }
}

/// A round as the start page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub namnd: String,
    pub phase: domain::Phase,
}

/// A mail in the outbox, for the development mail page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub created_at: String,
}

/// An account as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub email: String,
    pub namnd: Option<String>,
    pub role: Role,
    /// A partner's organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    pub created_at: String,
}

/// The form that gives an account a role; `organisation` and `groups` (ticked group keys) are
/// for partners only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleForm {
    pub email: String,
    pub role: String,
    pub namnd_id: String,
    pub organisation: String,
    pub groups: std::collections::BTreeMap<String, String>,
}

/// What the administration page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub accounts: Vec<AccountRow>,
    pub namnder: Vec<Choice>,
    pub areas: Vec<AreaRow>,
}

/// An area and its population.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaRow {
    #[serde(default)]
    pub id: i64,
    pub name: String,
    pub population: i64,
}

pub mod followup;
pub mod participation;
pub mod politics;
pub mod proposal;
pub mod result;
pub mod round;
mod status;
pub mod voting;

pub use status::ProposalStatus;

/// A choice in a select list: the submitted value and what is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}
