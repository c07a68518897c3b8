//! Implementation follow-up (DESIGN.md, step 8): staff of the nämnd post dated updates on an
//! approved project (status, percent, text), each shown on the project's public timeline and
//! mailed to everyone concerned (who can opt out per project); and the overview of every
//! project of every round with where it stands. Rules are `domain::followup::parse_update`'s
//! and `domain::phase_rules::updates_open`.

mod follow_up;
mod mail;
mod overview;
mod save;

pub use follow_up::follow_up;
pub(crate) use follow_up::updatable;
pub use overview::overview;
pub use save::save;
