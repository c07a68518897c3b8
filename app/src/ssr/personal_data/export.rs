//! Everything stored about one person, as one JSON document they download (GDPR articles 15
//! and 20).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::BTreeMap;

use crate::error::AppError;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{
    account, area, comment, outbox, participation_marker, proposal, proposal_support, round,
    subscription, voter_register,
};

/// Everything stored about one person, as they download it.
#[derive(Debug, Serialize)]
pub struct Export {
    pub exported_at: DateTime<Utc>,
    pub account: AccountData,
    pub proposals: Vec<ProposalData>,
    pub comments: Vec<CommentData>,
    pub supports: Vec<SupportData>,
    /// The rounds they voted in, how and when (never what: that is on the receipt page).
    pub voted_in: Vec<VoteData>,
    /// The rounds whose voluntary questions they answered (the answers are stored apart from
    /// who gave them and cannot be found again).
    pub answered_questions_in: Vec<String>,
    pub subscriptions: Vec<SubscriptionData>,
    pub mail: Vec<MailData>,
}

#[derive(Debug, Serialize)]
pub struct AccountData {
    pub email: String,
    pub role: String,
    pub language: String,
    pub created_at: DateTime<Utc>,
    pub birth_year: Option<i32>,
    pub home_area: Option<String>,
    pub works_in_municipality: Option<bool>,
    pub organisation: Option<String>,
    /// When they proved who they are with eID (their identity number is not stored).
    pub eid_verified_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct ProposalData {
    pub id: i64,
    pub round: String,
    pub title: String,
    pub description: String,
    pub place: Option<String>,
    pub cost: i64,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct CommentData {
    pub proposal_id: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub hidden_reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SupportData {
    pub proposal_id: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct VoteData {
    pub round: String,
    pub channel: String,
    pub first_voted_at: DateTime<Utc>,
    pub last_voted_at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct SubscriptionData {
    pub round: String,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct MailData {
    pub subject: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Everything stored about account `id`.
#[tracing::instrument(skip_all, fields(account = id))]
pub async fn export<C: ConnectionTrait>(db: &C, id: i64) -> Result<Export, AppError> {
    let person = account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    let slugs: BTreeMap<i64, String> = round::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.slug))
        .collect();
    let slug = |round: i64| slugs.get(&round).cloned().unwrap_or_default();
    let home_area = match person.home_area_id {
        Some(area) => area::Entity::find_by_id(area)
            .one(db)
            .await?
            .map(|a| a.name),
        None => None,
    };
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::AuthorId.eq(id))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| ProposalData {
            id: p.id,
            round: slug(p.round_id),
            title: p.title,
            description: p.description,
            place: p.place,
            cost: p.cost,
            status: p.status,
            created_at: p.created_at,
            submitted_at: p.submitted_at,
        })
        .collect();
    let comments = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CommentData {
            proposal_id: c.proposal_id,
            body: c.body,
            created_at: c.created_at,
            hidden_reason: c.hidden_reason,
        })
        .collect();
    let supports = proposal_support::Entity::find()
        .filter(proposal_support::Column::AccountId.eq(id))
        .order_by_asc(proposal_support::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SupportData {
            proposal_id: s.proposal_id,
            created_at: s.created_at,
        })
        .collect();
    let voted_in = voter_register::Entity::find()
        .filter(voter_register::Column::AccountId.eq(id))
        .order_by_asc(voter_register::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|v| VoteData {
            round: slug(v.round_id),
            channel: v.channel,
            first_voted_at: v.first_voted_at,
            last_voted_at: v.last_voted_at,
        })
        .collect();
    let answered_questions_in = participation_marker::Entity::find()
        .filter(participation_marker::Column::AccountId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| slug(m.round_id))
        .collect();
    let subscriptions = subscription::Entity::find()
        .filter(subscription::Column::Email.eq(&person.email))
        .all(db)
        .await?
        .into_iter()
        .map(|s| SubscriptionData {
            round: slug(s.round_id),
            confirmed_at: s.confirmed_at,
            created_at: s.created_at,
        })
        .collect();
    let mail = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(&person.email))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| MailData {
            subject: m.subject,
            status: m.status,
            created_at: m.created_at,
            sent_at: m.sent_at,
        })
        .collect();
    Ok(Export {
        exported_at: Utc::now(),
        account: AccountData {
            email: person.email,
            role: person.role,
            language: person.locale,
            created_at: person.created_at,
            birth_year: person.birth_year,
            home_area,
            works_in_municipality: person.works_in_municipality,
            organisation: person.organisation,
            eid_verified_at: person.eid_verified_at,
        },
        proposals,
        comments,
        supports,
        voted_in,
        answered_questions_in,
        subscriptions,
        mail,
    })
}

/// `GET /account/data.json`: the signed-in person's own data as a download; the login page for
/// anyone else.
#[tracing::instrument(skip_all)]
pub async fn download(State(ctx): State<ServerContext>, jar: CookieJar) -> Response {
    let user = match crate::ssr::auth::viewer(&ctx, &jar).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to(&crate::paths::login()).into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let text = export(&ctx.db, user.id)
        .await
        .and_then(|data| serde_json::to_string_pretty(&data).map_err(|_| AppError::Internal));
    match text {
        // Kept out of caches as every response to a signed-in person (`private_pages`).
        Ok(text) => {
            crate::ssr::opendata::download("medborgarbudget", "json", "application/json", text)
        }
        Err(err) => {
            tracing::error!(error = %err, account = user.id, "could not export personal data");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
