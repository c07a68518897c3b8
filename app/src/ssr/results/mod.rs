//! Results: counted when voting closes, from exactly the anonymised ballots that anyone can
//! download as a Pabulib file and recount; stored with the explanation per project; public
//! once staff publish them. The counting is the domain's (`domain::tally`).

mod count;
mod download;
mod mail;
mod publish;
mod report;
mod view;

pub use count::{compute, election_file, recheck_channels};
pub use download::download;
pub use publish::publish;
pub(crate) use view::funded_by_vote;
pub use view::{counted_projects, result_view, view};
