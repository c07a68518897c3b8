//! [`FieldIssue`], the error type of every form in [`round`](super), and the
//! helpers that collect issues while a form is parsed. Field names and codes
//! are `&'static str`, so building an issue costs nothing; every one of them
//! is listed in [`FIELDS`] and [`CODES`], which lets an issue be read back
//! from JSON of any lifetime (the browser receives issues from the server)
//! and lets the app test that every code has a translation.

use serde::{Deserialize, Serialize};

/// Every field name a [`FieldIssue`] can carry (HTML `name`s of the forms).
#[rustfmt::skip]
pub const FIELDS: &[&str] = &[
    // round
    "title_sv", "title_en", "summary_sv", "summary_en", "easy_read_sv", "budget_total",
    "area_budget", "min_age", "max_age", "residence", "verification", "ballot_format", "rule",
    "tie_break", "max_choices", "points_total", "points_max_per_project", "criteria",
    "information_date", "proposals_date", "review_date", "voting_date", "voting_end_date",
    // proposal
    "title", "description", "area_id", "place", "latitude", "cost",
    // review, comment, hiding
    "feasibility", "reason", "staff_cost", "body",
    // decision, implementation update, subscription
    "outcome", "motivation", "protocol_section", "meeting_date", "minutes_url", "status",
    "percent", "text", "date", "email",
    // kiosk, outreach
    "pin", "end_pin", "day", "group", "reached", "note",
    // participation
    "gender", "age", "born", "education", "occupation", "disability",
    // partner
    "organisation", "groups",
];

/// Every code a [`FieldIssue`] can carry.
#[rustfmt::skip]
pub const CODES: &[&str] = &[
    // round
    "title_sv_empty", "title_sv_too_long", "title_en_too_long", "summary_sv_empty",
    "text_too_long", "budget_empty", "budget_invalid", "budget_not_positive", "budget_too_large",
    "area_budgets_sum", "age_invalid", "age_range", "choice_invalid", "rule_needs_approval",
    "max_choices_required", "max_choices_invalid", "points_invalid", "criteria_empty",
    "criteria_too_many", "criterion_too_long", "date_invalid", "date_order",
    // proposal
    "title_empty", "title_too_long", "description_empty", "description_too_long",
    "area_invalid", "place_too_long", "position_invalid", "cost_empty", "cost_invalid",
    "cost_not_positive", "cost_over_budget",
    // review, comment, hiding
    "reason_required", "staff_cost_required", "staff_cost_invalid", "staff_cost_not_positive",
    "staff_cost_over_budget", "criteria_not_met", "comment_empty", "comment_too_long",
    // decision, implementation update, subscription
    "motivation_required", "protocol_section_empty", "protocol_section_invalid",
    "protocol_section_too_long", "date_empty", "url_invalid", "url_too_long", "percent_empty",
    "percent_invalid", "percent_range", "done_needs_100", "text_empty", "date_in_future",
    "email_empty", "email_invalid", "email_too_long", "photo_description_empty",
    "photo_description_too_long",
    // kiosk
    "place_empty", "pin_invalid", "pin_empty", "pin_wrong", "kiosk_ended", "reached_invalid",
    "note_too_long",
    // participation
    "baseline_empty", "baseline_header", "baseline_columns", "baseline_quote",
    "baseline_area_unknown", "baseline_dimension_unknown", "baseline_group_unknown",
    "baseline_area_scope", "baseline_count_invalid", "baseline_duplicate",
    // partner
    "organisation_empty", "organisation_too_long", "groups_empty", "group_not_partner",
];

/// One problem with one form field. `field` is the HTML name of the field;
/// `code` is a stable snake_case code that the app translates (all codes are
/// listed in the module documentation of [`round`](super),
/// [`followup`](crate::followup) or [`participation`](crate::participation),
/// and in [`CODES`]).
///
/// Deserializing accepts only the names in [`FIELDS`] and [`CODES`], and
/// works from borrowed or owned input alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

impl<'de> Deserialize<'de> for FieldIssue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            field: String,
            code: String,
        }
        let raw = Raw::deserialize(deserializer)?;
        let known = |all: &[&'static str], name: &str| all.iter().copied().find(|&k| k == name);
        match (known(FIELDS, &raw.field), known(CODES, &raw.code)) {
            (Some(field), Some(code)) => Ok(FieldIssue { field, code }),
            _ => Err(serde::de::Error::custom(format_args!(
                "unknown field issue '{}': '{}'",
                raw.field, raw.code
            ))),
        }
    }
}

/// The issues found so far in one form; each (field, code) pair once.
#[derive(Debug, Default)]
pub(crate) struct Issues(Vec<FieldIssue>);

impl Issues {
    pub(crate) fn push(&mut self, field: &'static str, code: &'static str) {
        debug_assert!(FIELDS.contains(&field), "field {field} is not in FIELDS");
        debug_assert!(CODES.contains(&code), "code {code} is not in CODES");
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

/// A required email address on `field`: `email_empty`, `email_too_long` or `email_invalid`.
pub(crate) fn required_email(
    issues: &mut Issues,
    value: &str,
    field: &'static str,
) -> Option<crate::email::Email> {
    use crate::email::{Email, EmailError};
    Email::parse(value)
        .map_err(|err| {
            let code = match err {
                EmailError::Empty => "email_empty",
                EmailError::TooLong => "email_too_long",
                _ => "email_invalid",
            };
            issues.push(field, code);
        })
        .ok()
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
    fn a_field_issue_round_trips_through_json_from_an_owned_string() {
        let issue = FieldIssue::new("title", "title_empty");
        let json: String = serde_json::to_string(&issue).unwrap();
        assert_eq!(json, r#"{"field":"title","code":"title_empty"}"#);
        assert_eq!(serde_json::from_str::<FieldIssue>(&json).unwrap(), issue);
    }

    #[test]
    fn an_unknown_field_or_code_is_not_read_back() {
        assert!(serde_json::from_str::<FieldIssue>(r#"{"field":"title","code":"nope"}"#).is_err());
        assert!(
            serde_json::from_str::<FieldIssue>(r#"{"field":"x","code":"title_empty"}"#).is_err()
        );
    }

    #[test]
    fn every_code_and_field_is_documented_in_a_module_table_and_listed_once() {
        let docs = [
            include_str!("mod.rs"),
            include_str!("../followup/mod.rs"),
            include_str!("../participation/mod.rs"),
            include_str!("../kiosk.rs"),
        ]
        .concat();
        for name in FIELDS.iter().chain(CODES) {
            assert!(
                docs.contains(&format!("`{name}`")),
                "{name} is not documented"
            );
        }
        for list in [FIELDS, CODES] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "a name is listed twice");
        }
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
        let codes = ("title_empty", "title_too_long");
        let ten = required_text(&mut issues, &text, "title", codes, 10);
        assert_eq!(ten, Some("å".repeat(10)));
        assert_eq!(required_text(&mut issues, &text, "title", codes, 9), None);
        let blank = optional_text(&mut issues, " \n ", "place", "place_too_long", 1);
        assert_eq!(blank, Some(None));
        assert_eq!(issues.0, [FieldIssue::new("title", "title_too_long")]);
    }
}
