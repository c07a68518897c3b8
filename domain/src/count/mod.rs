//! Counting rules: greedy by votes, greedy per krona, the Method of Equal
//! Shares (with completions) and sequential Phragmén — each reproducing
//! pabutools 1.2.3 exactly, ties broken on the project id as text.

mod builder;
mod greedy;
mod grouping;
mod mes;
mod outcome;
mod phragmen;
mod profile;
mod rule;
mod satisfaction;
mod tie;

pub(crate) use builder::ProfileBuilder;
pub use greedy::greedy;
pub use mes::{Completion, ParseCompletionError, PointsTooFine};
pub use outcome::{Outcome, Reason, Stage};
pub use phragmen::sequential_phragmen;
pub use profile::{Entry, Group, Profile};
pub use rule::{CountError, ParseRuleError, Rule, count};
pub use satisfaction::{ParseSatisfactionError, Satisfaction};
pub use tie::TieBreak;
