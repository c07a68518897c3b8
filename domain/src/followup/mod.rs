//! What happens to the projects after the vote, parsed: the politicians'
//! decision per project ([`parse_decision`]), staff's implementation updates
//! ([`parse_update`]) and the pure pieces of following a round by email
//! ([`Scope`], [`NotificationKind`], [`digest_due`], [`parse_subscribe`]).
//!
//! Everyone who took part is told what was decided and why, so a decision
//! that goes against the residents' result must carry a public motivation,
//! and every decision points to its protocol paragraph (§). The forms follow
//! the conventions of [`round`](crate::round): raw text as an HTML form posts
//! it, turned into typed values or rejected with *every* problem at once as
//! [`FieldIssue`](crate::FieldIssue)s; text is trimmed and counted in
//! characters.
//!
//! # Error codes
//!
//! | form | field | codes |
//! | --- | --- | --- |
//! | decision | `outcome` | `choice_invalid` |
//! | decision | `motivation` | `motivation_required`, `text_too_long` |
//! | decision | `protocol_section` | `protocol_section_empty`, `protocol_section_invalid`, `protocol_section_too_long` |
//! | decision | `meeting_date` | `date_empty`, `date_invalid` |
//! | decision | `minutes_url` | `url_invalid`, `url_too_long` |
//! | update | `status` | `choice_invalid` |
//! | update | `percent` | `percent_empty`, `percent_invalid`, `percent_range`, `done_needs_100` |
//! | update | `text` | `text_empty`, `text_too_long` |
//! | update | `date` | `date_empty`, `date_invalid`, `date_in_future` |
//! | subscribe | `email` | `email_empty`, `email_invalid`, `email_too_long` |
//! | update photo | `description` | `photo_description_empty`, `photo_description_too_long` |
//!
//! ```
//! use domain::followup::{parse_decision, DecisionForm, DecisionOutcome};
//! use domain::{Code, FieldIssue};
//!
//! let form = DecisionForm {
//!     outcome: "not_approved".into(),
//!     protocol_section: "§45".into(),
//!     meeting_date: "2026-09-14".into(),
//!     ..DecisionForm::default()
//! };
//! // The residents funded it, so saying no needs a public motivation.
//! let issues = parse_decision(&form, true).unwrap_err();
//! assert_eq!(issues, [FieldIssue::new("motivation", Code::MotivationRequired)]);
//!
//! let decision = parse_decision(&form, false).unwrap();
//! assert_eq!(decision.outcome, DecisionOutcome::NotApproved);
//! assert_eq!(decision.protocol_section, "§ 45");
//! ```

mod decision;
mod subscription;
mod update;

pub use decision::*;
pub use subscription::*;
pub use update::*;

use crate::Code;
use crate::round::{Date, Issues, parse_date};

/// A required `YYYY-MM-DD` day, recording `date_empty` or `date_invalid`.
fn required_date(issues: &mut Issues, text: &str, field: &'static str) -> Option<Date> {
    if text.trim().is_empty() {
        issues.push(field, Code::DateEmpty);
        return None;
    }
    let date = parse_date(text);
    if date.is_none() {
        issues.push(field, Code::DateInvalid);
    }
    date
}
