//! An area of the municipality (stadsdel/område) with its population, for area budgets,
//! proposals' places and participation against the population.

use sea_orm::QueryOrder;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "area")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub population: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The name of area `id` among `areas`.
pub fn name_of(areas: &[Model], id: Option<i64>) -> Option<String> {
    let id = id?;
    areas.iter().find(|a| a.id == id).map(|a| a.name.clone())
}

/// Every area, by name.
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().order_by_asc(Column::Name).all(db).await
}

/// The areas as choices, by name.
pub async fn choices<C: ConnectionTrait>(db: &C) -> Result<Vec<crate::model::Choice>, DbErr> {
    Ok(Entity::find()
        .order_by_asc(Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| crate::model::Choice {
            value: a.id.to_string(),
            label: a.name,
        })
        .collect())
}
