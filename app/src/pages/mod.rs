//! One file per page.

pub mod accessibility;
pub mod admin_accounts;
pub mod decision;
pub mod dev_mail;
pub mod display;
pub mod follow_up;
pub mod home;
pub mod kiosk;
pub mod login;
pub mod mail_links;
pub mod not_found;
pub mod participation;
pub mod politics;
pub mod projects;
pub mod proposal;
pub mod proposal_form;
pub mod proposals;
pub mod questions;
pub mod results;
pub mod review;
pub mod round;
pub mod round_form;
pub mod staff;
pub mod staff_ballots;
pub mod staff_mail;
pub mod vote;
