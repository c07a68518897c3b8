//! Server-only code used by the server functions: entities, sessions, login links and the
//! mail outbox. Compiled with the `ssr` feature only, so none of it reaches the browser.

pub mod access;
pub mod account_fold;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod baseline;
pub mod context;
pub mod decisions;
pub mod digest;
pub mod display;
pub mod eid;
pub mod entity;
pub mod form_flash;
pub mod images;
pub mod keys;
pub mod kiosk;
pub mod kiosk_session;
pub mod links;
pub mod login_link;
pub mod mail;
pub mod mail_status;
pub mod notify;
pub mod opendata;
pub mod outbox;
pub mod paper;
pub mod participation;
pub mod partners;
pub mod proposals;
pub mod results;
pub mod review;
pub mod rounds;
pub mod subscriptions;
pub mod update_photos;
pub mod updates;
pub mod voting;
