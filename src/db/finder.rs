//! The occupation finder's query: published roles filtered by category,
//! typical entry-level education, minimum BLS median pay and AI impact,
//! sorted by title or by BLS median pay (highest first, unknown last).
use sqlx::{FromRow, SqlitePool};

use crate::domain::{AiImpactLevel, EducationLevel};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub category: Option<String>,
    pub education: Option<EducationLevel>,
    /// Dollars a year; roles without a published BLS median never pass.
    pub min_pay: Option<i64>,
    pub ai_impact: Option<AiImpactLevel>,
    pub sort_by_pay: bool,
}

#[derive(Debug, Clone, FromRow)]
pub struct FinderRow {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category_slug: String,
    pub category_title: String,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub education_level: String,
    pub ai_impact_level: String,
    pub bls_median: Option<i64>,
}

pub async fn find(
    pool: &SqlitePool,
    filters: &Filters,
    drafts: bool,
) -> Result<Vec<FinderRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.slug, r.title, r.summary, r.category_slug, c.title AS category_title,
           r.salary_min, r.salary_max, r.currency, r.education_level, r.ai_impact_level,
           o.annual_median AS bls_median
         FROM roles r
           JOIN categories c ON c.slug = r.category_slug
           LEFT JOIN oews_occupations o ON o.soc_code = r.soc_code
         WHERE (r.draft = 0 OR ?1)
           AND (?2 IS NULL OR r.category_slug = ?2)
           AND (?3 IS NULL OR r.education_level = ?3)
           AND (?4 IS NULL OR o.annual_median >= ?4)
           AND (?5 IS NULL OR r.ai_impact_level = ?5)
         ORDER BY
           CASE WHEN ?6 THEN o.annual_median IS NULL ELSE 0 END,
           CASE WHEN ?6 THEN -o.annual_median ELSE 0 END,
           r.title COLLATE NOCASE",
    )
    .bind(drafts)
    .bind(filters.category.as_deref())
    .bind(filters.education.map(|e| e.as_str()))
    .bind(filters.min_pay)
    .bind(filters.ai_impact.map(|a| a.as_str()))
    .bind(filters.sort_by_pay)
    .fetch_all(pool)
    .await
}

/// Every category's slug and title, for the filter and for checking it.
pub async fn category_choices(pool: &SqlitePool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, title FROM categories ORDER BY title")
        .fetch_all(pool)
        .await
}
