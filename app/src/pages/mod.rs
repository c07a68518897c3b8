//! One file per page.

pub mod accessibility;
pub mod admin_accounts;
pub mod dev_mail;
pub mod home;
pub mod login;
pub mod not_found;
pub mod proposal;
pub mod proposal_form;
pub mod proposals;
pub mod results;
pub mod review;
pub mod round;
pub mod round_form;
pub mod staff;
pub mod staff_ballots;
pub mod vote;
