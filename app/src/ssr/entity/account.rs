//! A person who can log in: resident, staff of a nämnd, politician, partner or administrator.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The address as first typed: where mail goes.
    #[sea_orm(unique)]
    pub email: String,
    /// The form naming one mailbox (`domain::Email::canonical`): one account per person.
    /// Filled and made unique at start-up for accounts made before it (`ssr::account_fold`).
    pub canonical_email: Option<String>,
    pub role: String,
    pub namnd_id: Option<i64>,
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub birth_year: Option<i32>,
    pub home_area_id: Option<i64>,
    pub works_in_municipality: Option<bool>,
    /// A partner's organisation (förening).
    pub organisation: Option<String>,
    /// The groups a partner works with: `dimension:value` keys, comma-separated.
    pub partner_groups: Option<String>,
    /// Raised to end every session issued before (logout, a role change).
    pub session_epoch: i64,
    /// The keyed digest of the person's identity number, set by an eID sign-in (`ssr::eid`);
    /// never the number itself. Unique: one person, one account. While it is set, the birth
    /// year came from the number and is verified.
    pub identity_digest: Option<String>,
    /// When the person last proved who they are with eID.
    pub eid_verified_at: Option<DateTimeUtc>,
}

impl Model {
    /// Whether this person proved who they are with eID.
    pub fn eid_verified(&self) -> bool {
        self.identity_digest.is_some()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The address and language of account `id`.
pub async fn email_and_locale<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<(String, crate::i18n::Locale), crate::error::AppError> {
    let account = Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(crate::error::AppError::Internal)?;
    let locale = crate::locale::from_code(&account.locale);
    Ok((account.email, locale))
}
