//! Opening the database at start-up whatever state its file is in.
//!
//! The database is only a read model: everything in it can be rebuilt from
//! `content/` and the wage files (a start parses again only the files that
//! changed, trusting the rows of the others, which is why the file is
//! checked before it is used). So a file that is damaged
//! (truncated, corrupt, not a database, or from another version of the
//! schema) is moved aside and rebuilt; a file that cannot be written here
//! (read-only, locked by another process, unopenable) is left alone and the
//! site is built into an in-memory database instead, with the reason logged.
//! Either way no page is served until the publish that follows succeeded.
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{AssertSqlSafe, SqlitePool};

/// Where the read model ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The configured file, as it was.
    File,
    /// The configured file, rebuilt; the damaged one was moved to `moved_to`.
    Rebuilt { moved_to: PathBuf, reason: String },
    /// Memory: the configured file could not be used, for `reason`.
    InMemory { reason: String },
}

#[derive(Debug, thiserror::Error)]
#[error("cannot open the database {url}: {source}")]
pub struct OpenError {
    url: String,
    #[source]
    source: sqlx::Error,
}

/// What to do about a database that failed to open.
#[derive(Debug, PartialEq, Eq)]
enum Fault {
    /// Its contents are bad: rebuild the file.
    Damaged,
    /// It cannot be used from here: build elsewhere.
    Unusable,
}

pub async fn open(url: &str, mmap_mb: u64) -> Result<(SqlitePool, Opened), OpenError> {
    let failed = |source| OpenError {
        url: url.to_owned(),
        source,
    };
    let options = SqliteConnectOptions::from_str(url).map_err(failed)?;
    let path = options.get_filename().to_owned();
    if path.to_string_lossy().starts_with("file:sqlx-in-memory") {
        return Ok((in_memory().await.map_err(failed)?, Opened::File));
    }
    let first = match open_checked(url, mmap_mb).await {
        Ok(pool) => return Ok((pool, Opened::File)),
        Err(e) => e,
    };
    let reason = first.to_string();
    if classify(&first) == Fault::Damaged {
        tracing::error!(database = %path.display(), %reason, "database unusable; moving it aside and rebuilding it from the content");
        match move_aside(&path) {
            Ok(moved_to) => match open_checked(url, mmap_mb).await {
                Ok(pool) => return Ok((pool, Opened::Rebuilt { moved_to, reason })),
                Err(e) => return fall_back(&path, e.to_string()).await.map_err(failed),
            },
            Err(e) => {
                let reason = format!("{reason}; moving it aside failed: {e}");
                return fall_back(&path, reason).await.map_err(failed);
            }
        }
    }
    fall_back(&path, reason).await.map_err(failed)
}

async fn fall_back(path: &Path, reason: String) -> Result<(SqlitePool, Opened), sqlx::Error> {
    tracing::error!(
        database = %path.display(),
        %reason,
        "cannot use the database file; serving from an in-memory database built from the content (fix the file, then restart)"
    );
    Ok((in_memory().await?, Opened::InMemory { reason }))
}

/// Opens and migrates, then proves the file is sound and writable: a quick
/// integrity check, and a write that is rolled back (which waits out, then
/// reports, a lock held by another process).
async fn open_checked(url: &str, mmap_mb: u64) -> Result<SqlitePool, sqlx::Error> {
    let pool = super::connect(url, mmap_mb).await?;
    let result = check(&pool).await;
    if let Err(e) = result {
        pool.close().await;
        return Err(e);
    }
    Ok(pool)
}

async fn check(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    // Each ordinary table's pages and indexes, the full-text index's among
    // them (it keeps them in ordinary tables). Not one `quick_check` of the
    // whole file: since SQLite 3.44 that also tokenizes every indexed
    // document again to compare it with the full-text index, which took
    // more time than all the rest (180 ms of a 400 ms start at 10,000
    // roles). One connection does it all, so that one page cache fills.
    let mut conn = pool.acquire().await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema \
         WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    for table in tables {
        // A pragma takes no bound parameters; the name is quoted as a string.
        let pragma = format!("PRAGMA quick_check('{}')", table.replace('\'', "''"));
        let verdict: String = sqlx::query_scalar(AssertSqlSafe(pragma))
            .fetch_one(&mut *conn)
            .await?;
        if verdict != "ok" {
            return Err(sqlx::Error::Protocol(format!(
                "integrity check of table {table} failed: {verdict}"
            )));
        }
    }
    sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
    let probe = sqlx::query("CREATE TABLE write_probe (x INTEGER)")
        .execute(&mut *conn)
        .await;
    sqlx::query("ROLLBACK").execute(&mut *conn).await?;
    probe.map(|_| ())
}

/// A private in-memory database, kept alive by never closing its last
/// connection.
async fn in_memory() -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str("sqlite::memory:")?
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// SQLite primary result codes that mean "not from here" rather than "bad
/// contents": PERM, BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN, AUTH.
const UNUSABLE_CODES: [i64; 8] = [3, 5, 6, 8, 10, 13, 14, 23];

fn classify(e: &sqlx::Error) -> Fault {
    let code = match e {
        sqlx::Error::Database(db) => db.code(),
        sqlx::Error::Migrate(m) => match &**m {
            sqlx::migrate::MigrateError::Execute(sqlx::Error::Database(db)) => db.code(),
            // A migration history this binary does not know (a newer
            // version's file, or a changed migration): rebuild.
            _ => return Fault::Damaged,
        },
        sqlx::Error::Io(_) => return Fault::Unusable,
        _ => return Fault::Damaged,
    };
    let primary = code.and_then(|c| c.parse::<i64>().ok()).map(|c| c & 0xff);
    match primary {
        Some(c) if UNUSABLE_CODES.contains(&c) => Fault::Unusable,
        _ => Fault::Damaged,
    }
}

/// Renames the file and its WAL and shared-memory companions to
/// `<name>.damaged-<unix time>`, keeping them for inspection.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut moved_to = path.as_os_str().to_owned();
    moved_to.push(format!(".damaged-{stamp}"));
    let moved_to = PathBuf::from(moved_to);
    for suffix in ["-wal", "-shm"] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = moved_to.as_os_str().to_owned();
        to.push(suffix);
        match std::fs::rename(&from, &to) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    std::fs::rename(path, &moved_to)?;
    Ok(moved_to)
}
