//! What a voter declares for eligibility (birth year, home area, work or study here), saved
//! from the form beside the ballot.

use chrono::{Datelike, Utc};
use domain::Code;
use domain::voting_rules::parse_birth_year;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};

use super::access::account_of;
use crate::error::AppError;
use crate::model::SessionUser;
use crate::model::voting::ProfileForm;
use crate::ssr::entity::{account, area};

/// Records what a voter declares for eligibility: birth year, home area (empty: lives
/// elsewhere), whether they work or study in the municipality. An eID-verified account's
/// birth year came from the identity number: a declared one is neither asked nor taken.
#[tracing::instrument(skip_all)]
pub async fn save_profile(
    db: &DatabaseConnection,
    user: &SessionUser,
    birth_year: &str,
    home_area: &str,
    works_here: bool,
) -> Result<(), AppError> {
    let typed = [("birth_year", birth_year), ("home_area", home_area)];
    let account = account_of(db, user).await?;
    let birth_year = if account.eid_verified() {
        account.birth_year
    } else {
        Some(
            parse_birth_year(birth_year, Utc::now().year())
                .ok_or_else(|| AppError::invalid("birth_year", Code::BirthYearInvalid, &typed))?,
        )
    };
    let home_area = match home_area.trim() {
        "" | "none" => None,
        id => {
            let invalid = || AppError::invalid("home_area", Code::ChoiceInvalid, &typed);
            let id: i64 = id.parse().map_err(|_| invalid())?;
            area::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(invalid)?;
            Some(id)
        }
    };
    let mut active: account::ActiveModel = account.into();
    active.birth_year = Set(birth_year);
    active.home_area_id = Set(home_area);
    active.works_in_municipality = Set(Some(works_here));
    sea_orm::ActiveModelTrait::update(active, db).await?;
    Ok(())
}

/// What the account has declared, as the profile form's fields ("none": lives elsewhere).
pub(super) fn form_of(account: &account::Model) -> ProfileForm {
    ProfileForm {
        birth_year: account
            .birth_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        birth_year_verified: account.eid_verified(),
        home_area: match (account.home_area_id, account.works_in_municipality) {
            (Some(id), _) => id.to_string(),
            (None, Some(_)) => "none".to_owned(),
            (None, None) => String::new(),
        },
        works_here: account.works_in_municipality.unwrap_or(false),
    }
}
