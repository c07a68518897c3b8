//! How much a voter is taken to gain from a funded project — the measure the
//! greedy rules and Equal Shares maximise or share out. Named as in pabutools
//! so results can be compared.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A satisfaction measure (pabutools name in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Satisfaction {
    /// The cost of each funded project on the ballot (`Cost_Sat`): greedy orders by supporters.
    Cost,
    /// One per funded project on the ballot (`Cardinality_Sat`): greedy orders by supporters per krona.
    Cardinality,
    /// The points given (`Additive_Cardinal_Sat`): greedy orders by points per krona.
    Points,
    /// Points times cost: greedy orders by total points.
    PointsTimesCost,
    /// Borda score on ranked ballots (`Additive_Borda_Sat`).
    Borda,
}

impl Satisfaction {
    /// All measures.
    pub const ALL: [Satisfaction; 5] = [
        Satisfaction::Cost,
        Satisfaction::Cardinality,
        Satisfaction::Points,
        Satisfaction::PointsTimesCost,
        Satisfaction::Borda,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Satisfaction::Cost => "cost",
            Satisfaction::Cardinality => "cardinality",
            Satisfaction::Points => "points",
            Satisfaction::PointsTimesCost => "points-times-cost",
            Satisfaction::Borda => "borda",
        }
    }
}

impl fmt::Display for Satisfaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A satisfaction name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown satisfaction '{0}' (expected cost, cardinality, points, points-times-cost or borda)"
)]
pub struct ParseSatisfactionError(pub String);

impl FromStr for Satisfaction {
    type Err = ParseSatisfactionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Satisfaction::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim())
            .ok_or_else(|| ParseSatisfactionError(text.to_owned()))
    }
}
