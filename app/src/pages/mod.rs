//! One file per page.

pub mod accessibility;
pub mod admin_accounts;
pub mod dev_mail;
pub mod home;
pub mod login;
pub mod not_found;
