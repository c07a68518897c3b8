//! Proposal images: upload by the proposal's author (a plain multipart form, so it works
//! without JavaScript) and serving with the right headers. The file's type is read from its
//! bytes, never from its name; images live in the database so every server instance has them.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::Code;
use domain::Phase;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};

use super::access::with_round;
use super::context::ServerContext;
use super::entity::{proposal, proposal_image, round};
use super::image_clean;
use super::proposals::rules::author_may_change;
use crate::i18n::Locale;

/// Largest image accepted.
pub const IMAGE_MAX_BYTES: usize = 5 * 1024 * 1024;
/// Largest upload request read at all; the route's body limit. Up to this size a too-large
/// image is read to its end (and thrown away) so the browser gets the answer with a clear
/// message; a browser cut off mid-upload shows a connection error instead.
pub const UPLOAD_LIMIT_BYTES: usize = 64 * 1024 * 1024;
/// At most this many pictures are decoded at once (each may take up to
/// [`image_clean::MAX_DECODE_BYTES`] of memory and a core for a moment).
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// The picture as it is stored (decoded and written anew, see [`image_clean`]), or why it
/// was refused.
async fn cleaned(bytes: Vec<u8>) -> Result<image_clean::Cleaned, Code> {
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(Code::ImageTooLarge);
    }
    let _permit = DECODING.acquire().await.map_err(|_| Code::Internal)?;
    tokio::task::spawn_blocking(move || image_clean::clean(&bytes))
        .await
        .unwrap_or_else(|err| {
            tracing::error!(error = %err, "decoding an uploaded picture failed");
            Err(Code::Internal)
        })
}

/// `POST /proposals/{id}/image`: stores the author's image and goes back to the edit page,
/// with `?image=saved` or `?image_error=<code>`.
#[tracing::instrument(skip_all)]
pub async fn upload(
    State(ctx): State<ServerContext>,
    Path(id): Path<i64>,
    jar: CookieJar,
    mut multipart: Multipart,
) -> Response {
    let (row, round) = match own_proposal(&ctx, &jar, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut form = read_form(&mut multipart, "proposal", id).await;
    let locale = form.locale;
    let back = |query: &str| {
        let path = crate::paths::edit_proposal(&round.slug, id).encoded_query(query);
        Redirect::to(&crate::locale::href(locale, &path)).into_response()
    };
    if !author_may_change(round.phase(), row.status()) {
        return back("image_error=proposal_locked");
    }
    let picture = match form.cleaned_image().await {
        Ok(picture) => picture,
        Err(code) => return back(&format!("image_error={code}")),
    };
    match store(&ctx, id, picture).await {
        Ok(_) => back("image=saved"),
        Err(err) => {
            tracing::error!(error = %err, proposal = id, "could not store image");
            back("image_error=internal")
        }
    }
}

/// The proposal `id` with its round, when the signed-in user is its author; otherwise the
/// answer: the login page, 404, 403 or 500.
async fn own_proposal(
    ctx: &ServerContext,
    jar: &CookieJar,
    id: i64,
) -> Result<(proposal::Model, round::Model), Response> {
    let user = match super::auth::viewer(ctx, jar).await {
        Ok(user) => user,
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
    let Some(user) = user else {
        return Err(Redirect::to(&crate::paths::login()).into_response());
    };
    let (row, round) = match with_round(&ctx.db, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(err) => {
            tracing::error!(error = %err, proposal = id, "could not load proposal for image");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    if row.author_id != user.id {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    Ok((row, round))
}

/// Stores (or replaces) the image of proposal `id`.
async fn store(
    ctx: &ServerContext,
    id: i64,
    picture: image_clean::Cleaned,
) -> Result<(), sea_orm::DbErr> {
    let stored = proposal_image::ActiveModel {
        proposal_id: Set(id),
        content_type: Set(picture.content_type.to_owned()),
        data: Set(picture.bytes),
        created_at: Set(Utc::now()),
    };
    proposal_image::Entity::insert(stored)
        .on_conflict(
            OnConflict::column(proposal_image::Column::ProposalId)
                .update_columns([
                    proposal_image::Column::ContentType,
                    proposal_image::Column::Data,
                    proposal_image::Column::CreatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&ctx.db)
        .await?;
    Ok(())
}

/// A multipart form with one image (field `image`), the page's `locale` and short text fields.
pub struct UploadForm {
    pub locale: Locale,
    image: Result<Vec<u8>, Code>,
    texts: Vec<(String, String)>,
}

impl UploadForm {
    /// The image as it is stored (metadata removed, turned and scaled), or why it was refused.
    pub async fn cleaned_image(&mut self) -> Result<image_clean::Cleaned, Code> {
        let bytes = std::mem::replace(&mut self.image, Err(Code::ImageEmpty))?;
        cleaned(bytes).await
    }

    /// A text field's value ("" when absent).
    pub fn text(&self, name: &str) -> &str {
        self.texts
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Longest text field kept from an upload form.
const TEXT_FIELD_MAX: usize = 4096;

/// Reads an upload form; `what` and `id` name the object for the log.
#[tracing::instrument(skip_all, fields(id))]
pub async fn read_form(multipart: &mut Multipart, what: &str, id: i64) -> UploadForm {
    let mut form = UploadForm {
        locale: Locale::sv,
        image: Err(Code::ImageEmpty),
        texts: Vec::new(),
    };
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name().map(str::to_owned).as_deref() {
                Some("image") => form.image = read_image(field, what, id).await,
                Some(name) => {
                    let mut value = field.text().await.unwrap_or_default();
                    if name == "locale" {
                        form.locale = crate::locale::from_code(&value);
                    } else {
                        value.truncate(value.floor_char_boundary(TEXT_FIELD_MAX));
                        form.texts.push((name.to_owned(), value));
                    }
                }
                None => {}
            },
            Ok(None) => break,
            Err(err) => {
                tracing::info!(error = %err, what, id, "image upload refused");
                form.image = Err(Code::ImageTooLarge);
                break;
            }
        }
    }
    form
}

/// The uploaded image, kept up to one byte over the limit.
async fn read_image(
    field: axum::extract::multipart::Field<'_>,
    what: &str,
    id: i64,
) -> Result<Vec<u8>, Code> {
    read_capped(field, IMAGE_MAX_BYTES).await.map_err(|err| {
        tracing::info!(error = %err, what, id, "image upload not read");
        Code::ImageTooLarge
    })
}

/// An uploaded file, kept up to one byte over `max` (enough to know it is too large); the
/// rest is read and dropped.
pub async fn read_capped(
    mut field: axum::extract::multipart::Field<'_>,
    max: usize,
) -> Result<Vec<u8>, axum::extract::multipart::MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        if bytes.len() <= max {
            let room = max + 1 - bytes.len();
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
    }
    Ok(bytes)
}

/// An image as a response: its type, cached publicly for a while when anyone may see it.
pub fn image_response(content_type: &str, public: bool, data: Vec<u8>) -> Response {
    let cache = if public {
        "public, max-age=300"
    } else {
        "private, no-store"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_str(content_type)
                    .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline"),
            ),
        ],
        data,
    )
        .into_response()
}

/// `GET /proposals/{id}/image`: the image of a proposal anyone may see (drafts only for their
/// author and the round's staff).
#[tracing::instrument(skip_all)]
pub async fn serve(
    State(ctx): State<ServerContext>,
    Path(id): Path<i64>,
    jar: CookieJar,
) -> Response {
    let loaded = async {
        let Some((row, round)) = with_round(&ctx.db, id).await? else {
            return Ok(None);
        };
        let image = proposal_image::Entity::find_by_id(id).one(&ctx.db).await?;
        Ok::<_, sea_orm::DbErr>(image.map(|image| (row, round, image)))
    }
    .await;
    let (row, round, image) = match loaded {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, proposal = id, "could not load image");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let viewer = super::auth::viewer(&ctx, &jar).await.ok().flatten();
    let public = row.status().is_public() && round.phase() != Phase::Draft;
    let privileged = viewer
        .as_ref()
        .is_some_and(|v| v.id == row.author_id || v.manages(round.namnd_id));
    if !public && !privileged {
        return StatusCode::NOT_FOUND.into_response();
    }
    image_response(&image.content_type, public, image.data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_over_the_limit_is_refused_before_it_is_decoded() {
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(IMAGE_MAX_BYTES + 1, 0);
        assert_eq!(cleaned(big).await.unwrap_err(), Code::ImageTooLarge);
        assert_eq!(
            cleaned(b"%PDF-1.7\n".to_vec()).await.unwrap_err(),
            Code::ImageType
        );
    }
}
