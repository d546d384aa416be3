//! The record of the role files last published (migrations/0007): read
//! before a publish, rewritten in its transaction.
use std::path::PathBuf;

use sqlx::types::Json;
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::content::facts::{FileRecord, KnownFiles};

/// The role files as last published. A record this build cannot read (an
/// older shape) is left out: its file is parsed again.
#[tracing::instrument(skip(pool))]
pub async fn known(pool: &SqlitePool) -> Result<KnownFiles, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT path, record FROM content_files")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(path, record)| {
            let record: FileRecord = serde_json::from_str(&record).ok()?;
            Some((PathBuf::from(path), record))
        })
        .collect())
}

/// Records the files parsed this time and forgets the files no longer in
/// the tree (`paths`: every role file's path, as a JSON list).
pub async fn update(
    tx: &mut Transaction<'_, Sqlite>,
    parsed: &[(PathBuf, FileRecord)],
    paths_json: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM content_files WHERE path NOT IN (SELECT value FROM json_each(?))")
        .bind(paths_json)
        .execute(&mut **tx)
        .await?;
    for chunk in parsed.chunks(500) {
        let mut query =
            sqlx::QueryBuilder::<Sqlite>::new("INSERT INTO content_files (path, hash, record) ");
        query.push_values(chunk, |mut row, (path, record)| {
            row.push_bind(path.to_string_lossy().into_owned())
                .push_bind(&record.hash)
                .push_bind(Json(record));
        });
        query.push(
            " ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, record = excluded.record",
        );
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}
