//! Rate limits counted in the database, so every instance behind one proxy counts the same
//! requests and a restart forgets nothing: a fixed window per limit and key, one row each,
//! incremented atomically (an upsert). What is counted is stored as a keyed pseudonym, never as
//! the address itself; rows are deleted once their window has passed ([`purge`]).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entity::rate_counter;
use super::keys::IdentityKey;

/// A limit: at most `max` hits per `window` for one key.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// Names the limit in the counter's key, so two limits never share a count.
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
}

/// Counts one hit of `key` under `limit` at `now`; whether it is within the limit.
pub async fn hit<C: ConnectionTrait>(
    db: &C,
    pseudonyms: &IdentityKey,
    limit: Limit,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, sea_orm::DbErr> {
    let seconds = Ord::max(limit.window.num_seconds(), 1);
    let window = now.timestamp().div_euclid(seconds);
    let bucket = format!(
        "{}:{}:{window}",
        limit.name,
        pseudonyms.pseudonym(limit.name, key)
    );
    let expires_at = DateTime::from_timestamp((window + 1) * seconds, 0).unwrap_or(now);
    rate_counter::Entity::insert(rate_counter::ActiveModel {
        bucket: Set(bucket.clone()),
        hits: Set(1),
        expires_at: Set(expires_at),
    })
    .on_conflict(
        OnConflict::column(rate_counter::Column::Bucket)
            .value(
                rate_counter::Column::Hits,
                Expr::col((rate_counter::Entity, rate_counter::Column::Hits)).add(1),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let hits = rate_counter::Entity::find_by_id(bucket)
        .one(db)
        .await?
        .map_or(1, |row| row.hits);
    Ok(hits <= i64::from(limit.max))
}

/// Deletes the counters whose window has passed; how many.
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, sea_orm::DbErr> {
    Ok(rate_counter::Entity::delete_many()
        .filter(rate_counter::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// The address of the client of the current request: from the trusted proxy's header when one
/// is configured and present, else the socket's. `None` outside a request.
pub async fn client_address(ctx: &super::context::ServerContext) -> Option<std::net::IpAddr> {
    if let Some(name) = &ctx.settings.client_address_header
        && let Ok(headers) = leptos_axum::extract::<http::HeaderMap>().await
        && let Some(ip) = headers
            .get_all(name.as_str())
            .iter()
            .filter_map(|v| v.to_str().ok())
            .last()
            .and_then(domain::client_address::from_proxy_header)
    {
        return Some(ip);
    }
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|info| info.0.ip())
}
