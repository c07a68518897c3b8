//! Staff review of proposals: the criteria checklist, feasible or not with a public reason,
//! the staff's cost estimate (the cost used in voting), an internal note, merging duplicates,
//! and the mail that tells the proposer the outcome. Rules are `domain::round::parse_review`'s,
//! `domain::phase_rules::review_open` and the status rules of `proposals::rules`.

mod editor;
mod mail;
mod merge;
mod save;

pub use editor::editor;
pub use merge::merge;
pub use save::save;
