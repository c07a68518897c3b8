//! A person's own data (GDPR articles 15, 17 and 20): everything stored about them as one JSON
//! file, and erasing their account.
//!
//! Erasing keeps the account row as an empty shell (its address replaced by one nobody can
//! receive mail at, every personal field emptied, every session ended) rather than deleting it:
//! the voter register's rows stay pointing at it, so the ballot box still matches the register
//! and the ballots, which hold no identity, stay counted; submitted proposals keep their author id
//! and are shown without a name. Comments, supports, subscriptions, mail, drafts, login links and
//! the marker of answered questions go. Refused while a vote the person took part in is open (a
//! new account with the same address would be a new voter, and the old ballot would still be in
//! the box), and for accounts with a role (an administrator makes them residents first).

mod erase;
mod export;

pub use erase::{erase, erased_address};
pub use export::{Export, download, export};
