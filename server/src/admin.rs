//! The first administrator: the address in `MEDBORGARBUDGET_ADMIN_EMAIL` (or `--admin-email`)
//! becomes an administrator at start-up, so a new installation can be run without touching
//! the database by hand.

use app::model::Role;
use app::ssr::entity::account;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Makes `email` an administrator, creating the account if needed.
pub async fn ensure_admin(db: &DatabaseConnection, email: &str) -> anyhow::Result<()> {
    let email = domain::email::Email::parse(email)
        .map_err(|e| anyhow::anyhow!("MEDBORGARBUDGET_ADMIN_EMAIL is not a valid address: {e}"))?;
    app::ssr::login_link::find_or_create_account(db, &email, "sv")
        .await
        .map_err(|e| anyhow::anyhow!("creating the administrator account: {e}"))?;
    account::Entity::update_many()
        .col_expr(
            account::Column::Role,
            sea_orm::sea_query::Expr::value(Role::Admin.as_str()),
        )
        .filter(account::Column::CanonicalEmail.eq(email.canonical()))
        .exec(db)
        .await?;
    tracing::info!("administrator ensured");
    Ok(())
}
