//! Administration on the server: nämnder, areas and the roles of accounts (a partner's with
//! its organisation and groups).

use domain::Code;
use std::collections::BTreeMap;

use chrono::Utc;
use domain::FieldIssue;
use domain::participation::{Partner, PartnerForm, groups_text, parse_partner};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::audit;
use super::entity::{account, area, namnd};
use crate::error::AppError;
use crate::model::Choice;
use crate::model::{AccountRow, AdminOverview, AreaRow, Role, RoleForm, SessionUser};

const NAME_MAX: usize = 100;

/// Accounts (newest first), nämnder and areas.
#[tracing::instrument(skip_all)]
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
                organisation: a.organisation,
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
            id: a.id,
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
        return Err(AppError::invalid(field, Code::NameEmpty, typed));
    }
    if name.chars().count() > NAME_MAX {
        return Err(AppError::invalid(field, Code::NameTooLong, typed));
    }
    Ok(name.to_owned())
}

/// Adds a nämnd with this name (its slug from the name).
#[tracing::instrument(skip_all)]
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
        return Err(AppError::invalid("name", Code::NameTaken, &typed));
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
#[tracing::instrument(skip_all)]
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
        .ok_or_else(|| AppError::invalid("population", Code::PopulationInvalid, &typed))?;
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

/// What the role form posts, kept when it is refused.
#[derive(serde::Serialize)]
struct RoleTyped<'a> {
    email: &'a str,
    role: &'a str,
    namnd_id: &'a str,
    organisation: &'a str,
    groups: &'a BTreeMap<String, String>,
}

/// Sets the role (and nämnd) of the account with `email`, creating it if needed; a partner
/// also names its organisation and the groups it works with.
#[tracing::instrument(skip_all)]
pub async fn set_role(
    db: &DatabaseConnection,
    admin: &SessionUser,
    form: &RoleForm,
) -> Result<(), AppError> {
    let typed = RoleTyped {
        email: &form.email,
        role: &form.role,
        namnd_id: &form.namnd_id,
        organisation: &form.organisation,
        groups: &form.groups,
    };
    let refuse = |field, code| AppError::from_issues(&[FieldIssue::new(field, code)], &typed);
    let address =
        domain::Email::parse(&form.email).map_err(|_| refuse("email", Code::EmailInvalid))?;
    let role = Role::parse(&form.role).ok_or_else(|| refuse("role", Code::ChoiceInvalid))?;
    let namnd = match form.namnd_id.trim() {
        "" => None,
        id => Some(
            existing_namnd(db, id)
                .await?
                .ok_or_else(|| refuse("namnd_id", Code::ChoiceInvalid))?,
        ),
    };
    if needs_namnd(role) && namnd.is_none() {
        return Err(refuse("namnd_id", Code::NamndRequired));
    }
    let partner = match role {
        Role::Partner => Some(parse_partner_of(db, form, &typed).await?),
        _ => None,
    };
    let account = super::login_link::find_or_create_account(db, &address, "sv").await?;
    // A changed role ends the person's sessions: what they may do is decided afresh at login.
    let changed = account.role != role.as_str() || account.namnd_id != namnd;
    let epoch = account.session_epoch + i64::from(changed);
    let mut active: account::ActiveModel = account.into();
    active.session_epoch = Set(epoch);
    active.role = Set(role.as_str().to_owned());
    active.namnd_id = Set(namnd);
    active.organisation = Set(partner.as_ref().map(|p| p.organisation.clone()));
    active.partner_groups = Set(partner.as_ref().map(|p| groups_text(&p.groups)));
    active.update(db).await?;
    audit::record(
        db,
        Some(admin.id),
        None,
        "account.role",
        format!("account:{}", address.as_str()),
        role_detail(role, namnd, partner.as_ref()),
    )
    .await?;
    Ok(())
}

/// Whether accounts with `role` belong to a nämnd (staff, politicians and partners do).
fn needs_namnd(role: Role) -> bool {
    matches!(role, Role::Staff | Role::Politician | Role::Partner)
}

/// The nämnd whose id is `id`, if `id` is one.
async fn existing_namnd(db: &DatabaseConnection, id: &str) -> Result<Option<i64>, AppError> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(namnd::Entity::find_by_id(id).one(db).await?.map(|n| n.id))
}

/// The partner association the form names: its organisation and groups.
async fn parse_partner_of(
    db: &DatabaseConnection,
    form: &RoleForm,
    typed: &RoleTyped<'_>,
) -> Result<Partner, AppError> {
    let area_ids: Vec<i64> = area::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let partner_form = PartnerForm {
        organisation: form.organisation.clone(),
        groups: form.groups.clone(),
    };
    parse_partner(&partner_form, &area_ids).map_err(|issues| AppError::from_issues(&issues, typed))
}

/// What the audit log says of a role change.
fn role_detail(role: Role, namnd: Option<i64>, partner: Option<&Partner>) -> String {
    match partner {
        Some(p) => format!(
            "{} {:?} {} [{}]",
            role.as_str(),
            namnd,
            p.organisation,
            groups_text(&p.groups)
        ),
        None => format!("{} {:?}", role.as_str(), namnd),
    }
}
