//! Rounds on the server: reading them for the public pages, staff creating and configuring
//! them, and moving them through their phases, by staff or when a date is reached. The rules
//! (what a valid configuration is, which move is allowed) are `domain::round`'s; this module
//! loads, authorizes and stores.

mod edit;
mod phase;
mod read;

pub use edit::{PostedRound, editor, save};
pub use phase::{advance_by_date, move_phase, phase_facts};
pub use read::{public_rounds, round_view, staff_rounds};
