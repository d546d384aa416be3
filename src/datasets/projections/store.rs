//! SQLite side of the projections: the start-up import and the page reads.
//! The schema is migrations/0010_projections.sql.
use std::path::Path;

use sha2::{Digest, Sha256};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::{FILE, Projection, ProjectionsError, parse};
use crate::datasets::oews::SocCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The file hashes to what the last import recorded; nothing was written.
    Unchanged,
    Imported {
        rows: usize,
    },
}

/// Loads `occupations.csv` from `data_dir` unless it is byte-for-byte what
/// the last import recorded. The file is parsed whole before anything is
/// written, and the table replaced in one transaction: a bad row leaves the
/// previous data in place.
pub async fn import_if_changed(
    pool: &SqlitePool,
    data_dir: &Path,
) -> Result<ImportOutcome, ProjectionsError> {
    let path = data_dir.join(FILE);
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|source| ProjectionsError::Read {
            file: path.clone(),
            source,
        })?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let recorded: Option<String> =
        sqlx::query_scalar("SELECT sha256 FROM ep_imports WHERE file = ?")
            .bind(FILE)
            .fetch_optional(pool)
            .await?;
    if recorded.as_deref() == Some(sha256.as_str()) {
        return Ok(ImportOutcome::Unchanged);
    }
    // 110 kB: parsing takes a few milliseconds, not worth a blocking thread.
    let rows = parse::occupations(&path, &bytes)?;

    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM ep_projections")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM ep_imports")
        .execute(&mut *tx)
        .await?;
    // 9 values a row: 200 rows stay far below SQLite's parameter limit.
    for chunk in rows.chunks(200) {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO ep_projections (soc_code, title, employment_2024, employment_2034, \
             change_percent, annual_openings, education, experience, training) ",
        );
        insert.push_values(chunk, |mut row, p| {
            row.push_bind(p.soc_code.as_str())
                .push_bind(p.title.as_str())
                .push_bind(p.employment_2024)
                .push_bind(p.employment_2034)
                .push_bind(p.change_percent)
                .push_bind(p.annual_openings)
                .push_bind(p.education.as_str())
                .push_bind(p.experience.as_str())
                .push_bind(p.training.as_str());
        });
        insert.build().persistent(false).execute(&mut *tx).await?;
    }
    sqlx::query("INSERT INTO ep_imports (file, sha256, row_count) VALUES (?, ?, ?)")
        .bind(FILE)
        .bind(&sha256)
        .bind(i64::try_from(rows.len()).unwrap_or(i64::MAX))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(dir = %data_dir.display(), rows = rows.len(), "employment projections imported");
    Ok(ImportOutcome::Imported { rows: rows.len() })
}

/// True when an earlier import left projections in the database.
pub async fn has_imported_data(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM ep_imports)")
        .fetch_one(pool)
        .await
}

/// The SHA-256 of the imported file: the data's identity for the export.
pub async fn import_hashes(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT sha256 FROM ep_imports ORDER BY file")
        .fetch_all(pool)
        .await
}

/// Every occupation's projection, in SOC order.
pub async fn all(pool: &SqlitePool) -> Result<Vec<Projection>, sqlx::Error> {
    sqlx::query_as(
        "SELECT soc_code, title, employment_2024, employment_2034, change_percent, \
         annual_openings, education, experience, training \
         FROM ep_projections ORDER BY soc_code",
    )
    .fetch_all(pool)
    .await
}

/// The projections of `codes` that BLS publishes.
pub async fn of_codes(pool: &SqlitePool, codes: &[String]) -> Result<Vec<Projection>, sqlx::Error> {
    sqlx::query_as(
        "SELECT soc_code, title, employment_2024, employment_2034, change_percent, \
         annual_openings, education, experience, training \
         FROM ep_projections WHERE soc_code IN (SELECT value FROM json_each(?)) ORDER BY soc_code",
    )
    .bind(serde_json::to_string(codes).expect("a list of strings serializes"))
    .fetch_all(pool)
    .await
}

/// The projection of `code`, when BLS publishes one.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn projection(
    pool: &SqlitePool,
    code: &SocCode,
) -> Result<Option<Projection>, sqlx::Error> {
    sqlx::query_as(
        "SELECT soc_code, title, employment_2024, employment_2034, change_percent, \
         annual_openings, education, experience, training \
         FROM ep_projections WHERE soc_code = ?",
    )
    .bind(code.as_str())
    .fetch_optional(pool)
    .await
}

#[cfg(test)]
mod tests;
