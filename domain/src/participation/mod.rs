//! Equal participation, pure: the voluntary questions to participants
//! ([`parse_answers`]), a round's population baseline ([`parse_baseline_csv`],
//! [`parse_baseline_rows`]), representativeness with intervals, flags and a
//! trend by day ([`representativeness`]), small-count suppression over all
//! of it ([`CountTable`]), when to notify staff ([`newly_under`]) and what a
//! partner association sees ([`for_partner`]).
//!
//! Open rounds are dominated by resource-strong residents unless staff see,
//! while the round runs, who is missing. The answers are voluntary, stored
//! apart from ballots and identity, and only ever shown aggregated, with
//! every count below a threshold suppressed in every figure at once (see
//! DESIGN.md, "Secret and one-person-one-vote"). The answers form follows the
//! conventions of [`round`](crate::round): raw text in, typed values or
//! every problem at once as [`FieldIssue`](crate::FieldIssue)s out.
//!
//! # Error codes
//!
//! | form | field | codes |
//! | --- | --- | --- |
//! | answers | `gender`, `age`, `born`, `education`, `occupation`, `disability` | `choice_invalid` |
//! | answers | `area_id` | `area_invalid` |
//! | outreach | `day` | `date_empty`, `date_invalid` |
//! | outreach | `place` | `place_empty`, `place_too_long` |
//! | outreach | `group` | `choice_invalid` |
//! | outreach | `reached` | `reached_invalid` |
//! | outreach | `note` | `note_too_long` |
//! | outreach by a partner | `group` | `group_not_partner` |
//! | partner | `organisation` | `organisation_empty`, `organisation_too_long` |
//! | partner | `groups` | `groups_empty`, `choice_invalid` |
//!
//! A baseline is refused with one [`BaselineLineError`] per problem, each
//! with its line, the text at fault and one of these codes:
//!
//! | code | the line |
//! | --- | --- |
//! | `baseline_empty` | the file, or its rows, are missing |
//! | `baseline_header` | is not `area;dimension;group;count` (or with `,`) |
//! | `baseline_columns` | does not have four fields |
//! | `baseline_quote` | has a quote that is not closed or is inside a field |
//! | `baseline_area_unknown` | names neither `all` nor a slug of the round's areas |
//! | `baseline_dimension_unknown` | names no question |
//! | `baseline_group_unknown` | names no group of its question |
//! | `baseline_area_scope` | counts areas within an area (must be `all`) |
//! | `baseline_count_invalid` | has a count that is not a whole number ≥ 0 |
//! | `baseline_duplicate` | repeats an earlier line's area, question and group |
//!
//! ```
//! use chrono::NaiveDate;
//! use domain::participation::*;
//!
//! let areas = [(1, "centrum".to_string()), (2, "norr".to_string())];
//! let csv = "area;dimension;group;count\nall;born;sweden;8000\nall;born;abroad;2000\n";
//! let baseline = parse_baseline_csv(csv, &areas).unwrap();
//!
//! let form = AnswersForm { born: "sweden".into(), age: "skip".into(), ..AnswersForm::default() };
//! let answers = parse_answers(&form, &[1, 2]).unwrap();
//! assert_eq!(answers.age, None);
//!
//! let date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
//! let participants = vec![Participation { date, answers }; 60];
//! let stats = representativeness(&participants, &baseline, &[1, 2], &StatsOptions::default());
//! // No one born abroad among 60 who answered, against 20 % of residents.
//! assert_eq!(stats.under_represented(), [Group::Born(Birthplace::Abroad)]);
//! let born = stats.figure(Scope::All, Slice::All, Dimension::Born).unwrap();
//! assert_eq!(born.groups[1].count, None); // 0 is below 5, so suppressed
//! ```

mod alerts;
mod baseline;
mod grid;
mod groups;
mod interval;
mod outreach;
mod partner;
mod report;
mod stats;
mod suppression;

pub use alerts::newly_under;
pub use baseline::{
    BASELINE_HEADER, Baseline, BaselineCount, BaselineLineError, BaselineRow, baseline_csv,
    parse_baseline_csv, parse_baseline_rows, scope_groups, with_scope_typed,
};
pub use groups::{
    AgeBand, Answers, AnswersForm, Birthplace, Dimension, Disability, Education, Gender, Group,
    Occupation, ParseGroupError, Scope, parse_answers,
};
pub use interval::{Z_95, wilson_interval};
pub use outreach::{OutreachForm, OutreachInput, parse_outreach};
pub use partner::{
    ORGANISATION_MAX, Partner, PartnerForm, for_partner, groups_text, parse_groups_text,
    parse_partner, partner_may_aim,
};
pub use report::{ReportRow, report_rows};
pub use stats::{
    Figure, GenderSplit, GroupFigure, Participation, Representativeness, Slice, StatsOptions,
    TrendSeries, representativeness, split_by_gender,
};
pub use suppression::{CellId, CountTable, Suppression};
