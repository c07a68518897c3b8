//! Forms of a round, parsed: what staff enter to set up a round
//! ([`parse_round`]), what a resident proposes ([`parse_proposal`]), how staff
//! screen a proposal ([`parse_review`], [`parse_comment`],
//! [`parse_hide_reason`]) and whether a round may change phase now
//! ([`check_phase_move`], [`due_phase`]).
//!
//! The input is raw text exactly as an HTML form posts it, so the same checks
//! run in the browser and on the server. A form is either turned into typed
//! values or rejected with *every* problem at once, as a list of
//! [`FieldIssue`](crate::FieldIssue)s, so the page can show one error summary and mark every
//! field in a single round trip (no JavaScript needed). Text is trimmed, and
//! lengths are counted in characters, not bytes.
//!
//! # Error codes
//!
//! A [`FieldIssue`](crate::FieldIssue) is an HTML field name plus a stable snake_case code that
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
//! use domain::{FieldIssue, Code};
//! use domain::round::{parse_proposal, ProposalForm, ProposalRules};
//!
//! let form = ProposalForm {
//!     title: "Parkbänkar vid ån".into(),
//!     cost: "45 000 kr".into(),
//!     ..ProposalForm::default()
//! };
//! let rules = ProposalRules { max_cost: 500_000, area_ids: vec![1, 2] };
//! let issues = parse_proposal(&form, &rules).unwrap_err();
//! assert_eq!(issues, [FieldIssue::new("description", Code::DescriptionEmpty)]);
//! ```

mod ballot_setup;
mod choice;
mod config;
mod dates;
mod eligibility;
mod phase_move;
mod proposal;
mod review;
mod sek;
mod settings;
mod voting_lock;

pub(crate) use crate::issue::{Issues, char_count, optional_text, required_email, required_text};
pub use choice::{BallotFormat, CountingRule, ParseChoiceError, Residence, TieBreak, Verification};
pub(crate) use choice::{choice_enum, parse_choice};
pub use config::*;
pub use dates::{PhaseDates, parse_date};
pub use eligibility::{NotEligible, VoterProfile, check_eligibility};
pub use phase_move::*;
pub use proposal::*;
pub use review::*;
pub use sek::{SEK_MAX, SekError, parse_sek};
pub use settings::RoundSettings;
pub use voting_lock::{VotingEndMoved, check_voting_lock};

/// A calendar day (no time zone: phase dates are local to the municipality).
pub type Date = chrono::NaiveDate;
