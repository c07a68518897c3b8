//! One-time login links: 32 random bytes, sent by mail (queued sealed), stored only as their
//! SHA-256, valid for 15 minutes and usable once — by the button on the page the link opens,
//! never by opening it. Asking for a link creates the resident's account on the
//! first visit, so there is no separate sign-up.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use domain::Email;
use leptos_i18n::Locale as _;
use rand::RngCore as _;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::context::ServerContext;
use super::entity::{account, login_token};
use super::{mail, outbox};
use crate::error::AppError;
use crate::i18n::Locale;

/// How long a login link stays valid.
pub const LINK_MINUTES: i64 = 15;

/// Why a login link was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// No such link (mistyped, tampered or never issued).
    #[error("unknown login link")]
    Unknown,
    /// The link is older than its validity window.
    #[error("expired login link")]
    Expired,
    /// The link was already used.
    #[error("login link already used")]
    Used,
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Finds the account for an address by its canonical form (one account per mailbox, see
/// `domain::Email::canonical`), creating a resident account the first time.
#[tracing::instrument(skip_all)]
pub async fn find_or_create_account<C: ConnectionTrait>(
    db: &C,
    email: &Email,
    locale: &str,
) -> Result<account::Model, AppError> {
    let new = account::ActiveModel {
        email: Set(email.as_str().to_owned()),
        canonical_email: Set(Some(email.canonical())),
        role: Set(crate::model::Role::Resident.as_str().to_owned()),
        locale: Set(locale.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    account::Entity::insert(new)
        .on_conflict(
            OnConflict::column(account::Column::CanonicalEmail)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    find_account(db, email).await?.ok_or(AppError::Internal)
}

/// The account of an address, by its canonical form.
pub async fn find_account<C: ConnectionTrait>(
    db: &C,
    email: &Email,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::CanonicalEmail.eq(email.canonical()))
        .one(db)
        .await?)
}

/// A freshly issued link: its row id (to name the mail event) and the secret token (to be
/// mailed, never stored).
pub struct IssuedLink {
    pub id: i64,
    pub token: String,
}

/// Issues a new link for an account; the account's older links stop working (the newest mail
/// is the one to use, so asking again never locks a person out). At most `max_per_day` links
/// (and so mails) per account in 24 hours: a flood of requests for someone's address sends
/// them a few mails, not thousands.
#[tracing::instrument(skip_all)]
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    account_id: i64,
    max_per_day: u32,
) -> Result<IssuedLink, AppError> {
    let now = Utc::now();
    let recent = login_token::Entity::find()
        .filter(login_token::Column::AccountId.eq(account_id))
        .filter(login_token::Column::CreatedAt.gt(now - Duration::hours(24)))
        .count(db)
        .await?;
    if recent >= u64::from(max_per_day) {
        return Err(AppError::RateLimited);
    }
    login_token::Entity::update_many()
        .col_expr(login_token::Column::ExpiresAt, Expr::value(now))
        .filter(login_token::Column::AccountId.eq(account_id))
        .filter(login_token::Column::UsedAt.is_null())
        .filter(login_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let inserted = login_token::Entity::insert(login_token::ActiveModel {
        account_id: Set(account_id),
        token_hash: Set(hash(&token)),
        expires_at: Set(now + Duration::minutes(LINK_MINUTES)),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(IssuedLink {
        id: inserted.last_insert_id,
        token,
    })
}

/// The account a link would sign in, without using it up: the confirmation page shows whose
/// address is signing in before the person presses the button (a GET changes nothing, so a
/// mail scanner that opens links does not spend them).
#[tracing::instrument(skip_all)]
pub async fn check<C: ConnectionTrait>(db: &C, token: &str) -> Result<account::Model, LinkError> {
    let row = login_token::Entity::find()
        .filter(login_token::Column::TokenHash.eq(hash(token)))
        .one(db)
        .await?
        .ok_or(LinkError::Unknown)?;
    if row.used_at.is_some() {
        return Err(LinkError::Used);
    }
    if row.expires_at <= Utc::now() {
        return Err(LinkError::Expired);
    }
    account::Entity::find_by_id(row.account_id)
        .one(db)
        .await?
        .ok_or(LinkError::Unknown)
}

/// Uses a link: marks it used (atomically, so two clicks cannot both succeed) and returns the
/// account it signs in.
#[tracing::instrument(skip_all)]
pub async fn consume<C: ConnectionTrait>(db: &C, token: &str) -> Result<account::Model, LinkError> {
    let token_hash = hash(token);
    let now = Utc::now();
    let claimed = login_token::Entity::update_many()
        .col_expr(login_token::Column::UsedAt, Expr::value(now))
        .filter(login_token::Column::TokenHash.eq(&token_hash))
        .filter(login_token::Column::UsedAt.is_null())
        .filter(login_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    let row = login_token::Entity::find()
        .filter(login_token::Column::TokenHash.eq(&token_hash))
        .one(db)
        .await?
        .ok_or(LinkError::Unknown)?;
    if claimed.rows_affected != 1 {
        return Err(if row.used_at.is_some() {
            LinkError::Used
        } else {
            LinkError::Expired
        });
    }
    account::Entity::find_by_id(row.account_id)
        .one(db)
        .await?
        .ok_or(LinkError::Unknown)
}

/// Sends a login link to `address`: finds or creates the account, issues a link and queues
/// the mail, all in one transaction. `AppError::RateLimited` when the address has had too many
/// links lately.
#[tracing::instrument(skip_all)]
pub async fn send(ctx: &ServerContext, address: &Email, locale: Locale) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let account = find_or_create_account(&txn, address, locale.as_str()).await?;
    let per_day = ctx.settings.login_limit.saturating_mul(2);
    let issued = issue(&txn, account.id, per_day).await?;
    let link = format!(
        "{}{}",
        ctx.settings.public_url,
        crate::locale::href(
            locale,
            &crate::paths::login_verify().query("token", &issued.token)
        )
    );
    let message = mail::login_link(locale, &ctx.settings.municipality, &link);
    let event_key = format!("{}{}", outbox::LOGIN_EVENT_PREFIX, issued.id);
    outbox::enqueue_sealed(&txn, &ctx.keys, &event_key, address.as_str(), message).await?;
    txn.commit().await?;
    Ok(())
}
