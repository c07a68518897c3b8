//! What can be wrong with a ballot; each variant maps to one translated
//! message in the app.

use crate::money::Money;

/// Why a ballot breaks the round's rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    /// The ballot is of another format than the round's.
    #[error("this round uses {expected} ballots, not {got}")]
    WrongFormat {
        /// The round's format.
        expected: &'static str,
        /// The ballot's format.
        got: &'static str,
    },
    /// Nothing chosen.
    #[error("the ballot is empty")]
    Empty,
    /// A project that is not on this round's ballot.
    #[error("project '{0}' is not on the ballot")]
    UnknownProject(String),
    /// The same project twice.
    #[error("project '{0}' is chosen more than once")]
    DuplicateProject(String),
    /// More projects than allowed (approval: choices, ranked: ranks).
    #[error("at most {max} projects may be chosen, this ballot has {got}")]
    TooManyChoices {
        /// The limit.
        max: u32,
        /// Projects on the ballot.
        got: usize,
    },
    /// Knapsack: the chosen projects cost more than the budget.
    #[error("the chosen projects cost {total}, more than the budget of {budget}")]
    OverBudget {
        /// The budget.
        budget: Box<Money>,
        /// What the chosen projects cost.
        total: Box<Money>,
    },
    /// Cumulative: more points than the voter has.
    #[error("at most {max} points may be given, this ballot gives {got}")]
    TooManyPoints {
        /// Points a voter has.
        max: u32,
        /// Points given.
        got: u64,
    },
    /// Cumulative: more points to one project than allowed.
    #[error("at most {max} points may go to one project, '{project}' got {got}")]
    TooManyPointsForProject {
        /// The project.
        project: String,
        /// The limit per project.
        max: u32,
        /// Points given.
        got: u32,
    },
    /// Cumulative: a project listed with zero points.
    #[error("project '{0}' is listed with 0 points")]
    ZeroPoints(String),
}
