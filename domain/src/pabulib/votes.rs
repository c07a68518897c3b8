//! The VOTES rows of a Pabulib file: the ballot of each voter as project
//! indices (and points for cumulative and scoring ballots), checked against
//! the PROJECTS already read. This is the hot loop of reading a large file.

use num_rational::Rational64;

use super::error::{PbError, PbErrorKind};
use super::model::PbVote;
use super::read::{Reader, check_width, none_or};
use super::rows::Row;
use crate::money::parse_rational;

/// `str::trim`, skipped when the text plainly has nothing to trim.
fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let clean = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if clean(bytes.first()) && clean(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Project ids that are all plain numbers (as in Pabulib) are looked up in a
/// table indexed by the number instead of hashing each id of each vote.
pub(super) struct NumericIds(Vec<u32>);

impl NumericIds {
    const LARGEST: u64 = 1 << 20;

    /// The table, if every id is a canonical decimal number not above [`Self::LARGEST`].
    pub(super) fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Option<NumericIds> {
        let mut table = Vec::new();
        for (index, id) in ids.enumerate() {
            let number = canonical_number(id).filter(|&n| n <= Self::LARGEST)? as usize;
            if table.len() <= number {
                table.resize(number + 1, u32::MAX);
            }
            table[number] = index as u32;
        }
        Some(NumericIds(table))
    }

    fn get(&self, id: &str) -> Option<u32> {
        let number = canonical_number(id)?;
        self.0
            .get(usize::try_from(number).ok()?)
            .copied()
            .filter(|&i| i != u32::MAX)
    }
}

/// `id` as a number if it is written the one way a number is (no sign, no leading zero).
fn canonical_number(id: &str) -> Option<u64> {
    let bytes = id.as_bytes();
    let plain = !bytes.is_empty() && bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit);
    if !plain || (bytes[0] == b'0' && bytes.len() > 1) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0u64, |n, &b| n * 10 + u64::from(b - b'0')),
    )
}

impl Reader {
    fn project_index(&self, name: &str) -> Option<u32> {
        match &self.numeric_ids {
            Some(table) => table.get(name),
            None => self.index.get(name).copied(),
        }
    }

    pub(super) fn vote_row(&mut self, row: &Row<'_>) -> Result<(), PbError> {
        let Some(layout) = &self.vote_layout else {
            return Err(PbErrorKind::RowOutsideSection.at(row.line));
        };
        let width = layout.others.len() + 2 + usize::from(layout.points.is_some());
        check_width(row, width)?;
        let voter_id = row.get(layout.voter_id).unwrap_or_default().to_owned();
        let vote_text = row
            .get(layout.vote)
            .filter(|v| !v.eq_ignore_ascii_case("none"))
            .unwrap_or("");
        let mut projects = Vec::with_capacity(vote_text.len() / 3 + 1);
        for name in vote_text
            .split(',')
            .map(trim)
            .filter(|_| !vote_text.is_empty())
        {
            if name.is_empty() && !layout.vote_type.has_points() {
                continue;
            }
            let Some(index) = self.project_index(name) else {
                let project = name.to_owned();
                return Err(PbErrorKind::UnknownProject {
                    voter: voter_id,
                    project,
                }
                .at(row.line));
            };
            projects.push(index);
        }
        // No points at all (`None`): pabutools reads the ballot as empty; so do we
        // when counting, but the projects are kept so the file is written back as it was.
        let points = match layout.points.and_then(|i| row.get(i)).and_then(none_or) {
            Some(text) => Some(parse_points(&text, &voter_id, projects.len(), row.line)?),
            None => None,
        };
        let fields = layout
            .others
            .iter()
            .map(|&i| row.get(i).and_then(none_or))
            .collect();
        self.votes.push(PbVote {
            voter_id,
            projects,
            points,
            fields,
        });
        Ok(())
    }
}

fn parse_points(
    text: &str,
    voter: &str,
    expected: usize,
    line: usize,
) -> Result<Vec<Rational64>, PbError> {
    let mut points = Vec::with_capacity(expected);
    if !text.is_empty() {
        for value in text.split(',').map(str::trim) {
            points.push(parse_point(value).ok_or_else(|| {
                PbErrorKind::InvalidPoints {
                    voter: voter.to_owned(),
                    value: value.to_owned(),
                }
                .at(line)
            })?);
        }
    }
    if points.len() != expected {
        let kind = PbErrorKind::PointsMismatch {
            voter: voter.to_owned(),
            projects: expected,
            points: points.len(),
        };
        return Err(kind.at(line));
    }
    Ok(points)
}

/// Largest number of points (numerator) and finest fraction accepted, so that
/// totals over millions of voters stay far from `i64` overflow.
const MAX_POINTS: i64 = 1_000_000_000;
const MAX_POINTS_DENOMINATOR: i64 = 1_000_000;

fn parse_point(value: &str) -> Option<Rational64> {
    let point = match value.parse::<i64>() {
        Ok(whole) => Rational64::from_integer(whole),
        Err(_) => {
            let exact = parse_rational(value).ok()?;
            Rational64::new(
                i64::try_from(exact.numer()).ok()?,
                i64::try_from(exact.denom()).ok()?,
            )
        }
    };
    let small = point.numer().abs() <= MAX_POINTS && *point.denom() <= MAX_POINTS_DENOMINATOR;
    small.then_some(point)
}
