//! What can be wrong in a `.pb` file, with the line where it was found.
//!
//! The CLI and the import page show these messages to people who uploaded a
//! file, so each variant says what was expected in plain words.

use crate::money::MoneyError;

/// A problem in a Pabulib file at a given (1-based) line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct PbError {
    /// 1-based line number where the offending row starts (for whole-file problems: the last line).
    pub line: usize,
    /// What was wrong.
    pub kind: PbErrorKind,
}

/// The kinds of problems a Pabulib file can have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PbErrorKind {
    /// A field opened with `"` is never closed.
    #[error("a quoted field is not closed before the end of the file")]
    UnterminatedQuote,
    /// Data before the first `META`, `PROJECTS` or `VOTES` line.
    #[error("a row comes before any META, PROJECTS or VOTES section")]
    RowOutsideSection,
    /// A section name is not followed by its header row.
    #[error("section {0} has no header row")]
    MissingHeader(&'static str),
    /// The same section appears twice.
    #[error("section {0} appears twice")]
    DuplicateSection(&'static str),
    /// A required section is absent.
    #[error("the file has no {0} section")]
    MissingSection(&'static str),
    /// A META row without a value column.
    #[error("META key '{0}' has no value")]
    MetaWithoutValue(String),
    /// A required META key is absent.
    #[error("META has no '{0}' (it is required)")]
    MissingMeta(&'static str),
    /// `vote_type` names a ballot format we cannot count.
    #[error(
        "vote_type '{0}' is not supported (expected approval, choose-1, cumulative, scoring or ordinal)"
    )]
    UnsupportedVoteType(String),
    /// The META budget is not an amount.
    #[error("budget: {0}")]
    InvalidBudget(MoneyError),
    /// A required column is missing from a section's header.
    #[error("the {section} header has no '{column}' column")]
    MissingColumn {
        /// `PROJECTS` or `VOTES`.
        section: &'static str,
        /// The column that is required.
        column: &'static str,
    },
    /// A row has more fields than its header.
    #[error("the row has {got} fields but the header has only {expected}")]
    TooManyFields {
        /// Number of header columns.
        expected: usize,
        /// Number of fields in the row.
        got: usize,
    },
    /// A project row without an id.
    #[error("a project has an empty project_id")]
    EmptyProjectId,
    /// Project ids must be unique.
    #[error("project '{0}' is listed twice")]
    DuplicateProject(String),
    /// A project id may not contain a comma (votes list ids separated by commas).
    #[error("project id '{0}' contains a comma")]
    CommaInProjectId(String),
    /// A project's cost is not an amount.
    #[error("cost of project '{id}': {error}")]
    InvalidCost {
        /// The project.
        id: String,
        /// Why the cost is not an amount.
        error: MoneyError,
    },
    /// A vote names a project that is not in PROJECTS.
    #[error("the vote of '{voter}' names project '{project}', which is not in PROJECTS")]
    UnknownProject {
        /// The voter id of the row.
        voter: String,
        /// The unknown project id.
        project: String,
    },
    /// Cumulative/scoring vote whose `vote` and `points` lists differ in length.
    #[error("the vote of '{voter}' lists {projects} projects but {points} point values")]
    PointsMismatch {
        /// The voter id of the row.
        voter: String,
        /// Number of projects in `vote`.
        projects: usize,
        /// Number of values in `points`.
        points: usize,
    },
    /// A points value is not a number.
    #[error("the vote of '{voter}' has '{value}' as points, which is not a number")]
    InvalidPoints {
        /// The voter id of the row.
        voter: String,
        /// The offending text.
        value: String,
    },
}

impl PbErrorKind {
    pub(crate) fn at(self, line: usize) -> PbError {
        PbError { line, kind: self }
    }
}
