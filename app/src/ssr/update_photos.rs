//! Photos on implementation updates: the nämnd's staff add one to an update they posted (a
//! plain multipart form under the update on the project's page, so it works without
//! JavaScript) with a required description of what it shows; anyone may see it where they may
//! see the project. Checking and serving images is `images`'s.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use domain::{Code, FieldIssue, Phase};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};

use super::audit;
use super::context::ServerContext;
use super::entity::{decision, implementation_update, round};
use super::images::{image_response, read_form};
use super::updates::updatable;
use crate::error::AppError;
use crate::model::SessionUser;

/// An update and its round.
async fn load(
    ctx: &ServerContext,
    id: i64,
) -> Result<Option<(implementation_update::Model, round::Model)>, sea_orm::DbErr> {
    let Some(update) = implementation_update::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
    else {
        return Ok(None);
    };
    Ok(round::Entity::find_by_id(update.round_id)
        .one(&ctx.db)
        .await?
        .map(|round| (update, round)))
}

async fn viewer(ctx: &ServerContext, jar: &CookieJar) -> Result<Option<SessionUser>, Response> {
    super::auth::viewer(ctx, jar)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// `POST /updates/{id}/image`: stores the photo and its description and goes back to the
/// update on the project's page, with `?photo=saved&photo_for=<id>` or, keeping the typed description,
/// `?photo_for=<id>&image_error=<code>&description_error=<code>&description=…`.
#[tracing::instrument(skip_all)]
pub async fn upload(
    State(ctx): State<ServerContext>,
    Path(id): Path<i64>,
    jar: CookieJar,
    mut multipart: Multipart,
) -> Response {
    let (user, update, round) = match photo_target(&ctx, &jar, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut form = read_form(&mut multipart, "update", id).await;
    let locale = form.locale;
    let page = crate::paths::proposal(&round.slug, update.proposal_id);
    let back = |query: String| {
        let path = page
            .clone()
            .encoded_query(&query)
            .fragment(&format!("update-{id}"));
        Redirect::to(&crate::locale::href(locale, &path)).into_response()
    };
    let typed = form.text("description").to_owned();
    let description = domain::followup::parse_photo_description(&typed);
    let (picture, description) = match (form.cleaned_image().await, description) {
        (Ok(picture), Ok(description)) => (picture, description),
        (image, description) => {
            return back(refusal_query(id, image.err(), description.err(), &typed));
        }
    };
    match store_photo(&ctx, &user, &round, update, picture, description).await {
        Ok(()) => back(format!("photo=saved&photo_for={id}")),
        Err(err) => {
            tracing::error!(error = %err, update = id, "could not store update photo");
            back(format!("photo_for={id}&image_error=internal"))
        }
    }
}

/// The signed-in user and the update `id` with its round, when they may add a photo to it:
/// staff of the round's nämnd, on an approved project. Otherwise the answer: the login page,
/// 404, 403 or 500.
async fn photo_target(
    ctx: &ServerContext,
    jar: &CookieJar,
    id: i64,
) -> Result<(SessionUser, implementation_update::Model, round::Model), Response> {
    let Some(user) = viewer(ctx, jar).await? else {
        return Err(Redirect::to(&crate::paths::login()).into_response());
    };
    let (update, round) = match load(ctx, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(err) => {
            tracing::error!(error = %err, update = id, "could not load update for photo");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    if !user.manages(round.namnd_id) {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    let decided = decision::Entity::find()
        .filter(decision::Column::ProposalId.eq(update.proposal_id))
        .one(&ctx.db)
        .await;
    match decided {
        Ok(decided) if updatable(round.phase(), decided.as_ref()) => Ok((user, update, round)),
        Ok(_) => Err(StatusCode::FORBIDDEN.into_response()),
        Err(err) => {
            tracing::error!(error = %err, update = id, "could not load decision for photo");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

/// The query that sends a refused photo back: what was wrong with the image and the
/// description, and the typed description.
fn refusal_query(
    id: i64,
    image: Option<Code>,
    description: Option<Vec<FieldIssue>>,
    typed: &str,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("photo_for", &id.to_string());
    if let Some(code) = image {
        query.append_pair("image_error", code.as_str());
    }
    if let Some(issues) = description {
        query.append_pair("description_error", issues[0].code.as_str());
    }
    query.append_pair("description", typed);
    query.finish()
}

/// Stores the photo and its description on the update, and audits it.
async fn store_photo(
    ctx: &ServerContext,
    user: &SessionUser,
    round: &round::Model,
    update: implementation_update::Model,
    picture: super::image_clean::Cleaned,
    description: String,
) -> Result<(), AppError> {
    let id = update.id;
    let mut row = update.into_active_model();
    row.image = Set(Some(picture.bytes));
    row.image_type = Set(Some(picture.content_type.to_owned()));
    row.image_alt = Set(Some(description));
    let row = row.update(&ctx.db).await?;
    audit::record(
        &ctx.db,
        Some(user.id),
        Some(round.id),
        "implementation.photo",
        format!("update:{id}"),
        format!("proposal:{}", row.proposal_id),
    )
    .await
}

/// `GET /updates/{id}/image`: the photo of an update, public once the round is.
#[tracing::instrument(skip_all)]
pub async fn serve(
    State(ctx): State<ServerContext>,
    Path(id): Path<i64>,
    jar: CookieJar,
) -> Response {
    let (update, round) = match load(&ctx, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, update = id, "could not load update photo");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let public = round.phase() != Phase::Draft;
    if !public {
        match viewer(&ctx, &jar).await {
            Ok(Some(v)) if v.manages(round.namnd_id) => {}
            Ok(_) => return StatusCode::NOT_FOUND.into_response(),
            Err(response) => return response,
        }
    }
    match (update.image, update.image_type) {
        (Some(data), Some(content_type)) => image_response(&content_type, public, data),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
