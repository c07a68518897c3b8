//! Equal participation on the server (issue #7): participants answer the voluntary questions
//! once per round (the answers are stored with a random key and the day only; a marker says
//! that the person answered, not what), staff import the round's population baseline, the
//! dashboard shows participants against it per group with intervals and small counts
//! suppressed, and the round's staff are mailed once when a group falls under the threshold.
//! The statistics are `domain::participation`'s.

mod alerts;
mod answer_box;
mod answers;
mod dashboard;
mod evaluation;
mod figures;
mod mail;

pub(crate) use alerts::notify_new_flags;
pub use answer_box::{backdate_answers, opened_answers, seal_plain_answers};
pub use answers::{answer, answered};
pub use dashboard::{dashboard, record_outreach};
pub use evaluation::{evaluation, evaluation_csv};
pub(crate) use figures::keyed;
pub use figures::options;
