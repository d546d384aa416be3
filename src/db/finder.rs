//! The occupation finder's query: published roles filtered by category,
//! typical entry-level education (exactly, or at most a level), minimum BLS
//! median pay, AI impact and a bright outlook, sorted by title, BLS median
//! pay, projected growth or openings (highest first, unknown last). The
//! query joins the wage and projection tables: filtering and sorting in
//! SQL is what keeps it one statement.
use sqlx::{FromRow, SqlitePool};

use crate::datasets::projections::ALL_OCCUPATIONS_CHANGE;
use crate::datasets::projections::outlook::{BRIGHT_GROWTH_MULTIPLE, BRIGHT_MIN_OPENINGS};
use crate::domain::{AiImpactLevel, EducationLevel};

/// How finder results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Title,
    /// BLS median pay, highest first.
    Pay,
    /// Projected change 2024-34, highest first.
    Growth,
    /// Openings a year, most first.
    Openings,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Title, Sort::Pay, Sort::Growth, Sort::Openings];

    /// The `?sort=` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Title => "title",
            Sort::Pay => "pay",
            Sort::Growth => "growth",
            Sort::Openings => "openings",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Title => "Title, A–Z",
            Sort::Pay => "BLS median pay, highest first",
            Sort::Growth => "Projected growth, fastest first",
            Sort::Openings => "Openings a year, most first",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub category: Option<String>,
    pub education: Option<EducationLevel>,
    /// This level or less, in BLS's order of levels.
    pub max_education: Option<EducationLevel>,
    /// Dollars a year, against the role's own pay (see [`find`]); roles
    /// without one never pass.
    pub min_pay: Option<i64>,
    pub ai_impact: Option<AiImpactLevel>,
    /// Only occupations with a bright outlook (see `projections::outlook`).
    pub bright: bool,
    pub sort: Sort,
}

#[derive(Debug, Clone, FromRow)]
pub struct FinderRow {
    /// How many roles match in all (the same on every row).
    pub total: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category_slug: String,
    pub category_title: String,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub education_level: EducationLevel,
    pub ai_impact_level: AiImpactLevel,
    pub bls_median: Option<i64>,
    pub soc_code: Option<String>,
    /// The BLS occupation's title, when its figures are a related one's.
    pub related_occupation: Option<String>,
    /// What the role pays for filtering and sorting (see [`find`]).
    pub pay: Option<i64>,
    pub change_percent: Option<f64>,
    pub annual_openings: Option<i64>,
}

/// One pay truth per role: a role's pay is its occupation's BLS median when
/// the occupation is its own (`soc_match = "exact"`), and the midpoint of
/// the editor's range when the figures are a related occupation's: another
/// job's median is never used as the role's own.
pub async fn find(
    pool: &SqlitePool,
    filters: &Filters,
    drafts: bool,
) -> Result<Vec<FinderRow>, sqlx::Error> {
    find_page(pool, filters, drafts, -1, 0).await
}

/// The `limit` matches after `offset` (`-1`: all), each with the number of
/// all matches in `total`.
pub async fn find_page(
    pool: &SqlitePool,
    filters: &Filters,
    drafts: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<FinderRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*) OVER () AS total, r.slug, r.title, r.summary, r.category_slug, c.title AS category_title,
           r.salary_min, r.salary_max, r.currency, r.education_level, r.ai_impact_level,
           r.soc_code, o.annual_median AS bls_median,
           CASE WHEN r.soc_match = 'related' THEN o.title END AS related_occupation,
           CASE WHEN r.soc_match = 'related' THEN (r.salary_min + r.salary_max) / 2
                ELSE o.annual_median END AS pay,
           p.change_percent, p.annual_openings
         FROM roles r
           JOIN categories c ON c.slug = r.category_slug
           LEFT JOIN oews_occupations o ON o.soc_code = r.soc_code
           LEFT JOIN ep_projections p ON p.soc_code = r.soc_code
         WHERE (r.draft = 0 OR ?1)
           AND (?2 IS NULL OR r.category_slug = ?2)
           AND (?3 IS NULL OR r.education_level = ?3)
           AND (?4 IS NULL OR pay >= ?4)
           AND (?5 IS NULL OR r.ai_impact_level = ?5)
           AND (?6 IS NULL OR r.education_level IN (SELECT value FROM json_each(?6)))
           AND (NOT ?7 OR p.change_percent >= ?8 OR p.annual_openings >= ?9)
         ORDER BY
           CASE ?10 WHEN 'pay' THEN pay IS NULL
                    WHEN 'growth' THEN p.change_percent IS NULL
                    WHEN 'openings' THEN p.annual_openings IS NULL ELSE 0 END,
           CASE ?10 WHEN 'pay' THEN -pay
                    WHEN 'growth' THEN -p.change_percent
                    WHEN 'openings' THEN -p.annual_openings ELSE 0 END,
           r.title COLLATE NOCASE
         LIMIT ?11 OFFSET ?12",
    )
    .bind(drafts)
    .bind(filters.category.as_deref())
    .bind(filters.education.map(|e| e.as_str()))
    .bind(filters.min_pay)
    .bind(filters.ai_impact.map(|a| a.as_str()))
    .bind(filters.max_education.map(|max| {
        // The levels up to `max`, as a JSON list for json_each.
        let levels: Vec<&str> = EducationLevel::ALL
            .iter()
            .filter(|l| **l <= max)
            .map(|l| l.as_str())
            .collect();
        serde_json::to_string(&levels).expect("a list of strings serializes")
    }))
    .bind(filters.bright)
    .bind(BRIGHT_GROWTH_MULTIPLE * ALL_OCCUPATIONS_CHANGE)
    .bind(BRIGHT_MIN_OPENINGS)
    .bind(filters.sort.as_str())
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await
}

/// Every category's slug and title, for the filter and for checking it.
pub async fn category_choices(pool: &SqlitePool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, title FROM categories ORDER BY title")
        .fetch_all(pool)
        .await
}
