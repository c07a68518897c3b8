//! The dates on which a round enters each phase, as staff enter them in
//! `<input type="date">` (`YYYY-MM-DD`). Dates are optional: a phase without
//! a date is moved by staff. Set dates must follow the order of the phases,
//! or the round would move backwards by date.

use crate::Code;
use serde::{Deserialize, Serialize};

use super::{Date, Issues};
use crate::phase::Phase;

/// When a round enters each date-driven phase; `None` = staff move it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhaseDates {
    /// Announced to the public ([`Phase::Information`]).
    pub information: Option<Date>,
    /// Proposals open ([`Phase::Proposals`]).
    pub proposals: Option<Date>,
    /// Proposals close and staff review them ([`Phase::Review`]).
    pub review: Option<Date>,
    /// Voting opens ([`Phase::Voting`]).
    pub voting: Option<Date>,
    /// Voting closes and the result goes to the politicians ([`Phase::Deliberation`]).
    pub voting_end: Option<Date>,
}

impl PhaseDates {
    /// The date-driven phases, in order.
    pub const PHASES: [Phase; 5] = [
        Phase::Information,
        Phase::Proposals,
        Phase::Review,
        Phase::Voting,
        Phase::Deliberation,
    ];

    /// The day the round enters `phase`, if that phase moves by date.
    pub fn start_of(&self, phase: Phase) -> Option<Date> {
        match phase {
            Phase::Information => self.information,
            Phase::Proposals => self.proposals,
            Phase::Review => self.review,
            Phase::Voting => self.voting,
            Phase::Deliberation => self.voting_end,
            _ => None,
        }
    }

    /// Parses the five date fields, given as (text, HTML field name) in
    /// phase order, recording `date_invalid` and `date_order` issues.
    pub(super) fn parse(
        issues: &mut Issues,
        fields: [(&str, &'static str); 5],
    ) -> Option<PhaseDates> {
        let mut dates = [None; 5];
        let mut valid = true;
        let mut latest: Option<Date> = None;
        for (slot, (text, field)) in dates.iter_mut().zip(fields) {
            if text.trim().is_empty() {
                continue;
            }
            let Some(date) = parse_date(text) else {
                issues.push(field, Code::DateInvalid);
                valid = false;
                continue;
            };
            if latest.is_some_and(|earlier| date <= earlier) {
                issues.push(field, Code::DateOrder);
                valid = false;
            }
            latest = latest.max(Some(date));
            *slot = Some(date);
        }
        let [information, proposals, review, voting, voting_end] = dates;
        valid.then_some(PhaseDates {
            information,
            proposals,
            review,
            voting,
            voting_end,
        })
    }
}

/// Parses a real calendar day written exactly `YYYY-MM-DD` (surrounding
/// whitespace allowed), as `<input type="date">` posts it.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let year = text[0..4].parse().ok()?;
    let month = text[5..7].parse().ok()?;
    let day = text[8..10].parse().ok()?;
    Date::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldIssue;
    use chrono::Datelike;
    use proptest::prelude::*;

    fn day(text: &str) -> Date {
        parse_date(text).unwrap()
    }

    const FIELDS: [&str; 5] = [
        "information_date",
        "proposals_date",
        "review_date",
        "voting_date",
        "voting_end_date",
    ];

    fn parse(texts: [&str; 5]) -> Result<PhaseDates, Vec<FieldIssue>> {
        let mut issues = Issues::default();
        let fields = [0, 1, 2, 3, 4].map(|i| (texts[i], FIELDS[i]));
        let dates = PhaseDates::parse(&mut issues, fields);
        issues.finish(dates)
    }

    #[test]
    fn a_date_is_exactly_year_month_day() {
        assert_eq!(parse_date(" 2026-03-01 "), Date::from_ymd_opt(2026, 3, 1));
        for text in [
            "2026-3-1",
            "26-03-01",
            "2026/03/01",
            "01-03-2026",
            "2026-03-01T00:00",
            "+026-03-01",
            "2026-03-0a",
            "2026-03-١١",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn a_date_must_exist_in_the_calendar_with_leap_years() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2000-02-29").is_some());
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("1900-02-29"), None);
        assert_eq!(parse_date("2026-04-31"), None);
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-00-10"), None);
    }

    #[test]
    fn empty_dates_are_left_to_staff() {
        assert_eq!(parse(["", " ", "", "", ""]), Ok(PhaseDates::default()));
    }

    #[test]
    fn an_invalid_date_is_reported_on_its_field() {
        let issues = parse(["2026-01-01", "2026-02-30", "", "", "soon"]).unwrap_err();
        assert_eq!(
            issues,
            [
                FieldIssue::new("proposals_date", Code::DateInvalid),
                FieldIssue::new("voting_end_date", Code::DateInvalid)
            ]
        );
    }

    #[test]
    fn set_dates_must_strictly_increase_across_gaps() {
        let ok = parse(["2026-01-01", "", "2026-03-01", "2026-04-01", "2026-05-01"]).unwrap();
        assert_eq!(ok.review, Some(day("2026-03-01")));
        assert_eq!(ok.proposals, None);
        let same_day = parse(["2026-01-01", "2026-01-01", "", "", ""]).unwrap_err();
        assert_eq!(
            same_day,
            [FieldIssue::new("proposals_date", Code::DateOrder)]
        );
        let before_any_earlier =
            parse(["2026-01-10", "2026-01-01", "2026-01-05", "", ""]).unwrap_err();
        assert_eq!(
            before_any_earlier,
            [
                FieldIssue::new("proposals_date", Code::DateOrder),
                FieldIssue::new("review_date", Code::DateOrder)
            ]
        );
    }

    #[test]
    fn each_date_field_starts_its_phase() {
        let dates = parse([
            "2026-01-01",
            "2026-02-01",
            "2026-03-01",
            "2026-04-01",
            "2026-05-01",
        ])
        .unwrap();
        assert_eq!(dates.start_of(Phase::Deliberation), Some(day("2026-05-01")));
        assert_eq!(dates.start_of(Phase::Information), Some(day("2026-01-01")));
        assert_eq!(dates.start_of(Phase::Draft), None);
        assert_eq!(dates.start_of(Phase::Decided), None);
    }

    proptest! {
        #[test]
        fn every_real_day_round_trips(days in 0i64..200_000) {
            let date = Date::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let text = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
            prop_assert_eq!(parse_date(&text), Some(date));
        }
    }
}
