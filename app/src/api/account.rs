//! A person's own account: erasing it (the download of their data is a plain GET,
//! `ssr::personal_data::download`).

use leptos::prelude::*;

use crate::error::AppError;

/// Erases the signed-in person's account once they ticked the confirmation (`confirm=yes`),
/// signs them out and goes to the start page.
#[server(endpoint = "erase_account")]
pub async fn erase_account(
    #[server(default)] confirm: String,
    locale: String,
) -> Result<(), AppError> {
    use crate::ssr::auth::{logout_cookie, require_user, set_cookie};
    let user = require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::personal_data::erase(&ctx, &user, &confirm).await?;
    set_cookie(logout_cookie(ctx.secure_cookies()))?;
    let path = crate::paths::home().query("erased", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}
