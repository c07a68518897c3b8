//! sea-orm entities: one file per table, mirroring the `migration` crate's schema.
//! Only server code sees these; pages get view types from the server functions.

pub mod account;
pub mod area;
pub mod audit_event;
pub mod ballot;
pub mod comment;
pub mod decision;
pub mod digest_item;
pub mod electoral_roll;
pub mod implementation_update;
pub mod kiosk;
pub mod login_token;
pub mod mail_opt_out;
pub mod mail_preference;
pub mod namnd;
pub mod outbox;
pub mod outreach_action;
pub mod paper_entry;
pub mod paper_roll;
pub mod participation_alert;
pub mod participation_marker;
pub mod population_baseline;
pub mod proposal;
pub mod proposal_image;
pub mod proposal_support;
pub mod rate_counter;
pub mod round;
pub mod round_phase_change;
pub mod round_result;
pub mod sealed_answer;
pub mod subscription;
pub mod voter_register;
