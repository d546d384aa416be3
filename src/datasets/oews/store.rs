//! SQLite side of the wage data: the start-up import and the page reads.
//! The schema is migrations/0002_oews.sql.
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, Sqlite, SqliteConnection, SqlitePool};

use super::{
    NATIONAL_FILE, Occupation, OewsError, STATES_FILE, SocCode, StateArea, StateWage, parse,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Both files hash to what the last import recorded; nothing was written.
    Unchanged,
    /// Both tables were replaced.
    Imported {
        national_rows: usize,
        state_rows: usize,
    },
}

/// Loads national.csv and states.csv from `data_dir` unless both are
/// byte-for-byte what the last import recorded.
///
/// Both files are parsed in full before anything is written, and the tables
/// are replaced in one transaction, so a bad row leaves the previous data
/// (and the previous hashes) in place rather than a half-loaded site.
pub async fn import_if_changed(
    pool: &SqlitePool,
    data_dir: &Path,
) -> Result<ImportOutcome, OewsError> {
    let paths = (data_dir.join(NATIONAL_FILE), data_dir.join(STATES_FILE));
    // Reading, hashing and parsing ~6 MB is CPU work: keep it off the
    // async workers.
    let (national, states) =
        blocking(move || Ok::<_, OewsError>((Source::read(paths.0)?, Source::read(paths.1)?)))
            .await?;

    let recorded: Vec<(String, String)> = sqlx::query_as("SELECT file, sha256 FROM oews_imports")
        .fetch_all(pool)
        .await?;
    let is_recorded = |s: &Source| {
        recorded
            .iter()
            .any(|(file, sha)| file == s.name() && *sha == s.sha256)
    };
    if is_recorded(&national) && is_recorded(&states) {
        tracing::info!(dir = %data_dir.display(), "OEWS wage data unchanged; not re-imported");
        return Ok(ImportOutcome::Unchanged);
    }

    let (national, states, occupations, wages) = blocking(move || {
        let occupations = parse::national(&national.path, &national.bytes)?;
        let wages = parse::states(&states.path, &states.bytes)?;
        Ok::<_, OewsError>((national, states, occupations, wages))
    })
    .await?;

    let started = std::time::Instant::now();
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM oews_state_wages")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM oews_occupations")
        .execute(&mut *tx)
        .await?;
    // The metro file keeps its own record (`metro::import_if_changed`).
    sqlx::query("DELETE FROM oews_imports WHERE file IN (?, ?)")
        .bind(NATIONAL_FILE)
        .bind(STATES_FILE)
        .execute(&mut *tx)
        .await?;
    insert_occupations(&mut tx, &occupations).await?;
    insert_state_wages(&mut tx, &wages).await?;
    for (source, rows) in [(&national, occupations.len()), (&states, wages.len())] {
        sqlx::query("INSERT INTO oews_imports (file, sha256, row_count) VALUES (?, ?, ?)")
            .bind(source.name())
            .bind(source.sha256.as_str())
            .bind(i64::try_from(rows).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;

    tracing::info!(
        dir = %data_dir.display(),
        national_rows = occupations.len(),
        state_rows = wages.len(),
        write_ms = started.elapsed().as_millis() as u64,
        "OEWS wage data imported"
    );
    Ok(ImportOutcome::Imported {
        national_rows: occupations.len(),
        state_rows: wages.len(),
    })
}

/// One input file, read once: the bytes that are hashed are the bytes that
/// are parsed, even if the file changes on disk meanwhile.
struct Source {
    path: PathBuf,
    bytes: Vec<u8>,
    sha256: String,
}

impl Source {
    fn read(path: PathBuf) -> Result<Source, OewsError> {
        let bytes = std::fs::read(&path).map_err(|source| OewsError::Read {
            file: path.clone(),
            source,
        })?;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Ok(Source {
            path,
            bytes,
            sha256,
        })
    }

    /// The key in `oews_imports`: the bare file name, so that moving the
    /// data directory does not force a re-import.
    fn name(&self) -> &str {
        self.path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
    }
}

/// Runs `f` on tokio's blocking pool; a panic in `f` is re-raised here.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(f).await {
        Ok(value) => value,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// Rows per multi-row INSERT. One round trip per row through sqlx's SQLite
/// worker thread costs more than SQLite's own work, so rows are batched:
/// 400 rows x 16 columns = 6,400 parameters, far below SQLite's limit of
/// 32,766. The full-size statement text is the same every time, so sqlx's
/// per-connection statement cache prepares it once.
const ROWS_PER_INSERT: usize = 400;

type SqliteQuery<'q> = Query<'q, Sqlite, SqliteArguments>;

async fn insert_occupations(
    conn: &mut SqliteConnection,
    rows: &[Occupation],
) -> Result<(), sqlx::Error> {
    const HEAD: &str = "INSERT INTO oews_occupations (soc_code, title, level, employment, \
        annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90, \
        hourly_median, footnotes, hourly_p10, hourly_p25, hourly_p75, hourly_p90) VALUES ";
    insert_all(conn, HEAD, 16, rows, |q, r| {
        q.bind(r.soc_code.as_str())
            .bind(r.title.as_str())
            .bind(r.level)
            .bind(r.employment)
            .bind(r.annual_mean)
            .bind(r.annual_p10)
            .bind(r.annual_p25)
            .bind(r.annual_median)
            .bind(r.annual_p75)
            .bind(r.annual_p90)
            .bind(r.hourly_median)
            .bind(r.footnotes.as_str())
            .bind(r.hourly_p10)
            .bind(r.hourly_p25)
            .bind(r.hourly_p75)
            .bind(r.hourly_p90)
    })
    .await
}

async fn insert_state_wages(
    conn: &mut SqliteConnection,
    rows: &[StateWage],
) -> Result<(), sqlx::Error> {
    const HEAD: &str = "INSERT INTO oews_state_wages (area_code, area_name, soc_code, \
        employment, annual_p10, annual_p25, annual_median, annual_p75, annual_p90, \
        location_quotient, hourly_p10, hourly_p25, hourly_median, hourly_p75, hourly_p90) VALUES ";
    insert_area_wages(conn, HEAD, rows).await
}

/// Inserts area rows (state or metro: the same columns) after `head`.
pub(super) async fn insert_area_wages(
    conn: &mut SqliteConnection,
    head: &str,
    rows: &[StateWage],
) -> Result<(), sqlx::Error> {
    insert_all(conn, head, 15, rows, |q, r| {
        q.bind(r.area_code.as_str())
            .bind(r.area_name.as_str())
            .bind(r.soc_code.as_str())
            .bind(r.employment)
            .bind(r.annual_p10)
            .bind(r.annual_p25)
            .bind(r.annual_median)
            .bind(r.annual_p75)
            .bind(r.annual_p90)
            .bind(r.location_quotient)
            .bind(r.hourly_p10)
            .bind(r.hourly_p25)
            .bind(r.hourly_median)
            .bind(r.hourly_p75)
            .bind(r.hourly_p90)
    })
    .await
}

/// Inserts `rows` in batches of [`ROWS_PER_INSERT`]; `bind` binds one row's
/// `columns` values in the order `head` names them.
async fn insert_all<T>(
    conn: &mut SqliteConnection,
    head: &str,
    columns: usize,
    rows: &[T],
    bind: impl for<'q> Fn(SqliteQuery<'q>, &T) -> SqliteQuery<'q>,
) -> Result<(), sqlx::Error> {
    let full: Arc<str> = values_sql(head, columns, ROWS_PER_INSERT).into();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        // The text is built here from constants and counts only; values are
        // always bound, never spliced in.
        let mut query = if chunk.len() == ROWS_PER_INSERT {
            sqlx::query(AssertSqlSafe(Arc::clone(&full)))
        } else {
            // The short tail runs once: don't keep it in the statement cache.
            sqlx::query(AssertSqlSafe(values_sql(head, columns, chunk.len()))).persistent(false)
        };
        for row in chunk {
            query = bind(query, row);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// `head` followed by `rows` groups of `(?, ?, ...)`.
fn values_sql(head: &str, columns: usize, rows: usize) -> String {
    let group = format!("({})", vec!["?"; columns].join(", "));
    let mut sql = String::with_capacity(head.len() + rows * (group.len() + 2));
    sql.push_str(head);
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&group);
    }
    sql
}

// Reads. sqlx takes `&'static str`, so the shared column list is spliced in
// with `concat!` at compile time.
macro_rules! select_occupations {
    ($rest:literal) => {
        concat!(
            "SELECT soc_code, title, level, employment, annual_mean, annual_p10, annual_p25, \
             annual_median, annual_p75, annual_p90, hourly_median, footnotes, \
             hourly_p10, hourly_p25, hourly_p75, hourly_p90 \
             FROM oews_occupations ",
            $rest
        )
    };
}

macro_rules! select_state_wages {
    ($rest:literal) => {
        concat!(
            "SELECT area_code, area_name, soc_code, employment, annual_p10, annual_p25, \
             annual_median, annual_p75, annual_p90, location_quotient, hourly_p10, hourly_p25, \
             hourly_median, hourly_p75, hourly_p90 \
             FROM oews_state_wages ",
            $rest
        )
    };
}

/// True when an earlier import left wage data in the database.
pub async fn has_imported_data(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM oews_imports)")
        .fetch_one(pool)
        .await
}

/// The national row for `code`, at any level.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn occupation(
    pool: &SqlitePool,
    code: &SocCode,
) -> Result<Option<Occupation>, sqlx::Error> {
    sqlx::query_as(select_occupations!("WHERE soc_code = ?"))
        .bind(code.as_str())
        .fetch_optional(pool)
        .await
}

/// The national rows of `codes` (any level), in SOC order.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn occupations(
    pool: &SqlitePool,
    codes: &[String],
) -> Result<Vec<Occupation>, sqlx::Error> {
    sqlx::query_as(select_occupations!(
        "WHERE soc_code IN (SELECT value FROM json_each(?)) ORDER BY soc_code"
    ))
    .bind(serde_json::to_string(codes).expect("a list of strings serializes"))
    .fetch_all(pool)
    .await
}

/// Every detailed (level 3) occupation, in SOC order.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn detailed_occupations(pool: &SqlitePool) -> Result<Vec<Occupation>, sqlx::Error> {
    sqlx::query_as(select_occupations!("WHERE level = 3 ORDER BY soc_code"))
        .fetch_all(pool)
        .await
}

/// The major groups (`NN-0000`, level 0) in SOC order, without the
/// all-occupations total 00-0000.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn major_groups(pool: &SqlitePool) -> Result<Vec<Occupation>, sqlx::Error> {
    sqlx::query_as(select_occupations!(
        "WHERE level = 0 AND soc_code <> '00-0000' ORDER BY soc_code"
    ))
    .fetch_all(pool)
    .await
}

/// The state-level areas that published `code`, by area name: what a role
/// page offers to choose from. One row of JSON instead of a row per area:
/// every role page asks, and fifty rows cost more to hand over than to
/// find.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn state_areas(pool: &SqlitePool, code: &SocCode) -> Result<Vec<StateArea>, sqlx::Error> {
    let Json(areas) = sqlx::query_scalar(
        "SELECT json_group_array(json_object('area_code', area_code, 'area_name', area_name) \
         ORDER BY area_name) FROM oews_state_wages WHERE soc_code = ?",
    )
    .bind(code.as_str())
    .fetch_one(pool)
    .await?;
    Ok(areas)
}

/// The wages of `code` in one state-level area, if it published them.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn state_wage(
    pool: &SqlitePool,
    code: &SocCode,
    area_code: &str,
) -> Result<Option<StateWage>, sqlx::Error> {
    sqlx::query_as(select_state_wages!("WHERE soc_code = ? AND area_code = ?"))
        .bind(code.as_str())
        .bind(area_code)
        .fetch_optional(pool)
        .await
}

/// Every state-level area that published `code`, by area name.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn state_wages(pool: &SqlitePool, code: &SocCode) -> Result<Vec<StateWage>, sqlx::Error> {
    sqlx::query_as(select_state_wages!("WHERE soc_code = ? ORDER BY area_name"))
        .bind(code.as_str())
        .fetch_all(pool)
        .await
}

/// SOC codes of the detailed occupations that have a `/salaries/{soc}` page.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn salary_page_codes(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT soc_code FROM oews_occupations WHERE level = 3 ORDER BY soc_code")
        .fetch_all(pool)
        .await
}

/// The SHA-256 of each imported wage file: the wage data's identity.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn wage_import_hashes(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT sha256 FROM oews_imports ORDER BY file")
        .fetch_all(pool)
        .await
}

#[cfg(test)]
mod tests;
