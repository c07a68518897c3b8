//! `GET /rounds/{slug}/ballots.pb`: the anonymised ballots of a counted round as a Pabulib
//! file, for anyone to recount, once its result is public (or for its staff and politicians).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::view::may_see;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{round, round_result};
use crate::ssr::{auth, opendata};

/// `GET /rounds/{slug}/ballots.pb`: the anonymised ballots in Pabulib format, once the result
/// is public (or for the round's staff).
#[tracing::instrument(skip_all)]
pub async fn download(
    State(ctx): State<ServerContext>,
    Path(slug): Path<String>,
    jar: CookieJar,
) -> Response {
    let viewer = auth::viewer(&ctx, &jar).await.ok().flatten();
    let found = async {
        let Some(round) = round::Entity::find()
            .filter(round::Column::Slug.eq(&slug))
            .one(&ctx.db)
            .await?
        else {
            return Ok(None);
        };
        let result = round_result::Entity::find_by_id(round.id)
            .one(&ctx.db)
            .await?;
        Ok::<_, sea_orm::DbErr>(result.filter(|r| may_see(r, &round, viewer.as_ref())))
    }
    .await;
    match found {
        Ok(Some(result)) => {
            opendata::download(&slug, "pb", "text/plain; charset=utf-8", result.pabulib)
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, %slug, "could not load the ballots file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
