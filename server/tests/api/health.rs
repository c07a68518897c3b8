//! `GET /healthz`.

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    health_check_answers_200_when_the_database_answers,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .client
            .get(format!("{}/healthz", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.unwrap(), "ok");
    }
);

on_both_databases!(
    health_check_answers_503_when_the_database_is_gone,
    |backend| async move {
        let app = spawn(backend).await;
        app.db.clone().close().await.unwrap();
        let response = app
            .client
            .get(format!("{}/healthz", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
    }
);

/// Instances started together on one PostgreSQL database migrate one after the other under an
/// advisory lock: both start, and each migration is recorded once. (Without the lock the two
/// create the same tables at once and one fails.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_starting_together_migrate_one_postgres_database_once() {
    use sea_orm::{ConnectionTrait, Statement};
    let database = TestDatabase::create(Backend::Postgres, &std::env::temp_dir()).await;
    let (first, second) = tokio::join!(
        server::db::connect_and_migrate(&database.url),
        server::db::connect_and_migrate(&database.url)
    );
    let db = first.expect("the first instance migrated");
    second.expect("the second instance started too");
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n, COUNT(DISTINCT version) AS distinct_n FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    let distinct: i64 = row.try_get("", "distinct_n").unwrap();
    use migration::MigratorTrait;
    assert_eq!(n, migration::Migrator::migrations().len() as i64);
    assert_eq!(n, distinct, "each migration recorded once");
}
