//! SQLite: the connection pool and schema, the content sync, the content
//! queries, search, the finder, comparison and open data (the wage data
//! keeps its own in `oews::store`).
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
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // With a write-ahead log, NORMAL cannot corrupt the database; a
        // power cut may lose the last publish, which the next start redoes
        // from the content files.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}
