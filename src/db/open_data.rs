//! Facts of a role that the page shows through other queries, read for the
//! JSON alternate.
use sqlx::{FromRow, SqlitePool};
use time::Date;

#[derive(Debug, Clone, FromRow)]
pub struct RoleLevels {
    pub education_level: String,
    pub ai_impact_level: String,
    pub soc_match: Option<String>,
    pub soc_match_reason: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct SourceRow {
    pub source_id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub accessed: Date,
}

pub async fn levels(pool: &SqlitePool, slug: &str) -> Result<Option<RoleLevels>, sqlx::Error> {
    sqlx::query_as(
        "SELECT education_level, ai_impact_level, soc_match, soc_match_reason
         FROM roles WHERE slug = ?",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await
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
