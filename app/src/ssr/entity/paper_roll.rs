//! A round's paper voting: the printed serial range (a typed serial must fall in it) and how
//! many people were checked off the paper voter list, counted beside the other channels when
//! voting closes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_roll")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i64,
    pub first_serial: String,
    pub last_serial: String,
    pub checked_off: Option<i64>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
