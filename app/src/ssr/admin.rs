//! Administration on the server: nämnder, areas and the roles of accounts.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::audit;
use super::entity::{account, area, namnd};
use crate::error::AppError;
use crate::model::round::Choice;
use crate::model::{AccountRow, AdminOverview, AreaRow, Role, SessionUser};

const NAME_MAX: usize = 100;

/// Accounts (newest first), nämnder and areas.
pub async fn overview(db: &DatabaseConnection) -> Result<AdminOverview, AppError> {
    let namnder = namnd::Entity::find()
        .order_by_asc(namnd::Column::Name)
        .all(db)
        .await?;
    let accounts = account::Entity::find()
        .order_by_desc(account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            let role = super::auth::to_session_user(&a)?.role;
            Some(AccountRow {
                namnd: a
                    .namnd_id
                    .and_then(|id| namnder.iter().find(|n| n.id == id))
                    .map(|n| n.name.clone()),
                email: a.email,
                role,
                created_at: a.created_at.format("%Y-%m-%d").to_string(),
            })
        })
        .collect();
    let areas = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AreaRow {
            name: a.name,
            population: a.population,
        })
        .collect();
    Ok(AdminOverview {
        accounts,
        namnder: namnder
            .into_iter()
            .map(|n| Choice {
                value: n.id.to_string(),
                label: n.name,
            })
            .collect(),
        areas,
    })
}

fn parse_name(field: &str, name: &str, typed: &[(&str, &str)]) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid(field, "name_empty", typed));
    }
    if name.chars().count() > NAME_MAX {
        return Err(AppError::invalid(field, "name_too_long", typed));
    }
    Ok(name.to_owned())
}

/// Adds a nämnd with this name (its slug from the name).
pub async fn create_namnd(db: &DatabaseConnection, name: &str) -> Result<(), AppError> {
    let typed = [("name", name)];
    let name = parse_name("name", name, &typed)?;
    let slug = slug::slugify(&name);
    if namnd::Entity::find()
        .filter(namnd::Column::Slug.eq(&slug))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::invalid("name", "name_taken", &typed));
    }
    let row = namnd::ActiveModel {
        slug: Set(slug),
        name: Set(name),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    namnd::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Adds an area or updates its population.
pub async fn save_area(
    db: &DatabaseConnection,
    name: &str,
    population: &str,
) -> Result<(), AppError> {
    let typed = [("name", name), ("population", population)];
    let name = parse_name("name", name, &typed)?;
    let population: i64 = population
        .trim()
        .replace([' ', '\u{a0}'], "")
        .parse()
        .ok()
        .filter(|p| (0..=100_000_000).contains(p))
        .ok_or_else(|| AppError::invalid("population", "population_invalid", &typed))?;
    let row = area::ActiveModel {
        slug: Set(slug::slugify(&name)),
        name: Set(name),
        population: Set(population),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    area::Entity::insert(row)
        .on_conflict(
            OnConflict::column(area::Column::Slug)
                .update_columns([area::Column::Name, area::Column::Population])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Sets the role (and nämnd) of the account with `email`, creating it if needed.
pub async fn set_role(
    db: &DatabaseConnection,
    admin: &SessionUser,
    email: &str,
    role: &str,
    namnd_id: &str,
) -> Result<(), AppError> {
    let typed = [("email", email), ("role", role), ("namnd_id", namnd_id)];
    let address = domain::Email::parse(email)
        .map_err(|_| AppError::invalid("email", "email_invalid", &typed))?;
    let role =
        Role::parse(role).ok_or_else(|| AppError::invalid("role", "choice_invalid", &typed))?;
    let namnd = match namnd_id.trim() {
        "" => None,
        id => {
            let id: i64 = id
                .parse()
                .map_err(|_| AppError::invalid("namnd_id", "choice_invalid", &typed))?;
            namnd::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("namnd_id", "choice_invalid", &typed))?;
            Some(id)
        }
    };
    if matches!(role, Role::Staff | Role::Politician) && namnd.is_none() {
        return Err(AppError::invalid("namnd_id", "namnd_required", &typed));
    }
    let account = super::login_link::find_or_create_account(db, address.as_str(), "sv").await?;
    let mut active: account::ActiveModel = account.into();
    active.role = Set(role.as_str().to_owned());
    active.namnd_id = Set(namnd);
    active.update(db).await?;
    audit::record(
        db,
        Some(admin.id),
        None,
        "account.role",
        format!("account:{}", address.as_str()),
        format!("{} {:?}", role.as_str(), namnd),
    )
    .await?;
    Ok(())
}
