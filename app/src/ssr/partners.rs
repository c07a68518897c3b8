//! Partner associations on the server (issue #7): a partner account belongs to a nämnd and
//! names its organisation and the groups it works with. Partners see the rounds of their nämnd
//! that are under way, the figures of their groups in each, and the outreach of their own
//! organisation; what they may do is checked with `SessionUser::assists`.

use domain::Phase;
use domain::participation::{Partner, parse_groups_text};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use super::entity::{account, round};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::participation::PartnerHome;
use crate::model::{Role, SessionUser};

/// The partner association `user` belongs to; `None` for anyone who is not a partner.
#[tracing::instrument(skip_all)]
pub async fn partner_of<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
) -> Result<Option<Partner>, AppError> {
    if user.role != Role::Partner {
        return Ok(None);
    }
    let Some(row) = account::Entity::find_by_id(user.id).one(db).await? else {
        return Ok(None);
    };
    Ok(Some(Partner {
        organisation: row.organisation.unwrap_or_default(),
        groups: parse_groups_text(row.partner_groups.as_deref().unwrap_or_default()),
    }))
}

/// The accounts of the partner association `organisation` of the nämnd `namnd`: whose
/// outreach its members see.
#[tracing::instrument(skip_all)]
pub async fn members<C: ConnectionTrait>(
    db: &C,
    namnd: i64,
    organisation: &str,
) -> Result<Vec<i64>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Role.eq(Role::Partner.as_str()))
        .filter(account::Column::NamndId.eq(namnd))
        .filter(account::Column::Organisation.eq(organisation))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect())
}

/// A partner's start page: its groups and the rounds of its nämnd from information to voting.
#[tracing::instrument(skip_all)]
pub async fn home(
    db: &DatabaseConnection,
    user: &SessionUser,
    locale: Locale,
) -> Result<PartnerHome, AppError> {
    let (Some(partner), Some(namnd)) = (partner_of(db, user).await?, user.namnd_id) else {
        return Err(AppError::Forbidden.with_status());
    };
    let rounds = round::Entity::find()
        .filter(round::Column::NamndId.eq(namnd))
        .filter(round::Column::Phase.is_in(super::access::PARTNER_PHASES.map(Phase::as_str)))
        .order_by_desc(round::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let phase = r.phase();
            r.into_summary(locale, String::new(), phase)
        })
        .collect();
    let areas = super::entity::area::all(db).await?;
    let areas = areas.into_iter().map(|a| (a.id, a.name)).collect();
    Ok(PartnerHome {
        organisation: partner.organisation,
        groups: partner.groups,
        areas,
        rounds,
    })
}
