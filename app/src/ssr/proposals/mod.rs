//! Proposals on the server: the public list with filters and search, the proposal page,
//! residents writing, submitting and withdrawing their own proposals during the proposal
//! phase, supports and comments, and staff hiding comments. Input rules are
//! `domain::round::parse_proposal`'s and `parse_comment`'s; which status and phase allow what
//! is `rules`'.

mod comments;
mod detail;
mod editor;
mod list;
mod mail;
pub(crate) mod rules;
mod save;
mod support;

pub use comments::{add_comment, hide_comment};
pub use detail::{detail, detail_of};
pub use editor::{editor, own_proposal};
pub use list::{PAGE_SIZE, list};
pub use save::{save, withdraw};
pub use support::{insert_support, support};
