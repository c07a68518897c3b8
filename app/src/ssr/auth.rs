//! Sessions: a signed JWT (HS256) in an HttpOnly, SameSite=Lax cookie, `Secure` on https.
//! The token names the account; the account row is read on every request, so a role change
//! or a removed account takes effect at once.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use super::context::ServerContext;
use super::entity::account;
use crate::error::AppError;
use crate::model::{Role, SessionUser};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "mb_session";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;

/// The claims in a session token.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
}

/// Signing and checking keys for session tokens, from the server's secret.
pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl std::fmt::Debug for SessionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKeys(..)")
    }
}

impl SessionKeys {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// A fresh session token for an account.
    pub fn issue(&self, account_id: i64) -> Result<String, AppError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: account_id.to_string(),
            iat: now,
            exp: now + SESSION_DAYS * 86_400,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|err| {
            tracing::error!(error = %err, "could not sign a session token");
            AppError::Internal
        })
    }

    /// The account id in a token, if the token is genuine and unexpired.
    pub fn verify(&self, token: &str) -> Option<i64> {
        let validation = Validation::new(Algorithm::HS256);
        let data = decode::<Claims>(token, &self.decoding, &validation).ok()?;
        data.claims.sub.parse().ok()
    }
}

/// The cookie that carries a new session.
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    cookie(token, SESSION_DAYS, secure)
}

/// The cookie that ends a session: same name and attributes, empty and already expired.
pub fn logout_cookie(secure: bool) -> Cookie<'static> {
    cookie(String::new(), 0, secure)
}

fn cookie(value: String, days: i64, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time_days(days))
        .build()
}

fn time_days(days: i64) -> time::Duration {
    time::Duration::days(days)
}

/// The signed-in account of a request with these cookies, if any. A tampered or expired
/// cookie counts as not signed in.
pub async fn account_from_cookies(
    ctx: &ServerContext,
    jar: &CookieJar,
) -> Result<Option<account::Model>, AppError> {
    let Some(id) = jar
        .get(SESSION_COOKIE)
        .and_then(|c| ctx.keys.verify(c.value()))
    else {
        return Ok(None);
    };
    Ok(account::Entity::find_by_id(id).one(&ctx.db).await?)
}

/// The signed-in person of the current server-function request, if any.
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    let ctx = ServerContext::current()?;
    let jar: CookieJar = leptos_axum::extract().await.map_err(|err| {
        tracing::error!(error = %err, "could not read cookies");
        AppError::Internal
    })?;
    Ok(account_from_cookies(&ctx, &jar)
        .await?
        .and_then(|a| to_session_user(&a)))
}

/// The signed-in person, who must hold one of `roles`: 401 when nobody is signed in, 403 for
/// the wrong role. The status is set on the response too, so a page that shows the refusal
/// and a server-function call both answer with it.
pub async fn require_role(roles: &[Role]) -> Result<SessionUser, AppError> {
    match current_user().await? {
        Some(user) if roles.contains(&user.role) => Ok(user),
        Some(_) => Err(AppError::Forbidden.with_status()),
        None => Err(AppError::Unauthorized.with_status()),
    }
}

/// The signed-in person, whatever their role: 401 when nobody is signed in.
pub async fn require_user() -> Result<SessionUser, AppError> {
    current_user()
        .await?
        .ok_or_else(|| AppError::Unauthorized.with_status())
}

/// The signed-in person, who must manage `namnd_id` (its staff, or an administrator).
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
    })
}
