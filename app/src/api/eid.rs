//! eID for the pages: which providers to offer, and the offer to merge two accounts of one
//! person (the sign-in itself is two plain addresses, `ssr::eid::flow`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A provider to offer: its id (for the start address) and its name in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EidProvider {
    pub id: String,
    pub name: String,
}

/// The configured eID providers, named in `locale`; empty when there are none.
#[server(endpoint = "eid_providers")]
pub async fn eid_providers(locale: String) -> Result<Vec<EidProvider>, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let locale = crate::locale::from_code(&locale);
    Ok(ctx
        .eid
        .all()
        .map(|p| EidProvider {
            id: p.config.id.clone(),
            name: p.name(locale),
        })
        .collect())
}

/// The address (masked) of the account that holds the signed-in person's identity, when an
/// eID sign-in just found that they have two accounts.
#[server(endpoint = "eid_merge_offer")]
pub async fn eid_merge_offer() -> Result<Option<String>, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let Some(user) = crate::ssr::auth::current_user().await? else {
        return Ok(None);
    };
    let jar = crate::ssr::auth::request_cookies().await?;
    crate::ssr::eid::link::offered(&ctx, &jar, user.id).await
}

/// Merges the signed-in account into the one holding the person's identity, as just offered,
/// and signs in to the account kept. Without a standing offer, back to the eID page.
#[server(endpoint = "merge_eid_account")]
pub async fn merge_eid_account(locale: String) -> Result<(), AppError> {
    use crate::ssr::auth::set_cookie;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let locale = crate::locale::from_code(&locale);
    let user = crate::ssr::auth::require_user().await?;
    let jar = crate::ssr::auth::request_cookies().await?;
    match crate::ssr::eid::link::merge(&ctx, &jar, user.id).await? {
        Some((cookies, back)) => {
            for cookie in cookies {
                set_cookie(cookie)?;
            }
            leptos_axum::redirect(&back);
        }
        None => crate::api::redirect_to(
            locale,
            &crate::paths::login_eid().query("result", "merge_expired"),
        ),
    }
    Ok(())
}
