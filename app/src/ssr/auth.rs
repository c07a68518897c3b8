//! Sessions: a signed JWT (HS256) in an HttpOnly, SameSite=Lax cookie, `Secure` on https.
//! The token names the account and its session epoch; the account row is read on every
//! request, so a removed account takes effect at once, and a raised epoch (logout, a role
//! change) ends every session issued before it.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use sea_orm::EntityTrait;

use super::context::ServerContext;
use super::entity::account;
use super::keys::{SESSION_DAYS, Session};
use crate::error::AppError;
use crate::model::{Role, SessionUser};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "mb_session";
/// Name of the cookie that makes a device a kiosk.
pub const KIOSK_COOKIE: &str = "mb_kiosk";

/// An HttpOnly, SameSite=Lax cookie for the whole site lasting `seconds` (0 removes it).
pub fn site_cookie(
    name: &'static str,
    value: String,
    seconds: i64,
    secure: bool,
) -> Cookie<'static> {
    cookie_at(name, "/", value, seconds, secure)
}

/// An HttpOnly, SameSite=Lax cookie seen only under `path`, lasting `seconds` (0 removes it).
pub fn cookie_at(
    name: &'static str,
    path: &'static str,
    value: String,
    seconds: i64,
    secure: bool,
) -> Cookie<'static> {
    Cookie::build((name, value))
        .path(path)
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::seconds(seconds))
        .build()
}

/// The cookie that carries a new session.
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    cookie(token, SESSION_DAYS, secure)
}

/// The session cookie of a voter let in at `kiosk`, valid while the kiosk holds `nonce`.
pub fn kiosk_voter_cookie(
    ctx: &ServerContext,
    account: i64,
    kiosk: i64,
    nonce: String,
) -> Result<Cookie<'static>, AppError> {
    let token = ctx.keys.session.issue_kiosk_voter(account, kiosk, nonce)?;
    let seconds = domain::kiosk::VOTER_MINUTES * 60;
    Ok(site_cookie(
        SESSION_COOKIE,
        token,
        seconds,
        ctx.secure_cookies(),
    ))
}

/// The nonce of the current request's kiosk voter session, if it is one.
#[tracing::instrument(skip_all)]
pub async fn kiosk_nonce(ctx: &ServerContext) -> Result<Option<String>, AppError> {
    let jar = request_cookies().await?;
    Ok(session_of(ctx, &jar)
        .and_then(|s| s.kiosk)
        .map(|(_, nonce)| nonce))
}

/// The cookie that ends a session: same name and attributes, empty and already expired.
pub fn logout_cookie(secure: bool) -> Cookie<'static> {
    cookie(String::new(), 0, secure)
}

fn cookie(value: String, days: i64, secure: bool) -> Cookie<'static> {
    site_cookie(SESSION_COOKIE, value, days * 86_400, secure)
}

/// Sets `cookie` on the response of the current server function.
pub fn set_cookie(cookie: Cookie<'static>) -> Result<(), AppError> {
    let response = leptos::prelude::expect_context::<leptos_axum::ResponseOptions>();
    let value = http::HeaderValue::from_str(&cookie.to_string()).map_err(|_| AppError::Internal)?;
    response.append_header(http::header::SET_COOKIE, value);
    Ok(())
}

/// The session of a request with these cookies, if any. A tampered or expired cookie counts
/// as not signed in.
pub fn session_of(ctx: &ServerContext, jar: &CookieJar) -> Option<Session> {
    jar.get(SESSION_COOKIE)
        .and_then(|c| ctx.keys.session.verify(c.value()))
}

/// The signed-in account of a request with these cookies, if any. A kiosk voter's session
/// counts as nobody here: it only votes and answers, through [`require_voter`] and
/// [`require_answerer`].
#[tracing::instrument(skip_all)]
pub async fn account_from_cookies(
    ctx: &ServerContext,
    jar: &CookieJar,
) -> Result<Option<account::Model>, AppError> {
    match session_of(ctx, jar) {
        Some(session @ Session { kiosk: None, .. }) => {
            Ok(account::Entity::find_by_id(session.account)
                .one(&ctx.db)
                .await?
                .filter(|a| current(&session, a)))
        }
        _ => Ok(None),
    }
}

/// Whether `session` is still one of `account`'s: an ordinary session ends when the account's
/// epoch moves past the one it was issued under; a kiosk voter's ends with the kiosk's nonce.
fn current(session: &Session, account: &account::Model) -> bool {
    session.kiosk.is_some() || session.epoch == account.session_epoch
}

/// Who is looking, for a plain axum handler (images, downloads): the signed-in person, if
/// any; a kiosk voter is nobody here.
#[tracing::instrument(skip_all)]
pub async fn viewer(ctx: &ServerContext, jar: &CookieJar) -> Result<Option<SessionUser>, AppError> {
    let eid = session_of(ctx, jar).is_some_and(|s| s.eid);
    Ok(account_from_cookies(ctx, jar)
        .await?
        .and_then(|a| to_session_user(&a))
        .map(|user| eid_checked(ctx, user, eid)))
}

/// `user` as they may act in this session: with `staff_eid` set, a staff member, politician or
/// administrator who did not sign in with eID (`eid`) acts as a resident until they do.
fn eid_checked(ctx: &ServerContext, user: SessionUser, eid: bool) -> SessionUser {
    let privileged = matches!(user.role, Role::Admin | Role::Staff | Role::Politician);
    if ctx.settings.staff_eid && privileged && !eid {
        SessionUser {
            role: Role::Resident,
            namnd_id: None,
            eid_needed: true,
            ..user
        }
    } else {
        user
    }
}

/// The person of a request with these cookies, a kiosk voter included: one whose kiosk still
/// holds their nonce, acting as a resident whatever their account is.
async fn person_from_cookies(
    ctx: &ServerContext,
    jar: &CookieJar,
) -> Result<Option<SessionUser>, AppError> {
    let Some(session) = session_of(ctx, jar) else {
        return Ok(None);
    };
    let kiosk = match &session.kiosk {
        None => None,
        Some((kiosk, nonce)) => {
            match super::kiosk_session::voter_round(&ctx.db, *kiosk, nonce).await? {
                Some(round) => Some(crate::model::KioskVoter {
                    kiosk: *kiosk,
                    round,
                    answering: super::kiosk_session::answering(nonce),
                }),
                None => return Ok(None),
            }
        }
    };
    let account = account::Entity::find_by_id(session.account)
        .one(&ctx.db)
        .await?
        .filter(|a| current(&session, a));
    Ok(account
        .and_then(|a| to_session_user(&a))
        .map(|user| match kiosk {
            None => eid_checked(ctx, user, session.eid),
            Some(kiosk) => SessionUser {
                role: Role::Resident,
                namnd_id: None,
                kiosk: Some(kiosk),
                ..user
            },
        }))
}

/// Ends every session of `account` (on every device): its epoch moves on, so the tokens
/// issued before are refused though unexpired.
#[tracing::instrument(skip_all, fields(account))]
pub async fn end_sessions<C: sea_orm::ConnectionTrait>(
    db: &C,
    account: i64,
) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait as _};
    use sea_orm::{ColumnTrait, QueryFilter};
    account::Entity::update_many()
        .col_expr(
            account::Column::SessionEpoch,
            Expr::col(account::Column::SessionEpoch).add(1),
        )
        .filter(account::Column::Id.eq(account))
        .exec(db)
        .await?;
    Ok(())
}

/// The request's cookies, in a server function.
#[tracing::instrument(skip_all)]
pub async fn request_cookies() -> Result<CookieJar, AppError> {
    leptos_axum::extract().await.map_err(|err| {
        tracing::error!(error = %err, "could not read cookies");
        AppError::Internal
    })
}

/// The signed-in person of the current server-function request, if any (a kiosk voter too).
#[tracing::instrument(skip_all)]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    let ctx = ServerContext::current()?;
    let jar = request_cookies().await?;
    person_from_cookies(&ctx, &jar).await
}

/// The signed-in person, if `allowed` accepts their kiosk stage (`None` for an ordinary
/// session): 401 when nobody is signed in, 403 when refused.
async fn signed_in(
    allowed: impl Fn(Option<crate::model::KioskVoter>) -> bool,
) -> Result<SessionUser, AppError> {
    let user = current_user()
        .await?
        .ok_or_else(|| AppError::Unauthorized.with_status())?;
    if allowed(user.kiosk) {
        Ok(user)
    } else {
        Err(AppError::Forbidden.with_status())
    }
}

/// The person who may vote now: anyone signed in, a kiosk voter included (who may only do
/// this) until their ballot is cast. 401 when nobody is signed in.
#[tracing::instrument(skip_all)]
pub async fn require_voter() -> Result<SessionUser, AppError> {
    signed_in(|kiosk| !kiosk.is_some_and(|k| k.answering)).await
}

/// The person who may answer the voluntary questions: anyone signed in, or a kiosk voter whose
/// ballot is cast. 401 when nobody is signed in.
#[tracing::instrument(skip_all)]
pub async fn require_answerer() -> Result<SessionUser, AppError> {
    signed_in(|kiosk| kiosk.is_none_or(|k| k.answering)).await
}

/// The signed-in person, who must hold one of `roles`: 401 when nobody is signed in, 403 for
/// the wrong role or a kiosk voter. The status is set on the response too, so a page that
/// shows the refusal and a server-function call both answer with it.
#[tracing::instrument(skip_all)]
pub async fn require_role(roles: &[Role]) -> Result<SessionUser, AppError> {
    let user = require_user().await?;
    if roles.contains(&user.role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden.with_status())
    }
}

/// The signed-in person, whatever their role: 401 when nobody is signed in, 403 for a kiosk
/// voter (who may only vote and then answer: [`require_voter`], [`require_answerer`]).
#[tracing::instrument(skip_all)]
pub async fn require_user() -> Result<SessionUser, AppError> {
    signed_in(|kiosk| kiosk.is_none()).await
}

/// The signed-in person, who must manage `namnd_id` (its staff, or an administrator).
#[tracing::instrument(skip_all)]
pub async fn require_manager(namnd_id: i64) -> Result<SessionUser, AppError> {
    let user = require_user().await?;
    if user.manages(namnd_id) {
        Ok(user)
    } else {
        Err(AppError::Forbidden.with_status())
    }
}

/// An account as pages see it; an account with an unknown role is treated as signed out.
pub fn to_session_user(account: &account::Model) -> Option<SessionUser> {
    let role = Role::parse(&account.role).or_else(|| {
        tracing::error!(account = account.id, role = %account.role, "unknown role");
        None
    })?;
    Some(SessionUser {
        id: account.id,
        email: account.email.clone(),
        role,
        namnd_id: account.namnd_id,
        kiosk: None,
        eid_needed: false,
    })
}
