//! The record of the role files last published (migrations/0007): read
//! before a publish, rewritten in its transaction.
use std::collections::HashMap;
use std::path::PathBuf;

use sqlx::{Sqlite, SqlitePool, Transaction};

use super::batch::insert_rows;
use crate::content::facts::{KnownFile, KnownFiles, NewRecord};

/// The role files as last published.
#[tracing::instrument(skip(pool))]
pub async fn known(pool: &SqlitePool) -> Result<KnownFiles, sqlx::Error> {
    let rows: Vec<(String, String, Vec<u8>)> =
        sqlx::query_as("SELECT path, hash, record FROM content_files")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(path, hash, record)| (PathBuf::from(path), KnownFile { hash, record }))
        .collect())
}

/// Path -> hash of each role file as last published: what the file's
/// text was (with the loader that read it), without its record.
pub async fn hashes(pool: &SqlitePool) -> Result<HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT path, hash FROM content_files")
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Records the files parsed this time and forgets the files no longer in
/// the tree (`paths`: every role file's path, as a JSON list).
pub async fn update(
    tx: &mut Transaction<'_, Sqlite>,
    parsed: &[NewRecord],
    paths_json: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM content_files WHERE path NOT IN (SELECT value FROM json_each(?))")
        .bind(paths_json)
        .execute(&mut **tx)
        .await?;
    insert_rows(
        tx,
        "INSERT INTO content_files (path, hash, record) ",
        " ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, record = excluded.record",
        3,
        parsed.iter().collect(),
        |mut row, new| {
            row.push_bind(new.path.to_string_lossy().into_owned())
                .push_bind(&new.hash)
                .push_bind(&new.record);
        },
    )
    .await
}
