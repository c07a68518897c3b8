//! The axum server of medborgarbudget: configuration, database, sessions from login links,
//! security headers, the mail outbox worker and the command-line interface.
//!
//! A library so the integration tests can build the same router the binary serves.

pub mod admin;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod form_flash;
pub mod health;
pub mod mailer;
pub mod phase_clock;
pub mod security;
pub mod startup;
pub mod telemetry;
