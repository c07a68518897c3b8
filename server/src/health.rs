//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use axum::extract::State;
use axum::http::StatusCode;

use app::ssr::context::ServerContext;

/// The health check for load balancers and monitoring.
pub async fn healthz(State(ctx): State<ServerContext>) -> (StatusCode, &'static str) {
    match ctx.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(error = %err, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
