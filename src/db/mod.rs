//! SQLite: the connection pool and schema, the content sync, the content
//! queries, search, the finder, comparison and open data (the wage data
//! keeps its own in `oews::store`).
mod batch;
pub mod compare;
pub mod content_files;
pub mod finder;
pub mod open_data;
pub mod queries;
pub mod recovery;
pub mod search;
mod search_index;
pub mod sync;

use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// Opens (creating if needed) the database at `url` and applies migrations.
/// `mmap_mb`: how much of the file connections read through a memory map
/// instead of copying each page in with a system call (0: none).
pub async fn connect(url: &str, mmap_mb: u64) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // With a write-ahead log, NORMAL cannot corrupt the database; a
        // power cut may lose the last publish, which the next start redoes
        // from the content files.
        .synchronous(SqliteSynchronous::Normal)
        // A publish writes the whole tree in one transaction; copying it
        // into the database file as part of the commit would keep the new
        // content from being served for as long. `checkpoint_soon` copies
        // it afterwards instead.
        .pragma("wal_autocheckpoint", "0")
        .pragma("mmap_size", (mmap_mb * 1024 * 1024).to_string())
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Items as a JSON list, the form queries take a list of values in (read
/// with `json_each`).
pub(crate) fn json_list<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<T> = items.into_iter().collect();
    serde_json::to_string(&items).expect("a list of numbers or strings serializes")
}

/// Copies what the write-ahead log holds into the database file, in the
/// background, so that the log does not grow without end: called after
/// every write of content or wage data. Readers are not blocked; a failure
/// is logged and the next call tries again.
pub fn checkpoint_soon(pool: &SqlitePool) {
    let pool = pool.clone();
    tokio::spawn(async move {
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            tracing::warn!(error = %e, "write-ahead log checkpoint failed");
        }
    });
}

/// A fresh database file in `dir` with only `schemas` applied: what a data
/// slice's own tests import into.
#[cfg(test)]
pub async fn test_pool(dir: &std::path::Path, schemas: &[&str]) -> SqlitePool {
    use std::str::FromStr;

    let url = format!("sqlite://{}", dir.join("test.db").display());
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(&url)
        .expect("a file URL")
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
        .expect("a database in a temporary directory opens");
    for schema in schemas {
        sqlx::raw_sql(sqlx::AssertSqlSafe(*schema))
            .execute(&pool)
            .await
            .expect("the schema applies");
    }
    pool
}
