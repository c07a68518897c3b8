//! Voting on the server: the ballot page, casting and changing a ballot, the receipt. The
//! ballot box and the voter register are kept apart: a ballot is found again only through
//! `voter_link`, an HMAC of (account, round) under a server key, and the register holds who
//! voted, not what; the ballot itself is sealed (see `ballot_box`). One person, one ballot is the database's unique keys, so two casts at once
//! still leave one ballot. Ballot rules are `domain::voting`'s and `domain::voting_rules`'.

mod access;
mod ballot_box;
mod cast;
mod mail;
mod page;
mod profile;
mod receipt;

pub use access::roll_check;
pub use ballot_box::{
    Boxed, ballot_count, open as open_ballot, opened_ballots, seal_plain_ballots,
};
pub(crate) use ballot_box::{checked_ballot, relink_ballot, store_ballot};
pub use cast::{AssistedPerson, assist, cast};
pub use page::{ballot_page, staff_ballot};
pub use profile::save_profile;
pub use receipt::receipt;
