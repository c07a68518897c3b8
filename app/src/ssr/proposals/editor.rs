//! The proposal form of a resident: empty for a new proposal, or filled with their stored one,
//! which only its author may open.

use domain::round::ProposalForm;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::proposal::ProposalEditor;
use crate::ssr::access::visible_round;
use crate::ssr::entity::{area, proposal, proposal_image, round};

/// The proposal form: empty for a new proposal in `slug`, or the author's stored proposal.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn editor(
    db: &DatabaseConnection,
    slug: &str,
    id: Option<i64>,
    locale: Locale,
    user: &SessionUser,
) -> Result<ProposalEditor, AppError> {
    let round = visible_round(db, slug, Some(user)).await?;
    let areas = area::choices(db).await?;
    let (id, status, has_image, form) = match id {
        None => (None, None, false, ProposalForm::default()),
        Some(id) => {
            let row = own_proposal_in(db, id, user, &round).await?;
            let has_image = proposal_image::Entity::find_by_id(row.id).count(db).await? > 0;
            (Some(row.id), Some(row.status()), has_image, form_of(&row))
        }
    };
    Ok(ProposalEditor {
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        budget_total: round.budget_total,
        id,
        status,
        has_image,
        form,
        areas,
    })
}

/// A stored proposal as the form's fields.
fn form_of(row: &proposal::Model) -> ProposalForm {
    ProposalForm {
        title: row.title.clone(),
        description: row.description.clone(),
        area_id: row.area_id.map(|a| a.to_string()).unwrap_or_default(),
        place: row.place.clone().unwrap_or_default(),
        latitude: row.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: row.longitude.map(|v| v.to_string()).unwrap_or_default(),
        cost: row.cost.to_string(),
    }
}

/// The proposal `id`, which must be `user`'s own: 404 if it does not exist, 403 otherwise.
#[tracing::instrument(skip_all, fields(id))]
pub async fn own_proposal<C: ConnectionTrait>(
    db: &C,
    id: i64,
    user: &SessionUser,
) -> Result<proposal::Model, AppError> {
    let row = proposal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if row.author_id == user.id {
        Ok(row)
    } else {
        Err(AppError::Forbidden.with_status())
    }
}

/// `user`'s own proposal `id` in `round` (404 when it is in another round).
pub(super) async fn own_proposal_in<C: ConnectionTrait>(
    db: &C,
    id: i64,
    user: &SessionUser,
    round: &round::Model,
) -> Result<proposal::Model, AppError> {
    let row = own_proposal(db, id, user).await?;
    if row.round_id != round.id {
        return Err(AppError::NotFound.with_status());
    }
    Ok(row)
}
