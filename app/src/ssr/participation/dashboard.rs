//! The participation dashboard of a round and its outreach log: the round's staff see every
//! figure and all outreach; a partner association of its nämnd sees the figures of its own
//! groups and its members' outreach, and logs outreach aimed at its groups or everyone.

use chrono::Utc;
use domain::participation::{Baseline, OutreachForm, Partner, for_partner, partner_may_aim};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};

use super::figures::{options, statistics};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::participation::{OutreachView, ParticipationView, PartnerView};
use crate::ssr::access::assisted_round;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{area, outreach_action, round};
use crate::ssr::partners::{members, partner_of};

/// The dashboard of a round: for its staff everything; for a partner association of its
/// nämnd the figures of its groups and its own outreach.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn dashboard(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    locale: Locale,
) -> Result<ParticipationView, AppError> {
    let db = &ctx.db;
    let round = assisted_round(db, slug, user).await?;
    let figures = statistics(&ctx.db, &ctx.keys, round.id, &options()).await?;
    let partner = partner_seeing(db, user, &round).await?;
    let outreach = outreach_of(db, &round, partner.as_ref()).await?;
    let view = ParticipationView {
        slug: round.slug.clone(),
        title: round.title_in(locale),
        baseline_csv: String::new(),
        areas: figures.areas.into_iter().map(|a| (a.id, a.name)).collect(),
        stats: figures.stats,
        outreach,
        baseline: Baseline::default(),
        partner: None,
    };
    Ok(match partner {
        None => ParticipationView {
            baseline_csv: figures.csv,
            baseline: figures.baseline,
            ..view
        },
        Some(partner) => ParticipationView {
            stats: for_partner(&view.stats, &partner.groups),
            partner: Some(PartnerView {
                organisation: partner.organisation,
                groups: partner.groups,
                voting: round.phase() == domain::Phase::Voting,
            }),
            ..view
        },
    })
}

/// The partner association whose part of the dashboard `user` sees: `None` for the round's
/// staff (who see everything), 403 for anyone who is neither.
async fn partner_seeing<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    round: &round::Model,
) -> Result<Option<Partner>, AppError> {
    if user.manages(round.namnd_id) {
        return Ok(None);
    }
    let partner = partner_of(db, user).await?;
    Ok(Some(
        partner.ok_or_else(|| AppError::Forbidden.with_status())?,
    ))
}

/// The round's outreach by day, only the association's own for a partner.
async fn outreach_of<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    partner: Option<&Partner>,
) -> Result<Vec<OutreachView>, AppError> {
    let mut query = outreach_action::Entity::find()
        .filter(outreach_action::Column::RoundId.eq(round.id))
        .order_by_asc(outreach_action::Column::Day)
        .order_by_asc(outreach_action::Column::Id);
    if let Some(partner) = partner {
        let members = members(db, round.namnd_id, &partner.organisation).await?;
        query = query.filter(outreach_action::Column::RecordedBy.is_in(members));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|a| OutreachView {
            day: a.day,
            place: a.place,
            group: a.group_key.and_then(|key| key.parse().ok()),
            reached: a.reached.and_then(|n| u32::try_from(n).ok()),
            note: a.note,
        })
        .collect())
}

/// Records an outreach action of the round (its staff, or a partner association for one of
/// its groups or everyone).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn record_outreach(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: &str,
    form: &OutreachForm,
) -> Result<(), AppError> {
    let round = assisted_round(db, slug, user).await?;
    let ids: Vec<i64> = area::all(db).await?.iter().map(|a| a.id).collect();
    let action = domain::participation::parse_outreach(form, &ids)
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    if let Some(partner) = partner_of(db, user).await? {
        partner_may_aim(&partner.groups, action.group)
            .map_err(|issue| AppError::from_issues(&[issue], form))?;
    }
    outreach_action::ActiveModel {
        round_id: Set(round.id),
        day: Set(action.day),
        place: Set(action.place),
        group_key: Set(action.group.map(|g| g.key())),
        reached: Set(action.reached.map(|n| n as i32)),
        note: Set(action.note),
        recorded_by: Set(user.id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
