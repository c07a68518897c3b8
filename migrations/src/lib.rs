//! The database schema of medborgarbudget, forward-only, for SQLite and PostgreSQL alike.
//!
//! Each migration is one file named by date and purpose; a migration that has landed is never
//! edited, a change is a new migration. The same statements run on both databases, so only
//! column types that sea-query maps portably are used (text ids and timestamps as
//! `timestamp_with_time_zone`).

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_foundation;
mod m20261123_000002_rounds_proposals;
mod m20261123_000003_voting;
mod m20261130_000004_followup;
mod m20261201_000005_participation;
mod m20261201_000006_outreach;
mod m20261201_000007_partners;
mod m20261205_000008_sealed;
mod m20261205_000009_one_person;
mod m20261205_000010_eid;
mod m20261205_000011_roll;
mod m20261206_000012_rate_limits;

/// Runs every migration in order; `Migrator::up(&db, None)` brings a database up to date.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_rounds_proposals::Migration),
            Box::new(m20261123_000003_voting::Migration),
            Box::new(m20261130_000004_followup::Migration),
            Box::new(m20261201_000005_participation::Migration),
            Box::new(m20261201_000006_outreach::Migration),
            Box::new(m20261201_000007_partners::Migration),
            Box::new(m20261205_000008_sealed::Migration),
            Box::new(m20261205_000009_one_person::Migration),
            Box::new(m20261205_000010_eid::Migration),
            Box::new(m20261205_000011_roll::Migration),
            Box::new(m20261206_000012_rate_limits::Migration),
        ]
    }
}
