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
}
