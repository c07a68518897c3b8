//! One participant's voluntary answers in a round: a random key, the day, the answers (group
//! keys, `None` = skipped). Nothing links it to an account or a ballot.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "participant_response")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub round_id: i64,
    pub day: Date,
    pub gender: Option<String>,
    pub age: Option<String>,
    pub area_id: Option<i64>,
    pub born: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub disability: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
