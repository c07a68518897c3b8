//! Forms of a round, parsed: what staff enter to set up a round
//! ([`parse_round`]), what a resident proposes ([`parse_proposal`]), how staff
//! screen a proposal ([`parse_review`], [`parse_comment`],
//! [`parse_hide_reason`]) and whether a round may change phase now
//! ([`check_phase_move`], [`due_phase`]).
//!
//! The input is raw text exactly as an HTML form posts it, so the same checks
//! run in the browser and on the server. A form is either turned into typed
//! values or rejected with *every* problem at once, as a list of
//! [`FieldIssue`]s, so the page can show one error summary and mark every
//! field in a single round trip (no JavaScript needed). Text is trimmed, and
//! lengths are counted in characters, not bytes.
//!
//! # Error codes
//!
//! A [`FieldIssue`] is an HTML field name plus a stable snake_case code that
//! the app translates. Codes never change meaning; the limits behind them are
//! the public constants of this module.
//!
//! | form | field | codes |
//! | --- | --- | --- |
//! | round | `title_sv` | `title_sv_empty`, `title_sv_too_long` |
//! | round | `title_en` | `title_en_too_long` |
//! | round | `summary_sv` | `summary_sv_empty`, `text_too_long` |
//! | round | `summary_en`, `easy_read_sv` | `text_too_long` |
//! | round | `budget_total` | `budget_empty`, `budget_invalid`, `budget_not_positive`, `budget_too_large` |
//! | round | `area_budget` | `budget_invalid`, `budget_not_positive`, `budget_too_large`, `area_budgets_sum` |
//! | round | `min_age`, `max_age` | `age_invalid`; `age_range` (on `max_age`) |
//! | round | `residence`, `verification`, `ballot_format`, `tie_break` | `choice_invalid` |
//! | round | `rule` | `choice_invalid`, `rule_needs_approval` |
//! | round | `max_choices` | `max_choices_required`, `max_choices_invalid` |
//! | round | `points_total`, `points_max_per_project` | `points_invalid` |
//! | round | `criteria` | `criteria_empty`, `criteria_too_many`, `criterion_too_long` |
//! | round | `information_date`, `proposals_date`, `review_date`, `voting_date`, `voting_end_date` | `date_invalid`, `date_order` |
//! | proposal | `title` | `title_empty`, `title_too_long` |
//! | proposal | `description` | `description_empty`, `description_too_long` |
//! | proposal | `area_id` | `area_invalid` |
//! | proposal | `place` | `place_too_long` |
//! | proposal | `latitude` | `position_invalid` (for both coordinates) |
//! | proposal | `cost` | `cost_empty`, `cost_invalid`, `cost_not_positive`, `cost_over_budget` |
//! | review | `feasibility` | `choice_invalid` |
//! | review | `reason` | `reason_required`, `text_too_long` |
//! | review | `staff_cost` | `staff_cost_required`, `staff_cost_invalid`, `staff_cost_not_positive`, `staff_cost_over_budget` |
//! | review | `criteria` | `criteria_not_met` |
//! | comment | `body` | `comment_empty`, `comment_too_long` |
//! | hide | `reason` | `reason_required`, `text_too_long` |
//!
//! A phase move is refused with a [`PhaseMoveError`], whose
//! [`code`](PhaseMoveError::code) is one of `phase_not_allowed`,
//! `phase_ballots_exist`, `phase_no_feasible`, `phase_unreviewed`,
//! `phase_no_proposals`.
//!
//! Each (field, code) pair appears at most once in a list: several area
//! budgets share the field `area_budget`, so the app marks the individual
//! inputs by running [`parse_sek`] on each.
//!
//! ```
//! use domain::round::{parse_proposal, FieldIssue, ProposalForm, ProposalRules};
//!
//! let form = ProposalForm {
//!     title: "Parkbänkar vid ån".into(),
//!     cost: "45 000 kr".into(),
//!     ..ProposalForm::default()
//! };
//! let rules = ProposalRules { max_cost: 500_000, area_ids: vec![1, 2] };
//! let issues = parse_proposal(&form, &rules).unwrap_err();
//! assert_eq!(issues, [FieldIssue::new("description", "description_empty")]);
//! ```

mod choice;
mod config;
mod dates;
mod phase_move;
mod proposal;
mod review;
mod sek;

use serde::{Deserialize, Serialize};

pub use choice::ParseChoiceError;
pub use config::*;
pub use dates::{PhaseDates, parse_date};
pub use phase_move::*;
pub use proposal::*;
pub use review::*;
pub use sek::{SEK_MAX, SekError, parse_sek};

/// A calendar day (no time zone: phase dates are local to the municipality).
pub type Date = chrono::NaiveDate;

/// One problem with one form field. `field` is the HTML name of the field;
/// `code` is a stable snake_case code that the app translates (all codes are
/// listed in the [module documentation](self)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    /// The HTML `name` of the field.
    pub field: &'static str,
    /// What is wrong, as a stable code.
    pub code: &'static str,
}

impl FieldIssue {
    /// An issue with `field`.
    pub const fn new(field: &'static str, code: &'static str) -> FieldIssue {
        FieldIssue { field, code }
    }
}

/// The issues found so far in one form; each (field, code) pair once.
#[derive(Debug, Default)]
pub(crate) struct Issues(Vec<FieldIssue>);

impl Issues {
    pub(crate) fn push(&mut self, field: &'static str, code: &'static str) {
        let issue = FieldIssue::new(field, code);
        if !self.0.contains(&issue) {
            self.0.push(issue);
        }
    }

    /// `value` when no issue was found, otherwise every issue.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldIssue>> {
        match value {
            Some(value) if self.0.is_empty() => Ok(value),
            _ => Err(self.0),
        }
    }
}

/// Number of characters (not bytes) in `text`.
pub(crate) fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// A required text: trimmed, not empty, at most `max` characters.
pub(crate) fn required_text(
    issues: &mut Issues,
    value: &str,
    field: &'static str,
    (empty, too_long): (&'static str, &'static str),
    max: usize,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        issues.push(field, empty);
        None
    } else if char_count(value) > max {
        issues.push(field, too_long);
        None
    } else {
        Some(value.to_owned())
    }
}

/// An optional text: trimmed, `None` when empty, at most `max` characters.
/// The outer `None` means the text is too long (and an issue was recorded).
pub(crate) fn optional_text(
    issues: &mut Issues,
    value: &str,
    field: &'static str,
    too_long: &'static str,
    max: usize,
) -> Option<Option<String>> {
    let value = value.trim();
    if char_count(value) > max {
        issues.push(field, too_long);
        None
    } else {
        Some((!value.is_empty()).then(|| value.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_issue_round_trips_through_json() {
        let issue = FieldIssue::new("title", "title_empty");
        let json = serde_json::to_string(&issue).unwrap();
        assert_eq!(json, r#"{"field":"title","code":"title_empty"}"#);
        let back: FieldIssue =
            serde_json::from_str(r#"{"field":"title","code":"title_empty"}"#).unwrap();
        assert_eq!(back, issue);
    }

    #[test]
    fn the_same_issue_is_recorded_once() {
        let mut issues = Issues::default();
        issues.push("area_budget", "budget_invalid");
        issues.push("area_budget", "budget_invalid");
        issues.push("area_budget", "budget_not_positive");
        assert_eq!(issues.finish(Some(())).unwrap_err().len(), 2);
    }

    #[test]
    fn text_lengths_are_counted_in_characters_after_trimming() {
        let mut issues = Issues::default();
        let text = format!("  {}  ", "å".repeat(10));
        let codes = ("empty", "long");
        assert_eq!(
            required_text(&mut issues, &text, "f", codes, 10),
            Some("å".repeat(10))
        );
        assert_eq!(required_text(&mut issues, &text, "f", codes, 9), None);
        assert_eq!(
            optional_text(&mut issues, " \n ", "g", "long", 1),
            Some(None)
        );
        assert_eq!(issues.0, [FieldIssue::new("f", "long")]);
    }
}
