//! Reads Pabulib text into a [`PbFile`], following pabutools' `parse_pabulib`
//! (sections in any order, `None` meaning "no value", decimal commas in
//! amounts) but refusing what pabutools would silently mangle or crash on:
//! duplicate project ids, votes for unknown projects, ragged rows.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::error::{PbError, PbErrorKind};
use super::ids::NumericIds;
use super::model::{PbFile, PbProject, VoteType};
use super::rows::{Row, Rows, trim};
use super::votes::VoteSink;
use crate::fxhash::FxHasher;
use crate::money::Money;

type IdIndex = HashMap<String, u32, BuildHasherDefault<FxHasher>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Meta,
    Projects,
    Votes,
}

impl Section {
    fn parse(first: &str) -> Option<Section> {
        // Most rows are votes or projects whose first field is a number.
        if first.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let first = trim(first);
        [Section::Meta, Section::Projects, Section::Votes]
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(first))
    }

    fn name(self) -> &'static str {
        match self {
            Section::Meta => "META",
            Section::Projects => "PROJECTS",
            Section::Votes => "VOTES",
        }
    }
}

/// Where the columns a vote needs are, once its header has been read.
pub(super) struct VoteLayout {
    pub(super) vote_type: VoteType,
    pub(super) voter_id: usize,
    pub(super) vote: usize,
    pub(super) points: Option<usize>,
    pub(super) others: Vec<usize>,
}

pub(super) struct Reader<S> {
    meta: Vec<(String, String)>,
    project_columns: Vec<String>,
    project_layout: Option<(usize, Vec<usize>)>,
    projects: Vec<PbProject>,
    pub(super) index: IdIndex,
    vote_columns: Vec<String>,
    pub(super) vote_layout: Option<VoteLayout>,
    pub(super) votes: S,
    /// The projects of the vote being read (reused from row to row).
    pub(super) ballot: Vec<u32>,
    pub(super) numeric_ids: Option<NumericIds>,
    seen: Vec<Section>,
}

/// Parses the text of a `.pb` file.
///
/// ```
/// let text = "META\nkey;value\nbudget;100\nvote_type;approval\n\
///             PROJECTS\nproject_id;cost\n1;60\n2;50\n\
///             VOTES\nvoter_id;vote\nv1;1,2\n";
/// let file = domain::pabulib::read_pabulib(text).unwrap();
/// assert_eq!(file.projects.len(), 2);
/// assert_eq!(file.votes[0].projects, vec![0, 1]);
/// ```
pub fn read_pabulib(text: &str) -> Result<PbFile, PbError> {
    let (mut file, votes) = read_into(text, Vec::new())?;
    file.votes = votes;
    Ok(file)
}

/// Reads the text of a `.pb` file, handing each vote to `sink` instead of
/// keeping it: the file is returned with no votes. Errors are those of
/// [`read_pabulib`], found in the same order.
pub(crate) fn read_into<S: VoteSink>(text: &str, sink: S) -> Result<(PbFile, S), PbError> {
    let mut reader = Reader {
        meta: Vec::new(),
        project_columns: Vec::new(),
        project_layout: None,
        projects: Vec::new(),
        index: IdIndex::default(),
        vote_columns: Vec::new(),
        vote_layout: None,
        votes: sink,
        ballot: Vec::new(),
        numeric_ids: None,
        seen: Vec::new(),
    };
    let mut rows = Rows::new(text);
    let mut section: Option<Section> = None;
    let mut last_line = 1;
    let mut row = Row {
        line: 0,
        fields: Vec::new(),
    };
    while let Some(result) = rows.next_into(&mut row) {
        result?;
        last_line = row.line;
        if row.is_blank() {
            continue;
        }
        if let Some(next) = Section::parse(&row.fields[0]) {
            if reader.seen.contains(&next) {
                return Err(PbErrorKind::DuplicateSection(next.name()).at(row.line));
            }
            reader.seen.push(next);
            let header = next_non_blank(&mut rows)?
                .ok_or_else(|| PbErrorKind::MissingHeader(next.name()).at(row.line))?;
            reader.header(next, &header)?;
            section = Some(next);
            continue;
        }
        match section {
            None => return Err(PbErrorKind::RowOutsideSection.at(row.line)),
            Some(Section::Meta) => reader.meta_row(&row)?,
            Some(Section::Projects) => reader.project_row(&row)?,
            Some(Section::Votes) => reader.vote_row(&row)?,
        }
    }
    reader.finish(last_line)
}

fn next_non_blank<'a>(rows: &mut Rows<'a>) -> Result<Option<Row<'a>>, PbError> {
    for row in rows.by_ref() {
        let row = row?;
        if !row.is_blank() {
            return Ok(Some(row));
        }
    }
    Ok(None)
}

pub(super) fn none_or(value: &str) -> Option<String> {
    (!value.eq_ignore_ascii_case("none")).then(|| value.to_owned())
}

pub(super) fn check_width(row: &Row<'_>, expected: usize) -> Result<(), PbError> {
    if row.fields.len() > expected {
        let got = row.fields.len();
        return Err(PbErrorKind::TooManyFields { expected, got }.at(row.line));
    }
    Ok(())
}

impl<S: VoteSink> Reader<S> {
    fn header(&mut self, section: Section, header: &Row<'_>) -> Result<(), PbError> {
        let names: Vec<String> = header.fields.iter().map(|f| f.trim().to_owned()).collect();
        let find = |column: &'static str| {
            names.iter().position(|n| n == column).ok_or_else(|| {
                PbErrorKind::MissingColumn {
                    section: section.name(),
                    column,
                }
                .at(header.line)
            })
        };
        match section {
            Section::Meta => {}
            Section::Projects => {
                let cost = find("cost")?;
                let others: Vec<usize> = (1..names.len()).filter(|&i| i != cost).collect();
                self.project_columns = others.iter().map(|&i| names[i].clone()).collect();
                self.project_layout = Some((cost, others));
            }
            Section::Votes => {
                self.numeric_ids = NumericIds::new(self.projects.iter().map(|p| p.id.as_str()));
                let vote_type = self.vote_type(header.line)?;
                let (voter_id, vote) = (find("voter_id")?, find("vote")?);
                let points = if vote_type.has_points() {
                    names.iter().position(|n| n == "points")
                } else {
                    None
                };
                let others: Vec<usize> = (0..names.len())
                    .filter(|&i| i != voter_id && i != vote && Some(i) != points)
                    .collect();
                self.vote_columns = others.iter().map(|&i| names[i].clone()).collect();
                self.votes.start(vote_type, self.projects.len());
                self.vote_layout = Some(VoteLayout {
                    vote_type,
                    voter_id,
                    vote,
                    points,
                    others,
                });
            }
        }
        Ok(())
    }

    fn vote_type(&self, line: usize) -> Result<VoteType, PbError> {
        let value = self
            .meta_value("vote_type")
            .ok_or_else(|| PbErrorKind::MissingMeta("vote_type").at(line))?;
        VoteType::from_meta(value)
            .ok_or_else(|| PbErrorKind::UnsupportedVoteType(value.to_owned()).at(line))
    }

    fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn meta_row(&mut self, row: &Row<'_>) -> Result<(), PbError> {
        let key = row.get(0).unwrap_or_default().to_owned();
        let value = row
            .get(1)
            .ok_or_else(|| PbErrorKind::MetaWithoutValue(key.clone()).at(row.line))?;
        let value = value.to_owned();
        match self.meta.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.meta.push((key, value)),
        }
        Ok(())
    }

    fn project_row(&mut self, row: &Row<'_>) -> Result<(), PbError> {
        let Some((cost_at, others)) = &self.project_layout else {
            return Err(PbErrorKind::RowOutsideSection.at(row.line));
        };
        check_width(row, others.len() + 2)?;
        let id = row.get(0).unwrap_or_default().to_owned();
        if id.is_empty() {
            return Err(PbErrorKind::EmptyProjectId.at(row.line));
        }
        if id.contains(',') {
            return Err(PbErrorKind::CommaInProjectId(id).at(row.line));
        }
        let cost_text = row.get(*cost_at).unwrap_or_default();
        let cost = Money::parse(cost_text).map_err(|error| {
            PbErrorKind::InvalidCost {
                id: id.clone(),
                error,
            }
            .at(row.line)
        })?;
        let fields = others
            .iter()
            .map(|&i| row.get(i).and_then(none_or))
            .collect();
        let index = u32::try_from(self.projects.len()).unwrap_or(u32::MAX);
        if self.index.insert(id.clone(), index).is_some() {
            return Err(PbErrorKind::DuplicateProject(id).at(row.line));
        }
        self.projects.push(PbProject { id, cost, fields });
        Ok(())
    }

    fn finish(self, last_line: usize) -> Result<(PbFile, S), PbError> {
        for section in [Section::Meta, Section::Projects, Section::Votes] {
            if !self.seen.contains(&section) {
                return Err(PbErrorKind::MissingSection(section.name()).at(last_line));
            }
        }
        let vote_type = self.vote_type(last_line)?;
        let budget_text = self
            .meta_value("budget")
            .ok_or_else(|| PbErrorKind::MissingMeta("budget").at(last_line))?;
        let budget =
            Money::parse(budget_text).map_err(|e| PbErrorKind::InvalidBudget(e).at(last_line))?;
        let file = PbFile {
            meta: self.meta,
            budget,
            vote_type,
            project_columns: self.project_columns,
            projects: self.projects,
            vote_columns: self.vote_columns,
            votes: Vec::new(),
        };
        Ok((file, self.votes))
    }
}
