//! Opening the database (SQLite file by default, PostgreSQL by URL) and bringing its schema up
//! to date with the `migration` crate (and sealing what a migration stored in plain form).

use std::time::Duration;

use anyhow::Context as _;
use app::ssr::keys::Keys;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

/// Connects and migrates. For a SQLite file, its folder is created first. On PostgreSQL the
/// migrations run under an advisory lock, so instances that start together migrate one after
/// the other (the second finds nothing left to do) instead of creating the same tables at once.
pub async fn connect_and_migrate(url: &str) -> anyhow::Result<DatabaseConnection> {
    let db = connect(url).await?;
    let lock = if url.starts_with("postgres") {
        Some(MigrationLock::take(url).await?)
    } else {
        None
    };
    let migrated = Migrator::up(&db, None)
        .await
        .context("running database migrations");
    if let Some(lock) = lock {
        lock.release().await;
    }
    migrated?;
    Ok(db)
}

/// PostgreSQL's session-level advisory lock on one connection of its own, held while migrating.
struct MigrationLock(DatabaseConnection);

/// The lock's number: any constant the application uses for nothing else ("mb-migr").
const MIGRATION_LOCK: i64 = 0x6d62_2d6d_6967_72;

impl MigrationLock {
    /// Waits until no other instance migrates, then holds the lock.
    async fn take(url: &str) -> anyhow::Result<MigrationLock> {
        use sea_orm::ConnectionTrait;
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(1)
            .min_connections(1)
            .sqlx_logging(false);
        let conn = Database::connect(options)
            .await
            .with_context(|| format!("connecting to {}", redact(url)))?;
        conn.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
            .await
            .context("taking the migration lock")?;
        Ok(MigrationLock(conn))
    }

    /// Releases the lock (closing the connection would too).
    async fn release(self) {
        use sea_orm::ConnectionTrait;
        if let Err(err) = self
            .0
            .execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
            .await
        {
            tracing::warn!(error = %err, "could not release the migration lock; closing");
        }
        let _ = self.0.close().await;
    }
}

/// The steps of migrations that need the server's key, which a migration does not have: seal
/// the ballots and answers the migration that began sealing them left in plain JSON, and fold
/// accounts that are one mailbox (`app::ssr::account_fold`). Run at start-up, after migrating,
/// before anything reads them; each finds nothing to do once done.
pub async fn finish_migrations(db: &DatabaseConnection, keys: &Keys) -> anyhow::Result<()> {
    let ballots = app::ssr::voting::seal_plain_ballots(db, keys)
        .await
        .map_err(|err| anyhow::anyhow!("sealing plain ballots: {err}"))?;
    let answers = app::ssr::participation::seal_plain_answers(db, keys)
        .await
        .map_err(|err| anyhow::anyhow!("sealing plain answers: {err}"))?;
    if ballots + answers > 0 {
        tracing::info!(ballots, answers, "sealed rows stored before sealing");
    }
    app::ssr::account_fold::fold_accounts(db, keys)
        .await
        .map_err(|err| anyhow::anyhow!("folding accounts of one mailbox: {err}"))?;
    Ok(())
}

/// Connects without migrating.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    // SQLite allows one writer; a transaction that reads and then writes on a second
    // connection fails with "database is locked" instead of waiting. One connection makes
    // every transaction wait its turn (SQLite serialises writes anyway).
    // Write-ahead logging: a commit appends to the log instead of rewriting pages through a
    // rollback journal (one fsync per commit instead of several), and readers do not wait
    // for the writer. `synchronous = FULL` keeps every acknowledged commit through a power
    // cut, not only through a crash of the server.
    options.map_sqlx_sqlite_opts(|sqlite| {
        sqlite
            .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
    });
    options
        .max_connections(if url.starts_with("sqlite:") { 1 } else { 20 })
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(8))
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .with_context(|| format!("connecting to {}", redact(url)))
}

/// The file of a `sqlite://path?…` URL, if it is one (not `sqlite::memory:`).
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://")?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The URL with any password replaced, for logs and errors.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_a_database_url_is_hidden() {
        assert_eq!(
            redact("postgres://mb:secret@localhost/db"),
            "postgres://mb:***@localhost/db"
        );
        assert_eq!(
            redact("sqlite://data/x.db?mode=rwc"),
            "sqlite://data/x.db?mode=rwc"
        );
    }

    #[test]
    fn the_sqlite_file_is_found_in_the_url() {
        assert_eq!(
            sqlite_file("sqlite://data/x.db?mode=rwc"),
            Some("data/x.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }
}
