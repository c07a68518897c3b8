//! Administration: the accounts and their roles. Administrators only.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::AccountRow;

/// Every account with its role, newest first.
#[server(endpoint = "admin_accounts")]
pub async fn admin_accounts() -> Result<Vec<AccountRow>, AppError> {
    use crate::model::Role;
    use crate::ssr::entity::account;
    use sea_orm::{EntityTrait, QueryOrder};

    crate::ssr::auth::require_role(&[Role::Admin]).await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let rows = account::Entity::find()
        .order_by_desc(account::Column::Id)
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|a| {
            let role = crate::ssr::auth::to_session_user(&a)?.role;
            Some(AccountRow {
                email: a.email,
                role,
                created_at: a.created_at.format("%Y-%m-%d").to_string(),
            })
        })
        .collect())
}
