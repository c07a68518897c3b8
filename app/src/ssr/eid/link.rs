//! What a verified identity does to accounts, as `domain::eid_link` decides: sign in as the
//! account that holds it, link it to the signed-in account, or — when the person turns out
//! to have two accounts — offer to merge them, naming the other account's address masked.
//! The offer waits in a sealed cookie for the person to press the button (`merge`).

use axum_extra::extract::cookie::{Cookie, CookieJar};
use chrono::{Datelike, Utc};
use domain::eid_link::{EidLink, SignedIn, decide};
use domain::identity_number::IdentityNumber;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait,
};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Locale;
use crate::ssr::auth::{session_cookie, site_cookie};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::account;

/// The cookie holding an offer to merge two accounts.
pub const MERGE_COOKIE: &str = "mb_eid_merge";
/// How long the offer stands.
const MERGE_SECONDS: i64 = 600;
/// What the sealed offer is bound to.
const MERGE_CONTEXT: &[u8] = b"eid merge";

/// An identity a provider vouched for.
pub struct Verified {
    pub provider: String,
    pub number: IdentityNumber,
}

/// An offer to merge the signed-in account `from` into `into`, which holds the identity.
#[derive(Debug, Serialize, Deserialize)]
struct MergeOffer {
    from: i64,
    into: i64,
    back: String,
    expires: i64,
}

/// Applies a verified identity: the cookies to set and where to go.
#[tracing::instrument(skip_all, fields(provider = %verified.provider))]
pub async fn apply(
    ctx: &ServerContext,
    signed_in: Option<account::Model>,
    verified: Verified,
    back: &str,
    locale: Locale,
) -> Result<(Vec<Cookie<'static>>, String), AppError> {
    let digest = ctx.keys.identity.digest(&verified.number);
    let birth_year = verified.number.birth_date().map(|d| d.year());
    let holder = account::Entity::find()
        .filter(account::Column::IdentityDigest.eq(&digest))
        .one(&ctx.db)
        .await?;
    let me = signed_in.as_ref().map(|a| SignedIn {
        account: a.id,
        has_identity: a.eid_verified(),
    });
    let result =
        |word: &str| crate::locale::href(locale, &crate::paths::login_eid().query("result", word));
    Ok(match decide(me, holder.as_ref().map(|h| h.id)) {
        EidLink::SignIn(id) | EidLink::Refresh(id) => {
            let account = verify(&ctx.db, id, None, birth_year).await?;
            tracing::info!(account = id, "signed in with eID");
            (vec![eid_session(ctx, &account)?], back.to_owned())
        }
        EidLink::Link(id) => {
            let account = verify(&ctx.db, id, Some(digest), birth_year).await?;
            crate::ssr::audit::record(
                &ctx.db,
                Some(id),
                None,
                "account.eid_linked",
                format!("account:{id}"),
                format!("provider: {}", verified.provider),
            )
            .await?;
            tracing::info!(account = id, "eID identity linked to an account");
            (vec![eid_session(ctx, &account)?], back.to_owned())
        }
        EidLink::OfferMerge { from, into } => {
            tracing::info!(
                account = from,
                holder = into,
                "eID identity held by another account"
            );
            (vec![merge_offer(ctx, from, into, back)], result("merge"))
        }
        EidLink::OtherPerson => {
            tracing::warn!(
                account = me.map(|m| m.account),
                "eID sign-in of another person on an account with an identity"
            );
            (vec![], result("other_person"))
        }
        EidLink::NoAccount => (vec![], result("no_account")),
    })
}

/// The cookie offering to merge the signed-in account `from` into `into`, for ten minutes.
fn merge_offer(ctx: &ServerContext, from: i64, into: i64, back: &str) -> Cookie<'static> {
    let offer = MergeOffer {
        from,
        into,
        back: back.to_owned(),
        expires: Utc::now().timestamp() + MERGE_SECONDS,
    };
    let sealed = super::seal(&ctx.keys, &offer, MERGE_CONTEXT);
    site_cookie(MERGE_COOKIE, sealed, MERGE_SECONDS, ctx.secure_cookies())
}

/// Notes a verification on account `id` (and links `digest` when given): the birth year
/// from the number replaces any declared one.
async fn verify<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: i64,
    digest: Option<String>,
    birth_year: Option<i32>,
) -> Result<account::Model, AppError> {
    let mut active = account::ActiveModel {
        id: Set(id),
        eid_verified_at: Set(Some(Utc::now())),
        birth_year: Set(birth_year),
        ..Default::default()
    };
    if let Some(digest) = digest {
        active.identity_digest = Set(Some(digest));
    }
    Ok(active.update(db).await?)
}

/// A session cookie for `account`, marked as signed in with eID.
fn eid_session(ctx: &ServerContext, account: &account::Model) -> Result<Cookie<'static>, AppError> {
    let token = ctx
        .keys
        .session
        .issue_eid(account.id, account.session_epoch)?;
    Ok(session_cookie(token, ctx.secure_cookies()))
}

/// The merge offer in these cookies, if one stands for the signed-in account `me`.
fn offer_for(ctx: &ServerContext, jar: &CookieJar, me: i64) -> Option<MergeOffer> {
    super::open::<MergeOffer>(&ctx.keys, jar.get(MERGE_COOKIE)?.value(), MERGE_CONTEXT)
        .filter(|o| o.from == me && o.expires > Utc::now().timestamp())
}

/// The address (masked) of the account the signed-in account `me` is offered to merge into.
pub async fn offered(
    ctx: &ServerContext,
    jar: &CookieJar,
    me: i64,
) -> Result<Option<String>, AppError> {
    let Some(offer) = offer_for(ctx, jar, me) else {
        return Ok(None);
    };
    Ok(account::Entity::find_by_id(offer.into)
        .one(&ctx.db)
        .await?
        .map(|a| masked(&a.email)))
}

/// The address masked (`a…n@exempel.se`).
fn masked(email: &str) -> String {
    domain::Email::parse(email).map_or_else(|_| "…".to_owned(), |e| e.masked())
}

/// Merges the signed-in account `me` with the one holding its person's identity, as offered:
/// the cookies to set (a session of the kept account, the offer cleared) and where to go.
/// `None` when no offer stands.
#[tracing::instrument(skip_all, fields(account = me))]
pub async fn merge(
    ctx: &ServerContext,
    jar: &CookieJar,
    me: i64,
) -> Result<Option<(Vec<Cookie<'static>>, String)>, AppError> {
    let Some(offer) = offer_for(ctx, jar, me) else {
        return Ok(None);
    };
    let txn = ctx.db.begin().await?;
    let (Some(mine), Some(holder)) = (
        account::Entity::find_by_id(offer.from).one(&txn).await?,
        account::Entity::find_by_id(offer.into).one(&txn).await?,
    ) else {
        return Ok(None);
    };
    let kept = crate::ssr::account_fold::merge_accounts(&txn, &ctx.keys, &mine, &holder).await?;
    // The kept account holds the identity now (the holder's row may be the one folded away).
    let account = verify(
        &txn,
        kept,
        holder.identity_digest.clone(),
        holder.birth_year,
    )
    .await?;
    txn.commit().await?;
    let cleared = site_cookie(MERGE_COOKIE, String::new(), 0, ctx.secure_cookies());
    Ok(Some((
        vec![eid_session(ctx, &account)?, cleared],
        offer.back,
    )))
}
