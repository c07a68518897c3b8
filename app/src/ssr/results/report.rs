//! What is stored of a count: the rule, the voters, the budget and cost, and each project with
//! why it was funded or not (and each area's part when the budget is split). Written by
//! `count`, read by the pages, the decisions and open data.

use domain::round::CountingRule;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::result::{AreaResult, ProjectResult};
use crate::ssr::entity::round_result;

/// What is stored of a count.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct StoredReport {
    pub rule: CountingRule,
    pub voters: u64,
    pub budget: i64,
    pub cost: i64,
    pub projects: Vec<ProjectResult>,
    #[serde(default)]
    pub areas: Vec<AreaResult>,
    /// Ballots per channel against the voter register at the close (empty for counts made
    /// before it was recorded).
    #[serde(default)]
    pub channels: Vec<domain::channels::ChannelCount>,
}

impl StoredReport {
    /// Whether the box and the register disagreed on some channel: then the result is not
    /// published until staff have found out why.
    pub fn mismatched(&self) -> bool {
        self.channels.iter().any(|c| c.mismatched())
    }
}

/// The stored report of a result.
pub(super) fn read_report(result: &round_result::Model) -> Result<StoredReport, AppError> {
    serde_json::from_str(&result.report).map_err(|err| {
        tracing::error!(round = result.round_id, error = %err, "unreadable result");
        AppError::Internal
    })
}
