//! The result of a round as stored and shown: per project its votes, funded or not, and why.

use serde::{Deserialize, Serialize};

/// Why a project was or was not funded, in whole kronor where money is involved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Why {
    /// Funded at this step of the count; `completion` when in the step that spends what the
    /// proportional rule left.
    Funded { step: u32, completion: bool },
    /// Not funded: what was left of the budget when its turn came was less than its cost.
    DoesNotFit { remaining: i64 },
    /// Not funded (Equal Shares): its supporters' remaining shares did not cover its cost.
    SupportersLackMoney { money: i64 },
    /// Not funded: nobody voted for it.
    NoVotes,
    /// Not funded: it costs more than the whole budget.
    CostExceedsBudget,
    /// Not funded: the count stopped before its turn.
    CountStopped,
    /// Not funded: the round's budget is split per area and its area has no money.
    OutsideAreas,
}

/// One project's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectResult {
    pub id: i64,
    pub title: String,
    pub cost: i64,
    pub votes: u64,
    /// Points (cumulative ballots), rounded.
    pub points: Option<i64>,
    pub funded: bool,
    pub why: Why,
    /// The area whose budget it competed for, when the budget is split per area.
    #[serde(default)]
    pub area_id: Option<i64>,
    /// The politicians' decision, once recorded (filled in when shown, never stored here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<super::followup::DecisionView>,
}

/// One area's part of a result, when the budget is split per area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaResult {
    pub area_id: i64,
    /// The area's name (filled in when shown).
    #[serde(default)]
    pub name: String,
    pub budget: i64,
    pub cost: i64,
    /// Voters who chose at least one project of the area.
    pub voters: u64,
}

/// A round's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundResultView {
    pub slug: String,
    pub round_title: String,
    /// The counting rule (`greedy`, `mes`, `phragmen`), as in the round's settings.
    pub rule: domain::round::CountingRule,
    pub voters: u64,
    pub budget: i64,
    pub cost: i64,
    pub projects: Vec<ProjectResult>,
    /// Per area, when the budget is split per area (empty otherwise).
    pub areas: Vec<AreaResult>,
    /// Ballots per channel against the register at the close.
    pub channels: Vec<domain::channels::ChannelCount>,
    pub published: bool,
    /// Whether the viewer may publish it (staff of the round's nämnd).
    pub viewer_manages: bool,
}
