//! Who is signed in, site facts for the header, and logging out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::SessionUser;

/// What the page frame needs to know on every page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteSession {
    pub user: Option<SessionUser>,
    pub municipality: String,
    pub dev_mode: bool,
}

/// The signed-in person (if any) and the site facts.
#[server(endpoint = "session_info")]
pub async fn session_info() -> Result<SiteSession, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let user = crate::ssr::auth::current_user().await?;
    Ok(SiteSession {
        user,
        municipality: ctx.settings.municipality.clone(),
        dev_mode: ctx.settings.dev_mode,
    })
}

/// Ends the session — on every device, so a copied or stolen token is worthless too — and
/// goes to the start page.
#[server(endpoint = "logout")]
pub async fn logout(locale: String) -> Result<(), AppError> {
    use crate::ssr::auth::{end_sessions, logout_cookie};
    let ctx = crate::ssr::context::ServerContext::current()?;
    if let Some(user) = crate::ssr::auth::current_user().await?
        && user.kiosk.is_none()
    {
        end_sessions(&ctx.db, user.id).await?;
    }
    crate::ssr::auth::set_cookie(logout_cookie(ctx.secure_cookies()))?;
    crate::api::redirect_to(crate::locale::from_code(&locale), &crate::paths::home());
    Ok(())
}
