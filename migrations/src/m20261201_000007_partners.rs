//! Session 5's additions: partners, the local associations (föreningar) a nämnd works with to
//! reach the groups that take part least. A partner account names its organisation and the
//! groups it works with (`dimension:value` keys, comma-separated); it logs its outreach, runs
//! kiosks and sees the figures of those groups only.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000007_partners"
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Organisation,
    PartnerGroups,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in [Account::Organisation, Account::PartnerGroups] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Account::Table)
                        .add_column(ColumnDef::new(column).string().null())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
