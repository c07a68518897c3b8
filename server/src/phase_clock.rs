//! The clock of time-based work. Each minute: moves rounds to their next phase when the day in
//! their timeline comes (as far as the rules allow: a round with unreviewed proposals does not
//! start voting by itself) and deletes rate-limit counters whose window has passed. Each hour:
//! deletes what the retention schedule says is past its time (`app::ssr::retention`). Several
//! instances may run it: each move only applies to a round that is still in the phase it was
//! read in, and deleting twice deletes nothing more.

use std::time::Duration;

use app::ssr::context::ServerContext;

/// How often rounds are checked.
const PERIOD: Duration = Duration::from_secs(60);
/// Every how many periods the retention purge runs.
const RETENTION_EVERY: u32 = 60;

/// Runs until the task is aborted.
pub async fn run(ctx: ServerContext) {
    let mut ticks = tokio::time::interval(PERIOD);
    let mut tick: u32 = 0;
    loop {
        ticks.tick().await;
        let now = chrono::Utc::now();
        match app::ssr::rounds::advance_by_date(&ctx, now.date_naive()).await {
            Ok(0) => {}
            Ok(moved) => tracing::info!(moved, "rounds moved by date"),
            Err(err) => tracing::warn!(error = %err, "could not move rounds by date"),
        }
        if let Err(err) = app::ssr::rate_limit::purge(&ctx.db, now).await {
            tracing::warn!(error = %err, "could not delete passed rate-limit counters");
        }
        if tick % RETENTION_EVERY == 0 {
            match app::ssr::retention::purge(&ctx.db, now).await {
                Ok(purged) if purged.total() == 0 => {}
                Ok(purged) => tracing::info!(?purged, "retention: old data deleted"),
                Err(err) => tracing::warn!(error = %err, "retention purge failed"),
            }
        }
        tick = tick.wrapping_add(1);
    }
}
