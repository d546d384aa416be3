//! Facts of a role that only the JSON alternate shows: its sources with
//! their ids and dates.
use sqlx::{FromRow, SqlitePool};
use time::Date;

#[derive(Debug, Clone, FromRow)]
pub struct SourceRow {
    pub source_id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub accessed: Date,
}

pub async fn sources(pool: &SqlitePool, slug: &str) -> Result<Vec<SourceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT source_id, title, publisher, url, accessed FROM role_sources
         WHERE role_slug = ? ORDER BY position",
    )
    .bind(slug)
    .fetch_all(pool)
    .await
}
