//! Session 4's additions: the description (alternative text) of an implementation update's
//! photo, so the photo can be told to those who cannot see it.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000006_outreach"
    }
}

#[derive(DeriveIden)]
enum ImplementationUpdate {
    Table,
    ImageAlt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ImplementationUpdate::Table)
                    .add_column(
                        ColumnDef::new(ImplementationUpdate::ImageAlt)
                            .string()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
