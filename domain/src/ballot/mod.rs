//! Ballots as residents fill them in, and the round's rules they must obey.
//!
//! A round fixes one [`BallotFormat`]: approval (choose up to `k`), knapsack
//! (choose projects whose costs fit the budget), cumulative (spread `N`
//! points, at most `m` per project) or ranked (order your top `k`).
//! [`Ballot::validate`] checks a ballot against the round's [`BallotRules`] and
//! says precisely what is wrong ([`BallotError`]) so the app can translate it.

mod error;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use error::BallotError;

use crate::money::Money;

/// The ballot format of a round, with its limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "format", rename_all = "snake_case")]
pub enum BallotFormat {
    /// Choose up to `max_choices` projects.
    Approval {
        /// Most projects a voter may choose.
        max_choices: u32,
    },
    /// Choose projects whose costs together fit within `budget`.
    Knapsack {
        /// Most the chosen projects may cost together.
        budget: Money,
    },
    /// Spread up to `total_points` points, at most `max_per_project` on one project.
    Cumulative {
        /// Points a voter may give in all.
        total_points: u32,
        /// Points a voter may give one project.
        max_per_project: u32,
    },
    /// Rank up to `max_ranks` projects, most preferred first.
    Ranked {
        /// Most projects a voter may rank.
        max_ranks: u32,
    },
}

impl BallotFormat {
    /// The format's name (`approval`, `knapsack`, `cumulative`, `ranked`).
    pub fn name(&self) -> &'static str {
        match self {
            BallotFormat::Approval { .. } => "approval",
            BallotFormat::Knapsack { .. } => "knapsack",
            BallotFormat::Cumulative { .. } => "cumulative",
            BallotFormat::Ranked { .. } => "ranked",
        }
    }
}

/// A round's ballot format and the projects on the ballot with their costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRules {
    /// The format.
    pub format: BallotFormat,
    /// Project id → cost, for every project on the ballot.
    pub projects: BTreeMap<String, Money>,
}

impl BallotRules {
    /// Rules for `format` over `projects` (id, cost).
    pub fn new(format: BallotFormat, projects: impl IntoIterator<Item = (String, Money)>) -> Self {
        BallotRules {
            format,
            projects: projects.into_iter().collect(),
        }
    }
}

/// A filled-in ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "format", content = "choices", rename_all = "snake_case")]
pub enum Ballot {
    /// Chosen project ids.
    Approval(Vec<String>),
    /// Chosen project ids (costs must fit the voter's budget).
    Knapsack(Vec<String>),
    /// (project id, points) pairs.
    Cumulative(Vec<(String, u32)>),
    /// Project ids, most preferred first.
    Ranked(Vec<String>),
}

impl Ballot {
    /// The format's name (`approval`, `knapsack`, `cumulative`, `ranked`).
    pub fn format_name(&self) -> &'static str {
        match self {
            Ballot::Approval(_) => "approval",
            Ballot::Knapsack(_) => "knapsack",
            Ballot::Cumulative(_) => "cumulative",
            Ballot::Ranked(_) => "ranked",
        }
    }

    /// The project ids on the ballot, in ballot order.
    pub fn projects(&self) -> Vec<&str> {
        match self {
            Ballot::Approval(ids) | Ballot::Knapsack(ids) | Ballot::Ranked(ids) => {
                ids.iter().map(String::as_str).collect()
            }
            Ballot::Cumulative(points) => points.iter().map(|(id, _)| id.as_str()).collect(),
        }
    }
}
