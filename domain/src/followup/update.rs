//! Staff's implementation updates on an approved project: where it stands
//! (planned, started, delayed, done, cancelled), how far along it is in
//! percent, a short public text and the day it describes. Residents follow
//! these after the vote, so an update may not claim a day that has not yet
//! come, nor call a project done before it is at 100 %.

use crate::Code;
use serde::{Deserialize, Serialize};

use super::required_date;
use crate::FieldIssue;
use crate::round::{Date, Issues, choice_enum, parse_choice, required_text};

/// Longest update text, in characters.
pub const UPDATE_TEXT_MAX: usize = 2000;
/// Longest description of an update's photo (its alternative text), in characters.
pub const PHOTO_DESCRIPTION_MAX: usize = 300;

choice_enum! {
    /// Where the implementation of a project stands.
    pub enum ImplementationStatus {
        /// Approved, work not yet begun.
        Planned = "planned",
        /// Work is under way.
        Started = "started",
        /// Work is behind its plan.
        Delayed = "delayed",
        /// The project is carried out.
        Done = "done",
        /// The project will not be carried out after all.
        Cancelled = "cancelled",
    }
}

impl ImplementationStatus {
    /// Whether the implementation has ended (done or cancelled).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ImplementationStatus::Done | ImplementationStatus::Cancelled
        )
    }
}

/// An update as posted by the staff form: raw text throughout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateForm {
    /// One of the [`ImplementationStatus`] names.
    pub status: String,
    /// How far along, `0` to `100`, with or without `%`.
    pub percent: String,
    /// The public text.
    pub text: String,
    /// The day the update describes, `YYYY-MM-DD`.
    pub date: String,
}

/// A valid update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateInput {
    /// Where it stands.
    pub status: ImplementationStatus,
    /// 0 to 100; 100 when done.
    pub percent: u8,
    /// Trimmed, 1 to [`UPDATE_TEXT_MAX`] characters.
    pub text: String,
    /// Not after the day it was posted.
    pub date: Date,
}

/// Parses an implementation update posted on `today`, with every problem at once.
pub fn parse_update(form: &UpdateForm, today: Date) -> Result<UpdateInput, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let status = parse_choice(&mut issues, &form.status, "status");
    let percent = percent(&mut issues, &form.percent);
    if status == Some(ImplementationStatus::Done) && percent.is_some_and(|p| p != 100) {
        issues.push("percent", Code::DoneNeeds100);
    }
    let text = required_text(
        &mut issues,
        &form.text,
        "text",
        (Code::TextEmpty, Code::TextTooLong),
        UPDATE_TEXT_MAX,
    );
    let date = required_date(&mut issues, &form.date, "date");
    if date.is_some_and(|date| date > today) {
        issues.push("date", Code::DateInFuture);
    }
    let (Some(status), Some(percent), Some(text), Some(date)) = (status, percent, text, date)
    else {
        return issues.finish(None);
    };
    issues.finish(Some(UpdateInput {
        status,
        percent,
        text,
        date,
    }))
}

/// The description of a photo added to an update: what it shows, read out to those who
/// cannot see it (WCAG 1.1.1), so it is required. Trimmed, 1 to [`PHOTO_DESCRIPTION_MAX`]
/// characters; the issue is on the field `description`.
pub fn parse_photo_description(text: &str) -> Result<String, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let description = required_text(
        &mut issues,
        text,
        "description",
        (Code::PhotoDescriptionEmpty, Code::PhotoDescriptionTooLong),
        PHOTO_DESCRIPTION_MAX,
    );
    issues.finish(description)
}

/// A whole percentage `0` to `100`: `40`, `40%` or `40 %`.
fn percent(issues: &mut Issues, text: &str) -> Option<u8> {
    let text = text.trim();
    let number = text.strip_suffix('%').map_or(text, str::trim_end);
    let digits = number.strip_prefix('-').unwrap_or(number);
    let code = if text.is_empty() {
        Code::PercentEmpty
    } else if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        Code::PercentInvalid
    } else if let Some(percent) = number.parse().ok().filter(|p: &u8| *p <= 100) {
        return Some(percent);
    } else {
        Code::PercentRange
    };
    issues.push("percent", code);
    None
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
