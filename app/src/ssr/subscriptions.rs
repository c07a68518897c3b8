//! Following a round by email without an account (double opt-in: nothing is sent until the
//! address confirms through a signed link) and unsubscribing (from a project, a round or
//! everything) through the signed links every notification carries: a page with one button,
//! and RFC 8058's one-click POST for mail programs. A tampered link changes nothing; using a
//! link again changes nothing either.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::Code;
use domain::followup::{Scope, SubscribeForm};
use leptos_i18n::Locale as _;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionTrait,
};
use serde::Deserialize;

use super::access::visible_round;
use super::context::ServerContext;
use super::entity::{mail_opt_out, proposal, round, subscription};
use super::keys::Purpose;
use super::links::query;
use super::mail::{Notice, notice};
use super::outbox;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::followup::LinkView;

/// A signed link's parameters, as in its query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SignedLink {
    #[serde(default)]
    pub e: String,
    #[serde(default)]
    pub s: String,
    #[serde(default)]
    pub t: String,
}

impl SignedLink {
    /// The scope, if the link is genuine.
    fn verified(&self, ctx: &ServerContext, purpose: Purpose) -> Option<Scope> {
        let scope = Scope::parse(&self.s).ok()?;
        ctx.keys
            .mail_link
            .verify(purpose, &self.e, &self.s, &self.t)
            .then_some(scope)
    }
}

fn invalid_link() -> AppError {
    AppError::invalid("", Code::LinkInvalid, &[])
}

/// What a scope is called on the pages: a round's or a project's title, or nothing for all.
async fn scope_title<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    locale: Locale,
) -> Result<Option<String>, AppError> {
    Ok(match scope {
        Scope::All => None,
        Scope::Round(id) => round::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.title_in(locale)),
        Scope::Project(id) => proposal::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.title),
    })
}

async fn opted_out<C: ConnectionTrait>(
    db: &C,
    email: &str,
    scope: Scope,
) -> Result<bool, AppError> {
    Ok(mail_opt_out::Entity::find()
        .filter(mail_opt_out::Column::Email.eq(email))
        .filter(mail_opt_out::Column::Scope.eq(scope.to_string()))
        .one(db)
        .await?
        .is_some())
}

/// The unsubscribe page: what the link would do, or that it is not valid.
#[tracing::instrument(skip_all)]
pub async fn unsubscribe_view(
    ctx: &ServerContext,
    link: &SignedLink,
    locale: Locale,
) -> Result<LinkView, AppError> {
    let Some(scope) = link.verified(ctx, Purpose::Unsubscribe) else {
        return Ok(LinkView::default());
    };
    Ok(LinkView {
        valid: true,
        email: link.e.clone(),
        scope: scope.to_string(),
        title: scope_title(&ctx.db, scope, locale).await?,
        done: opted_out(&ctx.db, &link.e, scope).await?,
        digest: super::digest::is_chosen(&ctx.db, &link.e).await?,
    })
}

/// Turns the digest (at most one mail a day per round) on or off for the link's address.
/// Refused, changing nothing, when the link is not genuine.
#[tracing::instrument(skip_all)]
pub async fn choose_digest(
    ctx: &ServerContext,
    link: &SignedLink,
    on: bool,
) -> Result<(), AppError> {
    link.verified(ctx, Purpose::Unsubscribe)
        .ok_or_else(invalid_link)?;
    super::digest::choose(&ctx.db, &link.e, on).await
}

/// Records that the address wants no more mail about the link's scope (once; again changes
/// nothing). Refused, changing nothing, when the link is not genuine.
#[tracing::instrument(skip_all)]
pub async fn unsubscribe<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    link: &SignedLink,
) -> Result<(), AppError> {
    let scope = link
        .verified(ctx, Purpose::Unsubscribe)
        .ok_or_else(invalid_link)?;
    let row = mail_opt_out::ActiveModel {
        email: Set(link.e.clone()),
        scope: Set(scope.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    mail_opt_out::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([mail_opt_out::Column::Email, mail_opt_out::Column::Scope])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    tracing::info!(scope = %scope, "unsubscribed");
    Ok(())
}

/// `POST /unsubscribe/one-click?e=…&s=…&t=…` (RFC 8058), sent by mail programs;
/// `GET` goes to the page with its button.
#[tracing::instrument(skip_all)]
pub async fn one_click(
    State(ctx): State<ServerContext>,
    method: axum::http::Method,
    Query(link): Query<SignedLink>,
) -> Response {
    if method == axum::http::Method::GET {
        let query = query(&ctx.keys.mail_link, Purpose::Unsubscribe, &link.e, &link.s);
        let genuine = link.verified(&ctx, Purpose::Unsubscribe).is_some();
        let target = if genuine {
            crate::paths::unsubscribe().encoded_query(&query)
        } else {
            crate::paths::unsubscribe()
        };
        return Redirect::to(&target).into_response();
    }
    match unsubscribe(&ctx, &ctx.db, &link).await {
        Ok(()) => (StatusCode::OK, "unsubscribed").into_response(),
        Err(AppError::Invalid(_)) => (StatusCode::BAD_REQUEST, "invalid link").into_response(),
        Err(err) => {
            tracing::error!(error = %err, "one-click unsubscribe failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Starts following a round: stores the address unconfirmed and mails it a confirmation link
/// (at most once a day per address and round, so asking again after unsubscribing works but
/// nobody can flood an address). Returns the round's slug.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn subscribe(
    ctx: &ServerContext,
    slug: &str,
    locale: Locale,
    form: &SubscribeForm,
) -> Result<String, AppError> {
    let email = domain::followup::parse_subscribe(form)
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    let email = email.as_str().to_lowercase();
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, None).await?;
    let row = subscription::ActiveModel {
        email: Set(email.clone()),
        round_id: Set(round.id),
        locale: Set(locale.as_str().to_owned()),
        confirmed_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    subscription::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([subscription::Column::Email, subscription::Column::RoundId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    let scope = Scope::Round(round.id).to_string();
    let link = format!(
        "{}{}?{}",
        ctx.settings.public_url,
        crate::locale::href(locale, &crate::paths::confirm_subscription()),
        query(&ctx.keys.mail_link, Purpose::Confirm, &email, &scope)
    );
    let title = round.title_in(locale);
    let message = notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: td_string!(locale, mail.confirm_subject, round = title.clone()).to_string(),
            before: vec![td_string!(locale, mail.confirm_body, round = title).to_string()],
            link: Some((td_string!(locale, mail.confirm_button).to_string(), link)),
            after: vec![td_string!(locale, mail.confirm_ignore).to_string()],
            unsubscribe: Vec::new(),
        },
    );
    outbox::enqueue(
        &txn,
        &format!("subscribe:{}:{}", round.id, Utc::now().date_naive()),
        &email,
        Some(round.id),
        message,
    )
    .await?;
    txn.commit().await?;
    Ok(round.slug)
}

/// The confirmation page: what the link would confirm, or that it is not valid.
#[tracing::instrument(skip_all)]
pub async fn confirm_view(
    ctx: &ServerContext,
    link: &SignedLink,
    locale: Locale,
) -> Result<LinkView, AppError> {
    let Some(Scope::Round(round)) = link.verified(ctx, Purpose::Confirm) else {
        return Ok(LinkView::default());
    };
    let stored = subscription::Entity::find()
        .filter(subscription::Column::Email.eq(&link.e))
        .filter(subscription::Column::RoundId.eq(round))
        .one(&ctx.db)
        .await?;
    let Some(stored) = stored else {
        return Ok(LinkView::default());
    };
    Ok(LinkView {
        valid: true,
        email: link.e.clone(),
        scope: link.s.clone(),
        title: scope_title(&ctx.db, Scope::Round(round), locale).await?,
        done: stored.confirmed_at.is_some(),
        digest: false,
    })
}

/// Confirms a subscription (and lifts earlier opt-outs of that round and of everything: the
/// person has just asked for this mail). Again changes nothing.
#[tracing::instrument(skip_all)]
pub async fn confirm(ctx: &ServerContext, link: &SignedLink) -> Result<(), AppError> {
    let Some(Scope::Round(round)) = link.verified(ctx, Purpose::Confirm) else {
        return Err(invalid_link());
    };
    let txn = ctx.db.begin().await?;
    let stored = subscription::Entity::find()
        .filter(subscription::Column::Email.eq(&link.e))
        .filter(subscription::Column::RoundId.eq(round))
        .one(&txn)
        .await?
        .ok_or_else(invalid_link)?;
    if stored.confirmed_at.is_some() {
        return Ok(());
    }
    let mut active: subscription::ActiveModel = stored.into();
    active.confirmed_at = Set(Some(Utc::now()));
    active.update(&txn).await?;
    mail_opt_out::Entity::delete_many()
        .filter(mail_opt_out::Column::Email.eq(&link.e))
        .filter(
            mail_opt_out::Column::Scope
                .is_in([Scope::Round(round).to_string(), Scope::All.to_string()]),
        )
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
