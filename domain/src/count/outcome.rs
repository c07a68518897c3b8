//! The result of a counting rule: which projects were funded, in which order,
//! and for every project the reason why it was or was not funded — the
//! explanation the app translates ("funded because…", "not funded because…").

use serde::Serialize;

/// Which part of the count funded a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Greedy by votes (or by votes per krona).
    Greedy,
    /// The Method of Equal Shares.
    EqualShares,
    /// Sequential Phragmén.
    Phragmen,
    /// The greedy step that spends what Equal Shares left over.
    GreedyCompletion,
}

/// Why a project was or was not funded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Funded at `step` (1 = first; 0 = free projects funded up front) by `stage`.
    Funded {
        /// Order in which it was funded.
        step: u32,
        /// The part of the count that funded it.
        stage: Stage,
    },
    /// When its turn came, less money was left than it costs.
    DoesNotFit {
        /// Money left at that moment.
        remaining_budget: f64,
    },
    /// Equal Shares: its supporters' remaining shares together did not cover the cost.
    SupportersLackMoney {
        /// What its supporters had left, together (in the rule's own per-voter money).
        supporters_money: f64,
    },
    /// Nobody voted for it.
    NoVotes,
    /// It costs more than the whole budget.
    CostExceedsBudget {
        /// The budget.
        budget: f64,
    },
    /// Phragmén stopped (the next project in line did not fit) before its turn.
    CountStoppedBefore,
}

/// Funded projects (in funding order) and a reason per project.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Project indices in the order they were funded.
    pub selected: Vec<u32>,
    /// One reason per project (indexed like the profile's projects).
    pub reasons: Vec<Reason>,
}

impl Outcome {
    /// An outcome where nothing has been decided yet (`reasons` say "no votes" until set).
    pub(crate) fn empty(projects: usize) -> Outcome {
        Outcome {
            selected: Vec::new(),
            reasons: vec![Reason::NoVotes; projects],
        }
    }

    /// Marks `project` as funded next.
    pub(crate) fn fund(&mut self, project: u32, stage: Stage) {
        self.selected.push(project);
        let step = self.selected.len() as u32;
        self.reasons[project as usize] = Reason::Funded { step, stage };
    }

    /// True when `project` is funded.
    pub fn is_selected(&self, project: u32) -> bool {
        matches!(self.reasons[project as usize], Reason::Funded { .. })
    }
}
