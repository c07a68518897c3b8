//! The contents of a Pabulib `.pb` file as plain data: what the reader returns
//! and what the writer takes, so that a round can be exported and anyone can
//! recount it with pabutools.

use num_rational::Rational64;

use crate::money::Money;

/// How voters filled in their ballots (META `vote_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteType {
    /// A set of approved projects (`approval`, also `choose-1`).
    Approval,
    /// Points spread over projects (`cumulative`).
    Cumulative,
    /// A score per project (`scoring`).
    Scoring,
    /// A ranking, most preferred first (`ordinal`).
    Ordinal,
}

impl VoteType {
    /// Reads a META `vote_type` value.
    pub fn from_meta(value: &str) -> Option<Self> {
        match value.trim() {
            "approval" | "choose-1" => Some(VoteType::Approval),
            "cumulative" => Some(VoteType::Cumulative),
            "scoring" => Some(VoteType::Scoring),
            "ordinal" => Some(VoteType::Ordinal),
            _ => None,
        }
    }

    /// The META `vote_type` value.
    pub fn as_meta(self) -> &'static str {
        match self {
            VoteType::Approval => "approval",
            VoteType::Cumulative => "cumulative",
            VoteType::Scoring => "scoring",
            VoteType::Ordinal => "ordinal",
        }
    }

    /// True when votes carry a `points` list that matters for counting.
    pub fn has_points(self) -> bool {
        matches!(self, VoteType::Cumulative | VoteType::Scoring)
    }
}

/// One row of the PROJECTS section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbProject {
    /// `project_id` (the first column); ties are broken on this text.
    pub id: String,
    /// `cost`.
    pub cost: Money,
    /// The other columns, aligned with [`PbFile::project_columns`]; `None` where the file says `None`.
    pub fields: Vec<Option<String>>,
}

/// One row of the VOTES section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbVote {
    /// `voter_id`.
    pub voter_id: String,
    /// `vote`: indices into [`PbFile::projects`], in the order written (the ranking for ordinal votes).
    pub projects: Vec<u32>,
    /// `points`, for cumulative and scoring votes (aligned with `projects`).
    pub points: Option<Vec<Rational64>>,
    /// The other columns, aligned with [`PbFile::vote_columns`].
    pub fields: Vec<Option<String>>,
}

/// A whole Pabulib file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbFile {
    /// META rows in file order (`budget` and `vote_type` included).
    pub meta: Vec<(String, String)>,
    /// The budget (META `budget`).
    pub budget: Money,
    /// The ballot format (META `vote_type`).
    pub vote_type: VoteType,
    /// PROJECTS columns other than `project_id` and `cost`.
    pub project_columns: Vec<String>,
    /// The projects in file order.
    pub projects: Vec<PbProject>,
    /// VOTES columns other than `voter_id`, `vote` and (for point ballots) `points`.
    pub vote_columns: Vec<String>,
    /// The votes in file order.
    pub votes: Vec<PbVote>,
}

impl PbFile {
    /// The META value for `key`.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of project column `column` for `project`.
    pub fn project_field(&self, project: &PbProject, column: &str) -> Option<String> {
        let index = self.project_columns.iter().position(|c| c == column)?;
        project.fields.get(index).cloned().flatten()
    }

    /// The project's `name` column, if the file has one.
    pub fn project_name(&self, project: &PbProject) -> Option<String> {
        self.project_field(project, "name")
    }
}
