//! [`FieldIssue`], the error type of every form the domain parses, and the
//! helpers that collect issues while a form is parsed. Field names are
//! `&'static str` and codes a [`Code`], so building an issue costs nothing;
//! every field name is listed in [`FIELDS`], which lets an issue be read back
//! from JSON of any lifetime (the browser receives issues from the server).

use serde::{Deserialize, Serialize};

use crate::Code;

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
    "pin", "end_pin", "day", "group", "reached", "note", "id_document",
    "identity_number", "roll",
    // paper ballots
    "serial", "first_serial", "last_serial", "checked_off",
    // participation
    "gender", "age", "born", "education", "occupation", "disability",
    // partner
    "organisation", "groups",
];

/// One problem with one form field. `field` is the HTML name of the field;
/// `code` says what is wrong; the app translates it.
///
/// Deserializing accepts only the names in [`FIELDS`] and known codes, and
/// works from borrowed or owned input alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    /// The HTML `name` of the field.
    pub field: &'static str,
    /// What is wrong.
    pub code: Code,
}

impl FieldIssue {
    /// An issue with `field`.
    pub const fn new(field: &'static str, code: Code) -> FieldIssue {
        FieldIssue { field, code }
    }
}

impl<'de> Deserialize<'de> for FieldIssue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            field: String,
            code: Code,
        }
        let raw = Raw::deserialize(deserializer)?;
        match FIELDS.iter().copied().find(|&known| known == raw.field) {
            Some(field) => Ok(FieldIssue {
                field,
                code: raw.code,
            }),
            None => Err(serde::de::Error::custom(format_args!(
                "unknown field '{}'",
                raw.field
            ))),
        }
    }
}

/// The issues found so far in one form; each (field, code) pair once.
#[derive(Debug, Default)]
pub(crate) struct Issues(Vec<FieldIssue>);

impl Issues {
    pub(crate) fn push(&mut self, field: &'static str, code: Code) {
        debug_assert!(FIELDS.contains(&field), "field {field} is not in FIELDS");
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
    (empty, too_long): (Code, Code),
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
                EmailError::Empty => Code::EmailEmpty,
                EmailError::TooLong => Code::EmailTooLong,
                _ => Code::EmailInvalid,
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
    too_long: Code,
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
        let issue = FieldIssue::new("title", Code::TitleEmpty);
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

    /// The modules whose documentation has the tables of fields and codes.
    fn module_docs() -> String {
        [
            include_str!("round/mod.rs"),
            include_str!("followup/mod.rs"),
            include_str!("participation/mod.rs"),
            include_str!("kiosk.rs"),
            include_str!("paper.rs"),
        ]
        .concat()
    }

    #[test]
    fn every_field_is_documented_in_a_module_table_and_listed_once() {
        let docs = module_docs();
        for name in FIELDS {
            assert!(
                docs.contains(&format!("`{name}`")),
                "{name} is not documented"
            );
        }
        let mut sorted = FIELDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), FIELDS.len(), "a field is listed twice");
    }

    #[test]
    fn every_code_named_in_a_module_table_is_a_code() {
        let docs = module_docs();
        let mut named = 0;
        // In each table, the column headed `code` or `codes` holds codes.
        let mut column = None;
        for line in docs.lines() {
            let Some(row) = line.strip_prefix("//! |") else {
                column = None;
                continue;
            };
            let cells: Vec<&str> = row
                .trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let Some(at) = column else {
                column = Some(cells.iter().position(|c| c.starts_with("code")));
                continue;
            };
            let Some(cell) = at.and_then(|at| cells.get(at)) else {
                continue;
            };
            // A remark in parentheses names a field ("(on `max_age`)"), not a code.
            let codes: String = cell
                .split('(')
                .map(|p| p.split_once(')').map_or(p, |(_, rest)| rest))
                .collect();
            for name in codes.split('`').skip(1).step_by(2) {
                assert!(
                    name.parse::<Code>().is_ok(),
                    "{name} in a table is not a code"
                );
                named += 1;
            }
        }
        assert!(named > 50, "the tables were not found ({named} codes)");
    }

    #[test]
    fn the_same_issue_is_recorded_once() {
        let mut issues = Issues::default();
        issues.push("area_budget", Code::BudgetInvalid);
        issues.push("area_budget", Code::BudgetInvalid);
        issues.push("area_budget", Code::BudgetNotPositive);
        assert_eq!(issues.finish(Some(())).unwrap_err().len(), 2);
    }

    #[test]
    fn text_lengths_are_counted_in_characters_after_trimming() {
        let mut issues = Issues::default();
        let text = format!("  {}  ", "å".repeat(10));
        let codes = (Code::TitleEmpty, Code::TitleTooLong);
        let ten = required_text(&mut issues, &text, "title", codes, 10);
        assert_eq!(ten, Some("å".repeat(10)));
        assert_eq!(required_text(&mut issues, &text, "title", codes, 9), None);
        let blank = optional_text(&mut issues, " \n ", "place", Code::PlaceTooLong, 1);
        assert_eq!(blank, Some(None));
        assert_eq!(issues.0, [FieldIssue::new("title", Code::TitleTooLong)]);
    }
}
