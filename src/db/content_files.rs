//! The record of the role files last published (migrations/0007): read
//! before a publish, rewritten in its transaction.
use std::path::PathBuf;

use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::content::facts::{FileRecord, KnownFiles};

/// The role files as last published. A record this build cannot read (an
/// older shape) is left out: its file is parsed again.
#[tracing::instrument(skip(pool))]
pub async fn known(pool: &SqlitePool) -> Result<KnownFiles, sqlx::Error> {
    let rows: Vec<(String, Vec<u8>)> = sqlx::query_as("SELECT path, record FROM content_files")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(path, record)| Some((PathBuf::from(path), decode(&record)?)))
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
        let encoded: Vec<(String, &str, Vec<u8>)> = chunk
            .iter()
            .map(|(path, record)| {
                let path = path.to_string_lossy().into_owned();
                Ok((path, record.hash.as_str(), encode(record)?))
            })
            .collect::<Result<_, std::io::Error>>()
            .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        query.push_values(encoded, |mut row, (path, hash, record)| {
            row.push_bind(path).push_bind(hash).push_bind(record);
        });
        query.push(
            " ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, record = excluded.record",
        );
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Records are JSON compressed with zstd: their anchors repeat the file's
/// path and lines, and a tenth of the bytes is a tenth of the writing.
fn encode(record: &FileRecord) -> std::io::Result<Vec<u8>> {
    let json = serde_json::to_vec(record).map_err(std::io::Error::other)?;
    zstd::encode_all(&json[..], 1)
}

fn decode(bytes: &[u8]) -> Option<FileRecord> {
    let json = zstd::decode_all(bytes).ok()?;
    serde_json::from_slice(&json).ok()
}
