//! Staff screening of one proposal: feasible (with a cost estimate, every
//! criterion met) or not feasible (with a public reason the proposer is
//! emailed), plus the short texts staff and residents write around it —
//! comments, and the reason a comment or proposal is hidden. The reason is
//! public, so an unexplained rejection is refused.

use crate::Code;
use serde::{Deserialize, Serialize};

use super::choice::{choice_enum, parse_choice};
use super::{Issues, SekError, TEXT_MAX, optional_text, parse_sek, required_text};
use crate::FieldIssue;

/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 2000;
/// Longest reason for hiding something, in characters.
pub const HIDE_REASON_MAX: usize = 500;

choice_enum! {
    /// The outcome of screening a proposal.
    pub enum Feasibility {
        /// Meets every criterion; goes to the ballot.
        Feasible = "feasible",
        /// Does not; the public reason says why.
        NotFeasible = "not_feasible",
    }
}

/// A review as posted by the staff form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    /// `feasible` or `not_feasible`.
    pub feasibility: String,
    /// The public reason; required when not feasible.
    pub reason: String,
    /// Staff's cost estimate in whole kronor; required when feasible.
    pub staff_cost: String,
    /// One per round criterion, in order: is its box checked?
    pub criteria_met: Vec<bool>,
}

/// A valid review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInput {
    /// The outcome.
    pub feasibility: Feasibility,
    /// The public reason, trimmed; always `Some` when not feasible.
    pub reason: Option<String>,
    /// Whole kronor; always `Some` when feasible, then within the budget.
    pub staff_cost: Option<i64>,
    /// As posted; all `true` when feasible.
    pub criteria_met: Vec<bool>,
}

/// Parses a review of a proposal in a round whose budget is `max_cost`, with
/// every problem at once. A not-feasible proposal may carry a cost estimate
/// above the budget (that is often why it is not feasible).
pub fn parse_review(form: &ReviewForm, max_cost: i64) -> Result<ReviewInput, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let feasibility = parse_choice(&mut issues, &form.feasibility, "feasibility");
    let feasible = feasibility == Some(Feasibility::Feasible);
    let not_feasible = feasibility == Some(Feasibility::NotFeasible);
    let reason = optional_text(
        &mut issues,
        &form.reason,
        "reason",
        Code::TextTooLong,
        TEXT_MAX,
    );
    if not_feasible && reason == Some(None) {
        issues.push("reason", Code::ReasonRequired);
    }
    let staff_cost = parse_staff_cost(&mut issues, &form.staff_cost, feasible.then_some(max_cost));
    if feasible && form.staff_cost.trim().is_empty() {
        issues.push("staff_cost", Code::StaffCostRequired);
    }
    if feasible && form.criteria_met.contains(&false) {
        issues.push("criteria", Code::CriteriaNotMet);
    }
    let (Some(feasibility), Some(reason), Some(staff_cost)) = (feasibility, reason, staff_cost)
    else {
        return issues.finish(None);
    };
    let criteria_met = form.criteria_met.clone();
    issues.finish(Some(ReviewInput {
        feasibility,
        reason,
        staff_cost,
        criteria_met,
    }))
}

/// An optional cost estimate, bounded by `max_cost` when given.
fn parse_staff_cost(issues: &mut Issues, text: &str, max_cost: Option<i64>) -> Option<Option<i64>> {
    let code = match parse_sek(text) {
        Err(SekError::Empty) => return Some(None),
        Ok(cost) if max_cost.is_none_or(|max| cost <= max) => return Some(Some(cost)),
        Ok(_) | Err(SekError::TooLarge) => Code::StaffCostOverBudget,
        Err(SekError::NotANumber) => Code::StaffCostInvalid,
        Err(SekError::NotPositive) => Code::StaffCostNotPositive,
    };
    issues.push("staff_cost", code);
    None
}

/// A comment on a proposal: trimmed, 1 to [`COMMENT_MAX`] characters (field `body`).
pub fn parse_comment(body: &str) -> Result<String, FieldIssue> {
    short_text(
        body,
        "body",
        (Code::CommentEmpty, Code::CommentTooLong),
        COMMENT_MAX,
    )
}

/// Why a moderator hides a comment or proposal: trimmed, 1 to
/// [`HIDE_REASON_MAX`] characters (field `reason`).
pub fn parse_hide_reason(text: &str) -> Result<String, FieldIssue> {
    short_text(
        text,
        "reason",
        (Code::ReasonRequired, Code::TextTooLong),
        HIDE_REASON_MAX,
    )
}

/// A required short text, as a single issue.
fn short_text(
    text: &str,
    field: &'static str,
    codes: (Code, Code),
    max: usize,
) -> Result<String, FieldIssue> {
    let mut issues = Issues::default();
    let text = required_text(&mut issues, text, field, codes, max);
    let first = |issues: Vec<FieldIssue>| issues.into_iter().next();
    issues
        .finish(text)
        .map_err(|issues| first(issues).unwrap_or(FieldIssue::new(field, codes.0)))
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
