//! A round's electoral roll (röstlängd): the people who may vote, as personal identity numbers
//! exported from the population register. Staff upload it as a text or CSV file; the server
//! keeps only a keyed digest of each number. With a roll, "lives in the municipality" is no
//! longer declared but verified: a voter whose identity is known (eID, or a number staff typed
//! from an identity document) must be on it, and one whose identity is unknown cannot be
//! checked and is refused with the way to be checked.
//!
//! The file is read all or nothing: a roll with some unreadable lines would silently leave
//! people out, so any bad line stops the import and each is reported by line number and reason
//! (never by its content, which may be someone's number).

use chrono::NaiveDate;

use crate::identity_number::IdentityNumber;
use crate::{Code, Phase};

/// At most this many bad lines are reported one by one.
pub const BAD_LINES_SHOWN: usize = 50;

/// A line that is not a personal identity number: its number (from 1) and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub code: Code,
}

/// Why a roll file was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RollError {
    /// No number in it.
    Empty,
    /// Lines that are not numbers (all of them; the page shows the first [`BAD_LINES_SHOWN`]).
    BadLines(Vec<BadLine>),
}

/// Reads a roll: one person per line, the number in the first column (columns split by `;`,
/// `,` or a tab, so a CSV export works). Blank lines are skipped, and so is a first line
/// without digits (a header). Each person once, in order.
pub fn parse_roll(text: &str, today: NaiveDate) -> Result<Vec<IdentityNumber>, RollError> {
    let mut numbers = Vec::new();
    let mut bad = Vec::new();
    let mut seen_content = false;
    // Excel's "CSV UTF-8" starts the file with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.lines().enumerate() {
        let first = line.split([';', ',', '\t']).next().unwrap_or("").trim();
        let first = first.trim_matches('"').trim();
        if first.is_empty() {
            continue;
        }
        let header = !seen_content && !line.bytes().any(|b| b.is_ascii_digit());
        seen_content = true;
        if header {
            continue;
        }
        match IdentityNumber::parse(first, today) {
            Ok(number) => numbers.push(number),
            Err(error) => bad.push(BadLine {
                line: index + 1,
                code: error.into(),
            }),
        }
    }
    if !bad.is_empty() {
        return Err(RollError::BadLines(bad));
    }
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.is_empty() {
        return Err(RollError::Empty);
    }
    Ok(numbers)
}

/// Bad lines for a URL: `3:identity_number_format,7:identity_number_check_digit`, at most
/// [`BAD_LINES_SHOWN`] of them.
pub fn bad_lines_to_query(bad: &[BadLine]) -> String {
    bad.iter()
        .take(BAD_LINES_SHOWN)
        .map(|b| format!("{}:{}", b.line, b.code.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

/// Bad lines read back from [`bad_lines_to_query`]; anything else is left out.
pub fn bad_lines_from_query(query: &str) -> Vec<BadLine> {
    query
        .split(',')
        .filter_map(|item| {
            let (line, code) = item.split_once(':')?;
            Some(BadLine {
                line: line.parse().ok()?,
                code: code.parse().ok()?,
            })
        })
        .take(BAD_LINES_SHOWN)
        .collect()
}

/// Whether staff may still replace or remove the roll: until voting closes. After that the
/// roll is what the ballots were checked against.
pub fn roll_editable(phase: Phase) -> bool {
    phase <= Phase::Voting
}

/// What the roll says about a voter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollCheck {
    /// The round has no roll: residence is declared.
    NoRoll,
    /// There is a roll, but who the voter is is not known (no eID, no number typed).
    Unknown,
    /// On the roll.
    On,
    /// Not on the roll.
    Off,
}

impl RollCheck {
    /// Why the roll refuses the voter, or `None` when it lets them in (or there is none).
    pub fn refusal(self) -> Option<Code> {
        match self {
            RollCheck::NoRoll | RollCheck::On => None,
            RollCheck::Unknown => Some(Code::RollNeedsIdentity),
            RollCheck::Off => Some(Code::NotOnRoll),
        }
    }

    /// Whether residence is verified by a roll (and so not asked for).
    pub fn has_roll(self) -> bool {
        self != RollCheck::NoRoll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
    }

    fn digits(numbers: &[IdentityNumber]) -> Vec<String> {
        numbers.iter().map(IdentityNumber::as_digits).collect()
    }

    #[test]
    fn the_roll_may_change_until_voting_closes() {
        let editable: Vec<Phase> = Phase::ALL
            .into_iter()
            .filter(|p| roll_editable(*p))
            .collect();
        assert_eq!(
            editable,
            [
                Phase::Draft,
                Phase::Information,
                Phase::Proposals,
                Phase::Review,
                Phase::Voting
            ]
        );
    }

    #[test]
    fn a_roll_takes_each_number_once_in_any_written_form() {
        let text = "personnummer;namn\n\
                    19121212-1212;Tolvan Tolvansson\n\
                    \n\
                    191212121212\n\
                    \"20080816-2382\",Ann\n\
                    8112189876\t\n";
        assert_eq!(
            digits(&parse_roll(text, today()).unwrap()),
            vec!["191212121212", "198112189876", "200808162382"]
        );
    }

    #[test]
    fn a_byte_order_mark_before_the_first_number_is_not_part_of_it() {
        let text = "\u{feff}19121212-1212\r\n198112189876\r\n";
        assert_eq!(
            digits(&parse_roll(text, today()).unwrap()),
            vec!["191212121212", "198112189876"]
        );
    }

    #[test]
    fn any_bad_line_stops_the_import_and_each_is_named_by_number() {
        let text = "19121212-1212\n19121212-1213\nTolvan\n\n19121232-1212\n";
        assert_eq!(
            parse_roll(text, today()),
            Err(RollError::BadLines(vec![
                BadLine {
                    line: 2,
                    code: Code::IdentityNumberCheckDigit
                },
                BadLine {
                    line: 3,
                    code: Code::IdentityNumberFormat
                },
                BadLine {
                    line: 5,
                    code: Code::IdentityNumberDate
                },
            ]))
        );
    }

    #[test]
    fn a_header_is_skipped_only_as_the_first_line() {
        assert_eq!(
            parse_roll("19121212-1212\nnamn\n", today()),
            Err(RollError::BadLines(vec![BadLine {
                line: 2,
                code: Code::IdentityNumberFormat
            }]))
        );
    }

    #[test]
    fn a_roll_without_numbers_is_empty() {
        for text in ["", "\n\n", "personnummer\n", " ; \n"] {
            assert_eq!(parse_roll(text, today()), Err(RollError::Empty), "{text:?}");
        }
    }

    #[test]
    fn bad_lines_survive_a_url_and_are_capped() {
        let bad: Vec<BadLine> = (1..=60)
            .map(|line| BadLine {
                line,
                code: Code::IdentityNumberFormat,
            })
            .collect();
        let query = bad_lines_to_query(&bad);
        assert!(query.starts_with("1:identity_number_format,2:"));
        assert_eq!(
            bad_lines_from_query(&query),
            bad[..BAD_LINES_SHOWN].to_vec()
        );
        assert_eq!(
            bad_lines_from_query("3:nonsense,x:identity_number_date,4:identity_number_date"),
            vec![BadLine {
                line: 4,
                code: Code::IdentityNumberDate
            }]
        );
    }

    #[test]
    fn the_roll_refuses_the_unknown_and_those_not_on_it() {
        let table = [
            (RollCheck::NoRoll, None, false),
            (RollCheck::On, None, true),
            (RollCheck::Unknown, Some(Code::RollNeedsIdentity), true),
            (RollCheck::Off, Some(Code::NotOnRoll), true),
        ];
        for (check, refusal, has_roll) in table {
            assert_eq!(check.refusal(), refusal, "{check:?}");
            assert_eq!(check.has_roll(), has_roll, "{check:?}");
        }
    }
}
