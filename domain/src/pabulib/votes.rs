//! The VOTES rows of a Pabulib file: the ballot of each voter as project
//! indices (and points for cumulative and scoring ballots), checked against
//! the PROJECTS already read. This is the hot loop of reading a large file.
//!
//! Checked votes go to a [`VoteSink`]: the list of a [`super::PbFile`], or,
//! when only a count is wanted, straight into the counting profile, so that
//! 90 000 votes are not first stored one allocation each. Both sinks are fed
//! by the same reader, so a file is valid for one exactly when it is for the
//! other.

use num_rational::Rational64;

use super::error::{PbError, PbErrorKind};
use super::ids::canonical_digits;
use super::model::{PbVote, VoteType};
use super::read::{Reader, check_width, none_or};
use super::rows::{Row, trim};
use crate::money::parse_rational;

/// One vote as read, borrowed from the reader's buffers.
pub(crate) struct VoteRow<'r> {
    /// `vote`: project indices in the order written.
    pub projects: &'r [u32],
    /// `points`, if the ballot type has them and the row gives them.
    pub points: Option<&'r [Rational64]>,
    voter_id: &'r str,
    row: &'r Row<'r>,
    others: &'r [usize],
}

impl VoteRow<'_> {
    /// The row as a [`PbVote`] (allocates; only for sinks that keep rows).
    pub fn to_vote(&self) -> PbVote {
        PbVote {
            voter_id: self.voter_id.to_owned(),
            projects: self.projects.to_vec(),
            points: self.points.map(<[Rational64]>::to_vec),
            fields: self
                .others
                .iter()
                .map(|&i| self.row.get(i).and_then(none_or))
                .collect(),
        }
    }
}

/// Where the reader puts each vote once it is checked.
pub(crate) trait VoteSink {
    /// Called with the ballot type and the number of projects before the first vote.
    fn start(&mut self, vote_type: VoteType, projects: usize);
    /// Takes one checked vote.
    fn vote(&mut self, vote: VoteRow<'_>);
}

impl VoteSink for Vec<PbVote> {
    fn start(&mut self, _: VoteType, _: usize) {}

    fn vote(&mut self, vote: VoteRow<'_>) {
        self.push(vote.to_vote());
    }
}

impl<S: VoteSink> Reader<S> {
    /// The project called `name` (already trimmed).
    fn project_index(&self, name: &str) -> Option<u32> {
        match &self.numeric_ids {
            Some(table) => table.get(name),
            None => self.index.get(name).copied(),
        }
    }

    /// Reads the `vote` field into `self.ballot`: `vote_text.split(',')`,
    /// each name trimmed and looked up. Numbers are read in the same pass
    /// over the bytes (a loop byte by byte beats reading eight at a time here,
    /// as names are short and each would wait for the one before); a name
    /// that is not plainly a number takes the general path
    /// ([`Self::general_name`]), which would find the same project for one.
    fn read_ballot(&mut self, vote_text: &str, row: &Row<'_>, voter: usize) -> Result<(), PbError> {
        let mut ballot = std::mem::take(&mut self.ballot);
        ballot.clear();
        if !vote_text.is_empty() {
            let bytes = vote_text.as_bytes();
            let (mut start, mut number, mut plain) = (0, 0u64, true);
            for (end, &b) in bytes.iter().enumerate() {
                let digit = b.wrapping_sub(b'0');
                if digit <= 9 {
                    number = number.wrapping_mul(10).wrapping_add(u64::from(digit));
                } else if b == b',' {
                    self.name_into(&mut ballot, vote_text, (start, end), number, plain)
                        .map_err(|()| self.unknown(row, voter, &vote_text[start..end]))?;
                    (start, number, plain) = (end + 1, 0, true);
                } else {
                    plain = false;
                }
            }
            let end = bytes.len();
            self.name_into(&mut ballot, vote_text, (start, end), number, plain)
                .map_err(|()| self.unknown(row, voter, &vote_text[start..end]))?;
        }
        self.ballot = ballot;
        Ok(())
    }

    /// Adds the project named `vote_text[start..end]` to `ballot`; `number`
    /// is its value if `plain` (nothing but digits; it may have overflowed
    /// when there are more than 18, but such a name is not canonical).
    #[inline(always)]
    fn name_into(
        &self,
        ballot: &mut Vec<u32>,
        vote_text: &str,
        (start, end): (usize, usize),
        number: u64,
        plain: bool,
    ) -> Result<(), ()> {
        let found = match &self.numeric_ids {
            Some(table) if plain && canonical_digits(&vote_text.as_bytes()[start..end]) => {
                Some(table.at(number).ok_or(())?)
            }
            _ => self.general_name(&vote_text[start..end])?,
        };
        if let Some(index) = found {
            ballot.push(index);
        }
        Ok(())
    }

    #[cold]
    fn unknown(&self, row: &Row<'_>, voter: usize, name: &str) -> PbError {
        let project = trim(name).to_owned();
        let voter = row.get(voter).unwrap_or_default().to_owned();
        PbErrorKind::UnknownProject { voter, project }.at(row.line)
    }

    /// The project called `name` (untrimmed); `Ok(None)` for an empty name
    /// that is skipped, `Err` for an unknown one.
    #[inline(never)]
    fn general_name(&self, name: &str) -> Result<Option<u32>, ()> {
        let name = trim(name);
        let has_points = self
            .vote_layout
            .as_ref()
            .is_some_and(|l| l.vote_type.has_points());
        if name.is_empty() && !has_points {
            return Ok(None);
        }
        self.project_index(name).map(Some).ok_or(())
    }

    pub(super) fn vote_row(&mut self, row: &Row<'_>) -> Result<(), PbError> {
        let Some(layout) = &self.vote_layout else {
            return Err(PbErrorKind::RowOutsideSection.at(row.line));
        };
        let width = layout.others.len() + 2 + usize::from(layout.points.is_some());
        check_width(row, width)?;
        let (voter, points_at) = (layout.voter_id, layout.points);
        let vote_text = row
            .get(layout.vote)
            .filter(|v| !v.eq_ignore_ascii_case("none"))
            .unwrap_or("");
        self.read_ballot(vote_text, row, voter)?;
        let voter_id = row.get(voter).unwrap_or_default();
        // No points at all (`None`): pabutools reads the ballot as empty; so do we
        // when counting, but the projects are kept so the file is written back as it was.
        let points = match points_at.and_then(|i| row.get(i)).and_then(none_or) {
            Some(text) => Some(parse_points(&text, voter_id, self.ballot.len(), row.line)?),
            None => None,
        };
        let others = self.vote_layout.as_ref().map_or(&[][..], |l| &l.others[..]);
        self.votes.vote(VoteRow {
            projects: &self.ballot,
            points: points.as_deref(),
            voter_id,
            row,
            others,
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

#[cfg(test)]
mod tests {
    use crate::pabulib::ids::canonical_number;
    use crate::pabulib::read_pabulib;
    use proptest::prelude::*;

    /// `split(',')`, trim, skip empty names, look numbers up: the reading as specified.
    fn reference(ids: &[u64], vote: &str) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        for name in vote.split(',').map(str::trim).filter(|_| !vote.is_empty()) {
            if name.is_empty() {
                continue;
            }
            let number = canonical_number(name)?;
            out.push(ids.iter().position(|&id| id == number)? as u32);
        }
        Some(out)
    }

    proptest! {
        #[test]
        fn a_vote_is_read_as_its_names_split_on_commas_and_trimmed(
            vote in "[0-9, a\u{e9}\t]{0,30}",
        ) {
            let ids = [1u64, 2, 3, 10, 12, 100, 120, 1000, 1234567, 12345678];
            let projects: String = ids.iter().map(|id| format!("{id};1\n")).collect();
            let text = format!(
                "META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n{projects}\
                 VOTES\nvoter_id;vote\nx;\"{vote}\"\n"
            );
            let read = read_pabulib(&text).ok().map(|f| f.votes[0].projects.clone());
            prop_assert_eq!(read, reference(&ids, vote.trim()));
        }
    }
}
