//! Moves rounds to their next phase when the day in their timeline comes (as far as the
//! rules allow: a round with unreviewed proposals does not start voting by itself), and
//! deletes rate-limit counters whose window has passed. Checks once a minute; several instances may run it, since each move only applies to a round that
//! is still in the phase it was read in.

use std::time::Duration;

use app::ssr::context::ServerContext;

/// How often rounds are checked.
const PERIOD: Duration = Duration::from_secs(60);

/// Runs until the task is aborted.
pub async fn run(ctx: ServerContext) {
    let mut ticks = tokio::time::interval(PERIOD);
    loop {
        ticks.tick().await;
        let today = chrono::Utc::now().date_naive();
        match app::ssr::rounds::advance_by_date(&ctx, today).await {
            Ok(0) => {}
            Ok(moved) => tracing::info!(moved, "rounds moved by date"),
            Err(err) => tracing::warn!(error = %err, "could not move rounds by date"),
        }
        if let Err(err) = app::ssr::rate_limit::purge(&ctx.db, chrono::Utc::now()).await {
            tracing::warn!(error = %err, "could not delete passed rate-limit counters");
        }
    }
}
