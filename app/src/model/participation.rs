//! The staff dashboard of who takes part, against the round's population baseline.

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
    /// The outreach log, by day (staff's dashboard only).
    #[serde(default)]
    pub outreach: Vec<OutreachView>,
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
