//! What the database holds, as one comparable value: every row of every table as JSON, sorted
//! per table. A refused request must leave it unchanged.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// Every table of the database (SQLite or PostgreSQL), by name.
pub async fn tables(db: &DatabaseConnection) -> Vec<String> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

/// The SQL expression that reads a row of `table` (aliased `t`) as one JSON text.
pub async fn row_json(db: &DatabaseConnection, table: &str) -> String {
    let backend = db.get_database_backend();
    match backend {
        DbBackend::Postgres => "row_to_json(t)::text".to_owned(),
        _ => {
            let columns: Vec<String> = db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT name FROM pragma_table_info('{table}')"),
                ))
                .await
                .unwrap()
                .iter()
                .map(|r| r.try_get_by_index::<String>(0).unwrap())
                // JSON holds no bytes: a picture is read as hex.
                .map(|c| {
                    format!(
                        "'{c}', CASE WHEN typeof(t.\"{c}\") = 'blob' \
                         THEN hex(t.\"{c}\") ELSE t.\"{c}\" END"
                    )
                })
                .collect();
            format!("json_object({})", columns.join(", "))
        }
    }
}

/// Every table but `except`, with its rows as sorted JSON texts.
pub async fn fingerprint(
    db: &DatabaseConnection,
    except: &[&str],
) -> BTreeMap<String, Vec<String>> {
    let backend = db.get_database_backend();
    let mut all = BTreeMap::new();
    for table in tables(db).await {
        if except.contains(&table.as_str()) {
            continue;
        }
        let sql = format!(
            "SELECT {} FROM \"{table}\" AS t",
            row_json(db, &table).await
        );
        let mut rows: Vec<String> = db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect();
        rows.sort();
        all.insert(table, rows);
    }
    all
}

/// What changed between two fingerprints: per table, the rows only in `before` and only in
/// `after` (empty when they are equal).
pub fn changes(
    before: &BTreeMap<String, Vec<String>>,
    after: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (table, rows) in after {
        let old = before.get(table).cloned().unwrap_or_default();
        for row in rows.iter().filter(|r| !old.contains(r)) {
            out.push(format!("{table} + {row}"));
        }
        for row in old.iter().filter(|r| !rows.contains(r)) {
            out.push(format!("{table} - {row}"));
        }
    }
    out
}
