//! Administration: accounts and their roles, nämnder and areas. Administrators only.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::AdminOverview;

/// Every account with its role, the nämnder and the areas.
#[server(endpoint = "admin_overview")]
pub async fn load_admin_overview() -> Result<AdminOverview, AppError> {
    use crate::model::Role;
    crate::ssr::auth::require_role(&[Role::Admin]).await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::admin::overview(&ctx.db).await
}

/// Adds a nämnd.
#[server(endpoint = "create_namnd")]
pub async fn create_namnd(name: String, locale: String) -> Result<(), AppError> {
    use crate::model::Role;
    crate::ssr::auth::require_role(&[Role::Admin]).await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::admin::create_namnd(&ctx.db, &name).await?;
    back(&locale);
    Ok(())
}

/// Adds an area, or updates the population of the area with that name.
#[server(endpoint = "save_area")]
pub async fn save_area(name: String, population: String, locale: String) -> Result<(), AppError> {
    use crate::model::Role;
    crate::ssr::auth::require_role(&[Role::Admin]).await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::admin::save_area(&ctx.db, &name, &population).await?;
    back(&locale);
    Ok(())
}

/// Gives the account with this address a role (and, for staff, politicians and partners, a
/// nämnd; for partners their organisation and groups); the account is created if it does not
/// exist yet.
#[server(endpoint = "set_account_role")]
pub async fn set_account_role(
    email: String,
    role: String,
    namnd_id: String,
    locale: String,
    #[server(default)] organisation: String,
    #[server(default)] groups: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::model::{Role, RoleForm};
    let admin = crate::ssr::auth::require_role(&[Role::Admin]).await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let form = RoleForm {
        email,
        role,
        namnd_id,
        organisation,
        groups,
    };
    crate::ssr::admin::set_role(&ctx.db, &admin, &form).await?;
    back(&locale);
    Ok(())
}

#[cfg(feature = "ssr")]
fn back(locale: &str) {
    let path = crate::paths::admin_accounts().query("saved", 1);
    crate::api::redirect_to(crate::locale::from_code(locale), &path);
}
