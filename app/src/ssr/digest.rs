//! The digest option: an address that chose it gets at most one mail a day per round. Its
//! notifications gather in one queued outbox mail per round, due a day after the last one
//! went out (`domain::followup::digest_due`); each new notification is added to the mail
//! still waiting and the mail is rendered again. A mail the worker has already claimed is
//! left alone and the notification starts the next one.

use chrono::{DateTime, Utc};
use domain::followup::digest_due;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::context::ServerContext;
use super::entity::outbox::{self, status};
use super::entity::{digest_item, mail_preference, round};
use super::mail::Message;
use super::mail::{Notice, RenderedMail, notice};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};

/// Event keys of digest mails start with this.
pub const DIGEST_EVENT_PREFIX: &str = "digest:";

/// The addresses among `emails` that chose the digest.
#[tracing::instrument(skip_all)]
pub async fn chosen<C: ConnectionTrait>(
    db: &C,
    emails: &[String],
) -> Result<std::collections::HashSet<String>, AppError> {
    let mut chosen = std::collections::HashSet::new();
    for chunk in emails.chunks(500) {
        for p in mail_preference::Entity::find()
            .filter(mail_preference::Column::Email.is_in(chunk.iter().cloned()))
            .filter(mail_preference::Column::Digest.eq(true))
            .all(db)
            .await?
        {
            chosen.insert(p.email);
        }
    }
    Ok(chosen)
}

/// Turns the digest on or off for an address.
#[tracing::instrument(skip_all)]
pub async fn choose<C: ConnectionTrait>(db: &C, email: &str, digest: bool) -> Result<(), AppError> {
    let row = mail_preference::ActiveModel {
        email: Set(email.to_owned()),
        digest: Set(digest),
        updated_at: Set(Utc::now()),
    };
    mail_preference::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(mail_preference::Column::Email)
                .update_columns([
                    mail_preference::Column::Digest,
                    mail_preference::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Whether an address chose the digest.
#[tracing::instrument(skip_all)]
pub async fn is_chosen<C: ConnectionTrait>(db: &C, email: &str) -> Result<bool, AppError> {
    Ok(mail_preference::Entity::find_by_id(email.to_owned())
        .one(db)
        .await?
        .is_some_and(|p| p.digest))
}

fn digests_of(email: &str, round: i64) -> sea_orm::Select<outbox::Entity> {
    outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(email))
        .filter(outbox::Column::RoundId.eq(round))
        .filter(outbox::Column::EventKey.starts_with(DIGEST_EVENT_PREFIX))
}

/// Renders a digest: one section per notification, oldest first.
fn render(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    items: &[Message],
    unsubscribe: Vec<(String, String)>,
) -> RenderedMail {
    let title = round.title_in(locale);
    let mut before = vec![td_string!(locale, mail.digest_body, round = title.clone()).to_string()];
    for item in items {
        before.push(item.subject.clone());
        before.extend(item.before.iter().cloned());
        if let Some((label, url)) = &item.link {
            before.push(format!("{label}: {url}"));
        }
    }
    notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: td_string!(locale, mail.digest_subject, round = title).to_string(),
            before,
            link: None,
            after: Vec::new(),
            unsubscribe,
        },
    )
}

/// One notification on its way into a digest: what it says, the unsubscribe links the digest
/// shows, and the one-click address of the digest's `List-Unsubscribe`.
pub struct DigestItem {
    pub message: Message,
    pub unsubscribe: Vec<(String, String)>,
    pub one_click: String,
}

/// Adds a notification to the recipient's digest of the round: to the digest still waiting,
/// or to a new one due a day after the last (now, if none went out in the last day).
#[tracing::instrument(skip_all)]
pub async fn add<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    email: &str,
    locale: Locale,
    item: DigestItem,
) -> Result<(), AppError> {
    let json = serde_json::to_string(&item.message).map_err(|_| AppError::Internal)?;
    // Locked (PostgreSQL) so no worker claims it while the notification is added.
    let waiting = digests_of(email, round.id)
        .filter(outbox::Column::Status.eq(status::QUEUED))
        .lock(sea_orm::sea_query::LockType::Update)
        .one(db)
        .await?;
    let target = match waiting {
        Some(row) => row.id,
        None => new_digest(ctx, db, round, email, locale, &item).await?,
    };
    digest_item::Entity::insert(digest_item::ActiveModel {
        outbox_id: Set(target),
        message: Set(json),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    render_again(ctx, db, round, locale, target, item.unsubscribe).await
}

/// Queues a new digest holding `item`, due a day after the last one went out (now, if none
/// went out in the last day); returns its outbox id.
async fn new_digest<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    email: &str,
    locale: Locale,
    item: &DigestItem,
) -> Result<i64, AppError> {
    let last_sent: Option<DateTime<Utc>> = digests_of(email, round.id)
        .filter(outbox::Column::SentAt.is_not_null())
        .order_by_desc(outbox::Column::SentAt)
        .one(db)
        .await?
        .and_then(|m| m.sent_at);
    let now = Utc::now();
    let due = match last_sent {
        Some(last) if !digest_due(Some(last.naive_utc()), now.naive_utc()) => {
            last + domain::followup::DIGEST_INTERVAL
        }
        _ => now,
    };
    let mut mail = render(
        ctx,
        locale,
        round,
        std::slice::from_ref(&item.message),
        item.unsubscribe.clone(),
    );
    mail.unsubscribe = Some(item.one_click.clone());
    let key = format!(
        "{DIGEST_EVENT_PREFIX}{}:{}",
        round.id,
        now.timestamp_micros()
    );
    super::outbox::enqueue(db, &key, email, Some(round.id), mail).await?;
    let row = outbox::Entity::find()
        .filter(outbox::Column::EventKey.eq(&key))
        .filter(outbox::Column::Recipient.eq(email))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(due))
        .filter(outbox::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(row.id)
}

/// Renders the waiting digest `target` again with all its notifications. Only while still
/// waiting: a mail being sent is not changed under the worker.
async fn render_again<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    locale: Locale,
    target: i64,
    unsubscribe: Vec<(String, String)>,
) -> Result<(), AppError> {
    let items: Vec<Message> = digest_item::Entity::find()
        .filter(digest_item::Column::OutboxId.eq(target))
        .order_by_asc(digest_item::Column::Id)
        .all(db)
        .await?
        .iter()
        .filter_map(|i| serde_json::from_str(&i.message).ok())
        .collect();
    let mail = render(ctx, locale, round, &items, unsubscribe);
    let updated = outbox::Entity::update_many()
        .col_expr(outbox::Column::Subject, Expr::value(mail.subject))
        .col_expr(outbox::Column::BodyText, Expr::value(mail.text))
        .col_expr(outbox::Column::BodyHtml, Expr::value(mail.html))
        .filter(outbox::Column::Id.eq(target))
        .filter(outbox::Column::Status.eq(status::QUEUED))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        tracing::warn!(
            outbox = target,
            "digest claimed while a notification was added"
        );
    }
    Ok(())
}
