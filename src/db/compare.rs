//! The roles of a comparison: the same rows as a role page, several at once.
use sqlx::SqlitePool;

use super::queries::{RoleRow, roles_where};

/// The roles among `slugs` that exist (drafts only in preview), in no
/// particular order.
pub async fn roles(
    pool: &SqlitePool,
    slugs: &[String],
    drafts: bool,
) -> Result<Vec<RoleRow>, sqlx::Error> {
    sqlx::query_as(roles_where!(
        "r.slug IN (SELECT value FROM json_each(?1)) AND (r.draft = 0 OR ?2)"
    ))
    .bind(serde_json::to_string(slugs).expect("a list of strings serializes"))
    .bind(drafts)
    .fetch_all(pool)
    .await
}
