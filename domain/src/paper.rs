//! Paper ballots, typed in by staff: one printed serial is one ballot, whatever way it is
//! typed, and what goes into the box is what two different staff members read alike. One
//! person can neither put a ballot in nor take a counted one out: a later reading that
//! differs sets the serial aside for a check only when it, too, is confirmed by a second
//! person (then two readings stand against each other and the paper decides).

use crate::Code;

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
