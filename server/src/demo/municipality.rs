//! Setting up the municipality as its administrator does on `/admin/accounts`: nämnder, areas
//! with their population, and the roles of staff, politicians and the partner association.
//! The administrator is made as at start-up (`MEDBORGARBUDGET_ADMIN_EMAIL`); residents'
//! accounts are made as their first login makes them.

use std::collections::BTreeMap;

use anyhow::Context as _;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::model::RoleForm;
use app::ssr::entity::{area, namnd};

use super::context::Demo;
use super::data::{Account, Municipality};

/// Makes the administrator, the nämnder, the areas and the named accounts.
pub async fn set_up(demo: &mut Demo, data: &Municipality) -> anyhow::Result<()> {
    crate::admin::ensure_admin(demo.db(), &data.administrator).await?;
    let admin = demo.sign_in(&data.administrator).await?;
    for n in &data.namnder {
        app::ssr::admin::create_namnd(demo.db(), &n.name)
            .await
            .with_context(|| format!("nämnd {}", n.slug))?;
        let row = namnd::Entity::find()
            .filter(namnd::Column::Slug.eq(&n.slug))
            .one(demo.db())
            .await?
            .with_context(|| format!("the nämnd {} got another slug", n.name))?;
        demo.namnder.insert(n.slug.clone(), row.id);
    }
    for a in &data.areas {
        app::ssr::admin::save_area(demo.db(), &a.name, &a.population.to_string())
            .await
            .with_context(|| format!("area {}", a.slug))?;
        let row = area::Entity::find()
            .filter(area::Column::Slug.eq(&a.slug))
            .one(demo.db())
            .await?
            .with_context(|| format!("the area {} got another slug", a.name))?;
        demo.areas.insert(a.slug.clone(), row.id);
    }
    for account in &data.accounts {
        if account.role == "resident" {
            app::ssr::login_link::find_or_create_account(
                demo.db(),
                &domain::Email::parse(&account.email)?,
                "sv",
            ).await?;
        } else {
            let form = role_form(demo, account);
            app::ssr::admin::set_role(demo.db(), &admin, &form)
                .await
                .with_context(|| format!("the role of {}", account.email))?;
        }
        demo.sign_in(&account.email).await?;
    }
    Ok(())
}

/// The role form as the administrator fills it in for `account`.
fn role_form(demo: &Demo, account: &Account) -> RoleForm {
    let namnd_id = match &account.namnd {
        Some(slug) => demo.namnder[slug].to_string(),
        None => String::new(),
    };
    let groups: BTreeMap<String, String> = account
        .groups
        .iter()
        .map(|g| (g.clone(), g.clone()))
        .collect();
    RoleForm {
        email: account.email.clone(),
        role: account.role.clone(),
        namnd_id,
        organisation: account.organisation.clone().unwrap_or_default(),
        groups,
    }
}
