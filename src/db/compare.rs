//! What the comparison page needs of each role.
use sqlx::types::Json;
use sqlx::{FromRow, SqlitePool};

use crate::oews::SocCode;

#[derive(Debug, Clone, FromRow)]
pub struct CompareRow {
    pub slug: String,
    pub title: String,
    pub category_slug: String,
    pub category_title: String,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub soc_code: Option<SocCode>,
    pub education: String,
    pub experience: String,
    pub certifications: String,
    pub employer_types: String,
    pub growth_outlook: String,
    pub ai_impact: String,
    #[sqlx(rename = "skills_json")]
    pub skills: Json<Vec<String>>,
    pub education_level: String,
    pub ai_impact_level: String,
}

/// The roles among `slugs` that exist (drafts only in preview), in no
/// particular order.
pub async fn roles(
    pool: &SqlitePool,
    slugs: &[String],
    drafts: bool,
) -> Result<Vec<CompareRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.slug, r.title, r.category_slug, c.title AS category_title, r.salary_min,
           r.salary_max, r.currency, r.soc_code, r.education, r.experience, r.certifications,
           r.employer_types, r.growth_outlook, r.ai_impact, r.skills_json, r.education_level,
           r.ai_impact_level
         FROM roles r JOIN categories c ON c.slug = r.category_slug
         WHERE r.slug IN (SELECT value FROM json_each(?1)) AND (r.draft = 0 OR ?2)",
    )
    .bind(serde_json::to_string(slugs).expect("a list of strings serializes"))
    .bind(drafts)
    .fetch_all(pool)
    .await
}
