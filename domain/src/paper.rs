//! Paper ballots, typed in by staff: one printed serial is one ballot, whatever way it is
//! typed, and what goes into the box is what two different staff members read alike. One
//! person can neither put a ballot in nor take a counted one out: a later reading that
//! differs sets the serial aside for a check only when it, too, is confirmed by a second
//! person (then two readings stand against each other and the paper decides).
//!
//! # Error codes
//!
//! | form | field | codes |
//! | --- | --- | --- |
//! | paper ballot | `serial` | `serial_invalid`, `paper_range_missing`, `serial_out_of_range`, `paper_entered_twice` |
//! | paper roll | `first_serial` | `serial_invalid` |
//! | paper roll | `last_serial` | `serial_invalid`, `paper_range_invalid`, `paper_range_locked` |
//! | paper roll | `checked_off` | `checked_off_invalid` |

use crate::Code;
use crate::issue::{FieldIssue, Issues};

/// Longest serial, in characters.
pub const SERIAL_MAX: usize = 40;

/// A serial as typed, in the one form it is stored under: without spaces, in capitals, and
/// each run of digits without leading zeros ("012", " 12" and "12" are one serial; "a-07" is
/// "A-7"). Letters, digits and dashes only, at least one letter or digit.
pub fn normalize_serial(typed: &str) -> Result<String, Code> {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if compact.is_empty() || compact.chars().count() > SERIAL_MAX {
        return Err(Code::SerialInvalid);
    }
    let allowed = compact
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !allowed || !compact.chars().any(|c| c.is_ascii_alphanumeric()) {
        return Err(Code::SerialInvalid);
    }
    let mut out = String::with_capacity(compact.len());
    let mut digits = String::new();
    for c in compact.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            let trimmed = digits.trim_start_matches('0');
            out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
            digits.clear();
        }
        if c != ' ' {
            out.push(c);
        }
    }
    Ok(out)
}

/// Where a serial stands, from its readings: each reading is (staff member, the ballot as
/// read, compared as text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Agreement<'a> {
    /// No reading is confirmed by a second person yet.
    Waiting,
    /// One reading is confirmed by two or more different staff, and no other is: that ballot
    /// is in the box.
    Agreed(&'a str),
    /// Two different readings are each confirmed: the serial is out of the box until the
    /// paper is checked.
    Disputed,
}

/// The agreement of a serial's `readings` (staff id, ballot as text).
pub fn agreement<'a>(readings: &[(i64, &'a str)]) -> Agreement<'a> {
    let mut confirmed: Vec<&str> = Vec::new();
    for (i, (staff, ballot)) in readings.iter().enumerate() {
        let others = readings[..i].iter().any(|(s, b)| s != staff && b == ballot);
        if others && !confirmed.contains(ballot) {
            confirmed.push(ballot);
        }
    }
    match confirmed.as_slice() {
        [] => Agreement::Waiting,
        [one] => Agreement::Agreed(one),
        _ => Agreement::Disputed,
    }
}

/// The serials printed for a round: one prefix (letters and dashes, maybe none) and a run of
/// numbers, e.g. `A-1` to `A-500`. A typed serial must fall in it, so a mistyped or invented
/// number is refused instead of becoming a ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SerialRange {
    prefix: String,
    low: u64,
    high: u64,
}

/// A normalised serial as its prefix and trailing number (`A-7` is `("A-", 7)`).
fn split_serial(serial: &str) -> Option<(&str, u64)> {
    let digits = serial.len() - serial.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = serial.split_at(serial.len() - digits);
    Some((prefix, number.parse().ok()?))
}

impl SerialRange {
    /// The range from the first and last serial as typed, every problem at once: each must be
    /// a serial ending in a number, with the same prefix, the first not above the last.
    pub fn parse(first: &str, last: &str) -> Result<SerialRange, Vec<FieldIssue>> {
        let mut issues = Issues::default();
        let mut end = |typed: &str, field: &'static str| {
            let split = normalize_serial(typed)
                .ok()
                .and_then(|s| split_serial(&s).map(|(p, n)| (p.to_owned(), n)));
            if split.is_none() {
                issues.push(field, Code::SerialInvalid);
            }
            split
        };
        let (first, last) = (end(first, "first_serial"), end(last, "last_serial"));
        let range = match (first, last) {
            (Some((prefix, low)), Some((other, high))) if prefix == other && low <= high => {
                Some(SerialRange { prefix, low, high })
            }
            (Some(_), Some(_)) => {
                issues.push("last_serial", Code::PaperRangeInvalid);
                None
            }
            _ => None,
        };
        issues.finish(range)
    }

    /// Whether the normalised `serial` is one of the printed ones.
    pub fn contains(&self, serial: &str) -> bool {
        split_serial(serial)
            .is_some_and(|(prefix, n)| prefix == self.prefix && (self.low..=self.high).contains(&n))
    }

    /// The first serial, normalised.
    pub fn first(&self) -> String {
        format!("{}{}", self.prefix, self.low)
    }

    /// The last serial, normalised.
    pub fn last(&self) -> String {
        format!("{}{}", self.prefix, self.high)
    }

    /// How many ballots were printed.
    pub fn len(&self) -> u64 {
        self.high - self.low + 1
    }

    /// Never: a range holds at least one serial.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// The paper roll form as posted: the printed range and the number checked off.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PaperRollForm {
    #[serde(default)]
    pub first_serial: String,
    #[serde(default)]
    pub last_serial: String,
    #[serde(default)]
    pub checked_off: String,
}

/// Parses the paper roll form, every problem at once.
pub fn parse_roll(form: &PaperRollForm) -> Result<(SerialRange, Option<u64>), Vec<FieldIssue>> {
    let range = SerialRange::parse(&form.first_serial, &form.last_serial);
    let checked_off = parse_checked_off(&form.checked_off);
    let mut issues = match &range {
        Err(issues) => issues.clone(),
        Ok(_) => Vec::new(),
    };
    if let Err(code) = checked_off {
        issues.push(FieldIssue::new("checked_off", code));
    }
    match (range, checked_off) {
        (Ok(range), Ok(checked_off)) => Ok((range, checked_off)),
        _ => Err(issues),
    }
}

/// How many people were checked off the paper voter list, as typed: empty is "not counted
/// yet", otherwise a whole number, 0 or more.
pub fn parse_checked_off(typed: &str) -> Result<Option<u64>, Code> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    typed.parse().map(Some).map_err(|_| Code::CheckedOffInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_printed_serial_is_one_serial_however_it_is_typed() {
        let table = [
            ("12", "12"),
            ("012", "12"),
            (" 12 ", "12"),
            ("0012", "12"),
            ("a-07", "A-7"),
            ("A-2", "A-2"),
            ("A 7", "A7"),
            ("b100", "B100"),
            ("B0100", "B100"),
            ("0", "0"),
            ("000", "0"),
            ("x0y00", "X0Y0"),
            ("2026-0042", "2026-42"),
        ];
        for (typed, stored) in table {
            assert_eq!(normalize_serial(typed).as_deref(), Ok(stored), "{typed:?}");
        }
    }

    #[test]
    fn empty_long_or_odd_serials_are_refused() {
        for typed in ["", "   ", "--", "12/3", "nr.12", "ÅÄÖ1", &"1".repeat(41)] {
            assert_eq!(
                normalize_serial(typed),
                Err(Code::SerialInvalid),
                "{typed:?}"
            );
        }
        assert!(normalize_serial(&"1".repeat(40)).is_ok());
    }

    #[test]
    fn a_typed_serial_must_be_a_printed_one() {
        let range = SerialRange::parse("a-001", "A-500").unwrap();
        assert_eq!(
            (range.first(), range.last(), range.len()),
            ("A-1".into(), "A-500".into(), 500)
        );
        for inside in ["A-1", "A-250", "A-500"] {
            assert!(range.contains(inside), "{inside}");
        }
        for outside in ["A-0", "A-501", "B-7", "A7", "7", "A-", "A-7X"] {
            assert!(!range.contains(outside), "{outside}");
        }
        let plain = SerialRange::parse("1", "0200").unwrap();
        assert!(plain.contains("200") && !plain.contains("A-2"));
    }

    #[test]
    fn a_range_is_two_serials_with_one_prefix_in_order() {
        let field = |issues: Vec<FieldIssue>| -> Vec<(&str, Code)> {
            issues.into_iter().map(|i| (i.field, i.code)).collect()
        };
        let table: [(&str, &str, Vec<(&str, Code)>); 5] = [
            ("A-9", "A-1", vec![("last_serial", Code::PaperRangeInvalid)]),
            ("A-1", "B-9", vec![("last_serial", Code::PaperRangeInvalid)]),
            ("", "A-9", vec![("first_serial", Code::SerialInvalid)]),
            ("A", "A-9", vec![("first_serial", Code::SerialInvalid)]),
            (
                "x/1",
                "",
                vec![
                    ("first_serial", Code::SerialInvalid),
                    ("last_serial", Code::SerialInvalid),
                ],
            ),
        ];
        for (first, last, expected) in table {
            let issues = SerialRange::parse(first, last).expect_err(first);
            assert_eq!(field(issues), expected, "{first}..{last}");
        }
        assert!(
            SerialRange::parse("7", "7").is_ok(),
            "one printed ballot is a range"
        );
    }

    #[test]
    fn the_roll_form_reports_every_problem() {
        let form = PaperRollForm {
            first_serial: "A-9".into(),
            last_serial: "A-1".into(),
            checked_off: "många".into(),
        };
        let issues: Vec<(&str, Code)> = parse_roll(&form)
            .unwrap_err()
            .into_iter()
            .map(|i| (i.field, i.code))
            .collect();
        assert_eq!(
            issues,
            [
                ("last_serial", Code::PaperRangeInvalid),
                ("checked_off", Code::CheckedOffInvalid)
            ]
        );
        let form = PaperRollForm {
            first_serial: "1".into(),
            last_serial: "300".into(),
            checked_off: "".into(),
        };
        let (range, checked_off) = parse_roll(&form).unwrap();
        assert_eq!((range.len(), checked_off), (300, None));
    }

    #[test]
    fn the_checked_off_count_is_empty_or_a_whole_number() {
        assert_eq!(parse_checked_off(" "), Ok(None));
        assert_eq!(parse_checked_off("0"), Ok(Some(0)));
        assert_eq!(parse_checked_off(" 412 "), Ok(Some(412)));
        for typed in ["-1", "4.5", "fyra", "1 000"] {
            assert_eq!(
                parse_checked_off(typed),
                Err(Code::CheckedOffInvalid),
                "{typed}"
            );
        }
    }

    #[test]
    fn two_different_staff_reading_alike_put_a_ballot_in() {
        let a = r#"{"Approval":["1"]}"#;
        let b = r#"{"Approval":["2"]}"#;
        let table: [(&[(i64, &str)], Agreement); 8] = [
            (&[], Agreement::Waiting),
            (&[(1, a)], Agreement::Waiting),
            (&[(1, a), (1, a)], Agreement::Waiting),
            (&[(1, a), (2, a)], Agreement::Agreed(a)),
            (&[(1, a), (2, b)], Agreement::Waiting),
            (&[(1, a), (2, b), (3, b)], Agreement::Agreed(b)),
            // A counted ballot stays in when one person reads it otherwise…
            (&[(1, a), (2, a), (3, b)], Agreement::Agreed(a)),
            // …and is set aside only when a second person confirms the other reading.
            (&[(1, a), (2, a), (3, b), (4, b)], Agreement::Disputed),
        ];
        for (readings, expected) in table {
            assert_eq!(agreement(readings), expected, "{readings:?}");
        }
    }
}
