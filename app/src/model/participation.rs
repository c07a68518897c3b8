//! The dashboard of who takes part, against the round's population baseline: for the round's
//! staff, and for its partner associations (their groups only).

use serde::{Deserialize, Serialize};

/// The participation dashboard of a round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipationView {
    pub slug: String,
    pub title: String,
    /// The baseline as imported (empty when there is none).
    pub baseline_csv: String,
    /// (id, name) of the areas.
    pub areas: Vec<(i64, String)>,
    /// The figures, already suppressed where counts are small.
    pub stats: domain::participation::Representativeness,
    /// The outreach log, by day (staff's dashboard only; a partner's own actions).
    #[serde(default)]
    pub outreach: Vec<OutreachView>,
    /// The baseline as counts, for entering totals by hand (staff's dashboard only).
    #[serde(default)]
    pub baseline: domain::participation::Baseline,
    /// Set when a partner association looks: the figures are of its groups only.
    #[serde(default)]
    pub partner: Option<PartnerView>,
}

/// The partner association a dashboard is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerView {
    pub organisation: String,
    /// The groups it works with.
    pub groups: Vec<domain::participation::Group>,
    /// Whether the round is voting (a kiosk can be started).
    pub voting: bool,
}

/// A partner's start page: its organisation, groups, and the rounds of its nämnd that run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerHome {
    pub organisation: String,
    pub groups: Vec<domain::participation::Group>,
    /// (id, name) of the areas, to name area groups.
    pub areas: Vec<(i64, String)>,
    pub rounds: Vec<crate::model::RoundSummary>,
}

/// One outreach action as the dashboard shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachView {
    pub day: domain::round::Date,
    pub place: String,
    /// The group aimed at; `None` for everyone.
    pub group: Option<domain::participation::Group>,
    pub reached: Option<u32>,
    pub note: Option<String>,
}

/// The key of a group's count in the hand-entry form: `age-16-19`, `area-7`.
pub fn count_key(group: domain::participation::Group) -> String {
    format!("{}-{}", group.dimension(), group.value())
}

/// The name of a group's count field: `count[age-16-19]`.
pub fn count_field(group: domain::participation::Group) -> String {
    format!("count[{}]", count_key(group))
}
