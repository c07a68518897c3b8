//! Black-box tests of the running server: a real server on 127.0.0.1:0 with a fresh database
//! (SQLite and PostgreSQL), driven over HTTP exactly as a browser without JavaScript drives it.

mod fingerprint;
mod fixtures;
mod helpers;
mod oidc;
mod smtp_sink;

mod admin;
mod auth;
mod authorization;
mod demo;
mod eid;
mod followup;
mod fuzz;
mod health;
mod instances;
mod kiosk;
mod mail;
mod one_person;
mod pages;
mod participation;
mod partners;
mod personal_data;
mod proposals;
mod roll;
mod rounds;
mod secrecy;
mod security;
mod tally;
mod voting;
