//! # domain — the pure core of medborgarbudget
//!
//! Everything about a participatory-budgeting round that is true regardless
//! of web pages, databases or mail: the [`phase`]s of a round, the forms of a
//! round parsed into typed values ([`round`]), what follows the vote —
//! decisions, implementation updates and email subscriptions
//! ([`followup`]) —, equal participation — the voluntary questions, the
//! population baseline, representativeness and small-count suppression
//! ([`participation`]) —, [`email`] addresses, [`ballot`]
//! formats and their validation, [`money`], Pabulib
//! files ([`pabulib`]) and the counting rules ([`count`], [`tally`]). No IO, no
//! async, no framework types; it compiles for `wasm32-unknown-unknown`, so the
//! browser, the server and the CLI count identically.
//!
//! ```
//! use domain::tally::{tally, Completion, Reason, Rule, TallyOptions};
//!
//! let pb = "META\nkey;value\nbudget;100\nvote_type;approval\n\
//!           PROJECTS\nproject_id;cost;name\n1;60;Park\n2;50;Bench\n3;40;Lights\n\
//!           VOTES\nvoter_id;vote\na;1,3\nb;1\nc;2,3\n";
//! let report = tally(pb, &TallyOptions::new(Rule::Greedy)).unwrap();
//! assert_eq!(report.selected, ["1", "3"]);
//! assert!(matches!(report.projects[1].reason, Reason::DoesNotFit { .. }));
//!
//! let mes = TallyOptions::new(Rule::Mes).with_completion(Completion::Add1Greedy);
//! println!("{}", tally(pb, &mes).unwrap().render_text());
//! ```
//!
//! ## Counting exactly like pabutools
//!
//! Results must equal those of the reference library pabutools 1.2.3 on real
//! Pabulib data, which computes with exact fractions (`gmpy2.mpq`): a tie
//! between two projects is a tie only if it is exact, and is then broken on
//! the project id compared as text. So every decision here is exact:
//!
//! * Amounts ([`money::Money`]) are exact rationals (`num-rational`'s
//!   `BigRational`): a budget of `969245.38` is `48462269/50`, not a float.
//! * Greedy and Phragmén compare exact rationals (Phragmén picks its
//!   front-runners in `f64` and settles close ones exactly).
//! * Equal Shares keeps every voter's remaining money as an `f64` with a
//!   proven error bound and tries each decision with proven `f64` bounds;
//!   close calls, and the price of every funded project, are computed in
//!   `BigRational` from integer counts, so the exact values never depend on
//!   the floats. `i128` fractions are not enough: the denominators grow with
//!   every funded project (see `count::mes`).
//! * Equal Shares' add-one completion proves which budgets give the same
//!   result instead of recounting at every krona, with the same answer.

pub mod account_fold;
pub mod ballot;
pub mod channels;
pub mod client_address;
mod code;
pub mod count;
pub mod eid_link;
pub mod electoral_roll;
pub mod email;
pub mod followup;
mod fxhash;
pub mod id_document;
pub mod identity_number;
mod issue;
pub mod kiosk;
pub mod money;
pub mod pabulib;
pub mod paper;
pub mod participation;
pub mod phase;
pub mod phase_rules;
pub mod round;
pub mod spreadsheet;
pub mod synth;
pub mod tally;
pub mod voting;
pub mod voting_rules;

pub use code::Code;
pub use email::{Email, EmailError};
pub use issue::FieldIssue;
pub use money::{Money, MoneyError};
pub use phase::Phase;
