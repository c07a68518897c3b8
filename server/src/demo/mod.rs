//! The demo municipality: nämnder, areas, people and four rounds in different phases, so a
//! newcomer sees a living platform at once. What it holds is data, `exempelkommun.toml`; this
//! module loads it through the same `app::ssr` services a person's request calls (current
//! user → context → service), so the demo obeys every rule they enforce and every figure its
//! pages show is counted from what was loaded. Two things no service does are done here, each
//! in one place: moving the stamps of past events back to their days (`history`), and
//! discarding the mail the services queued while loading ([`forget_mail`]).
//!
//! Loaded only into a database without rounds, so loading twice changes nothing. The load is
//! not one transaction (each service commits its own, as requests do): if it fails halfway,
//! start again from an empty database.

mod context;
mod data;
mod followup;
mod history;
mod municipality;
mod proposals;
mod round;
mod voting;

use std::sync::Arc;

use anyhow::Context as _;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use app::ssr::entity::{digest_item, outbox};
use app::ssr::keys::Keys as ServerKeys;

/// Loads the demo data unless the database already has rounds, sealing and linking ballots
/// with `keys` (the server's). Returns whether it loaded.
pub async fn load_if_empty(db: &DatabaseConnection, keys: Arc<ServerKeys>) -> anyhow::Result<bool> {
    if app::ssr::entity::round::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let data = data::municipality()?;
    let mut demo = context::Demo::new(db, keys);
    municipality::set_up(&mut demo, &data)
        .await
        .context("setting up the demo municipality")?;
    let mut rounds = Vec::new();
    for r in &data.rounds {
        let id = round::load(&mut demo, r, &data.baselines)
            .await
            .with_context(|| format!("loading the demo round {}", r.slug))?;
        rounds.push(id);
    }
    forget_mail(db, &rounds).await?;
    tracing::info!(rounds = rounds.len(), "demo data loaded");
    Ok(true)
}

/// The demo's history is loaded, not lived: nobody is mailed about it. Every mail the
/// services queued while loading (receipts, "voting has opened", results, decisions, updates,
/// participation alerts) is about one of its rounds; it is removed before the mail worker
/// starts.
async fn forget_mail(db: &DatabaseConnection, rounds: &[i64]) -> anyhow::Result<()> {
    let queued: Vec<i64> = outbox::Entity::find()
        .filter(outbox::Column::RoundId.is_in(rounds.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    for chunk in queued.chunks(500) {
        digest_item::Entity::delete_many()
            .filter(digest_item::Column::OutboxId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
        outbox::Entity::delete_many()
            .filter(outbox::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}
