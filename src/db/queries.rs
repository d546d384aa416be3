//! Read queries of the content tables. Drafts are visible only when `drafts`
//! is true (preview mode); every query names its columns. Wage-data queries
//! live with the wage data, in `oews::store`.
//!
//! Rows decode into typed values (dates as `time::Date`, SOC codes as
//! `SocCode`, JSON lists through `Json`): a malformed stored value fails the
//! query, so pages never re-parse what sync already checked.
use serde::Deserialize;
use sqlx::types::Json;
use sqlx::{FromRow, SqlitePool};
use time::Date;

use crate::datasets::oews::SocCode;
use crate::domain::{AiImpactLevel, EducationLevel, SocMatch};

#[derive(Debug, Clone, FromRow)]
pub struct CategoryRow {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub intro_html: String,
    /// Published roles in the category.
    pub role_count: i64,
    /// Latest `updated` of its roles, if it has any.
    pub updated: Option<Date>,
}

/// What lists, the sidebar and the index show of a role.
#[derive(Debug, Clone, FromRow)]
pub struct RoleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category_slug: String,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub updated: Date,
    pub draft: bool,
    /// What the sidebar orders siblings by (similarity of work).
    pub soc_code: Option<String>,
}

/// One role as its page shows it.
///
/// A role's columns are spelled out in three places, kept in step by hand:
/// the `roles` table (migrations/0001_content.sql and 0003_role_facts.sql),
/// the upsert in `db/sync.rs` (`upsert_role`), and here with the `SELECT`
/// of `roles_where!`. Adding a field touches those three and `content::Role`;
/// the round trip is pinned by the role page snapshot.
#[derive(Debug, Clone, FromRow)]
pub struct RoleRow {
    pub slug: String,
    pub category_slug: String,
    pub category_title: String,
    pub title: String,
    pub summary: String,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub soc_code: Option<SocCode>,
    /// Set whenever `soc_code` is.
    pub soc_match: Option<SocMatch>,
    /// Why a `related` occupation's figures stand in for this role.
    pub soc_match_reason: Option<String>,
    pub updated: Date,
    pub draft: bool,
    pub education: String,
    pub experience: String,
    pub certifications: String,
    pub employer_types: String,
    pub growth_outlook: String,
    pub ai_impact: String,
    #[sqlx(rename = "skills_json")]
    pub skills: Json<Vec<String>>,
    pub education_level: EducationLevel,
    pub ai_impact_level: AiImpactLevel,
    pub overview_html: String,
    pub qualifications_html: String,
    pub outlook_html: String,
    pub cover_letter_html: Option<String>,
    /// The editor's pinned career moves (slugs), in order.
    #[sqlx(rename = "next_roles_json")]
    pub next_roles: Json<Vec<String>>,
}

#[derive(Debug, Clone, FromRow, Deserialize)]
pub struct DutyRow {
    pub html: String,
    pub text: String,
}

#[derive(Debug, Clone, FromRow, Deserialize)]
pub struct FaqRow {
    pub question: String,
    pub answer_html: String,
    pub answer_text: String,
}

/// One `[[sources]]` entry of a role, in file order.
#[derive(Debug, Clone, FromRow, Deserialize)]
pub struct SourceRow {
    /// What the prose cites (`[^id]`); the list entry's fragment.
    #[serde(rename = "source_id")]
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    #[serde(with = "iso_date")]
    pub accessed: Date,
}

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// A role's duties, questions and sources, each in file order.
#[derive(Debug, Clone, Default)]
pub struct RoleItems {
    pub duties: Vec<DutyRow>,
    pub faqs: Vec<FaqRow>,
    pub sources: Vec<SourceRow>,
}

/// Category columns with the count and latest update of their visible roles;
/// `?1` says whether drafts count.
macro_rules! categories_with {
    ($tail:literal) => {
        concat!(
            "SELECT c.slug, c.title, c.summary, c.intro_html,
               (SELECT COUNT(*) FROM roles r
                 WHERE r.category_slug = c.slug AND (r.draft = 0 OR ?1)) AS role_count,
               (SELECT MAX(r.updated) FROM roles r
                 WHERE r.category_slug = c.slug AND (r.draft = 0 OR ?1)) AS updated
             FROM categories c ",
            $tail
        )
    };
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn categories(pool: &SqlitePool, drafts: bool) -> Result<Vec<CategoryRow>, sqlx::Error> {
    sqlx::query_as(categories_with!("ORDER BY c.title"))
        .bind(drafts)
        .fetch_all(pool)
        .await
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn category(
    pool: &SqlitePool,
    slug: &str,
    drafts: bool,
) -> Result<Option<CategoryRow>, sqlx::Error> {
    sqlx::query_as(categories_with!("WHERE c.slug = ?2"))
        .bind(drafts)
        .bind(slug)
        .fetch_optional(pool)
        .await
}

/// Role summary columns; `?1` says whether drafts are visible.
macro_rules! role_summaries {
    ($tail:literal) => {
        concat!(
            "SELECT slug, title, summary, category_slug, salary_min, salary_max, currency, updated, draft,
               soc_code
             FROM roles WHERE (draft = 0 OR ?1) ",
            $tail
        )
    };
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn all_roles(pool: &SqlitePool, drafts: bool) -> Result<Vec<RoleSummary>, sqlx::Error> {
    sqlx::query_as(role_summaries!("ORDER BY title COLLATE NOCASE"))
        .bind(drafts)
        .fetch_all(pool)
        .await
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn roles_in_category(
    pool: &SqlitePool,
    category: &str,
    drafts: bool,
) -> Result<Vec<RoleSummary>, sqlx::Error> {
    sqlx::query_as(role_summaries!(
        "AND category_slug = ?2 ORDER BY title COLLATE NOCASE"
    ))
    .bind(drafts)
    .bind(category)
    .fetch_all(pool)
    .await
}

/// The other roles of the category, A-Z, for the "More in" sidebar (which
/// orders them by similarity of work). Drafts never appear here, even in
/// preview.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn siblings(
    pool: &SqlitePool,
    category: &str,
    except: &str,
) -> Result<Vec<RoleSummary>, sqlx::Error> {
    sqlx::query_as(role_summaries!(
        "AND category_slug = ?2 AND slug <> ?3 ORDER BY title COLLATE NOCASE"
    ))
    .bind(false) // drafts: never
    .bind(category)
    .bind(except)
    .fetch_all(pool)
    .await
}

/// The columns of `RoleRow`, with its category's title, for the roles
/// matching `$condition`.
macro_rules! roles_where {
    ($condition:literal) => {
        concat!(
            "SELECT r.slug, r.category_slug, c.title AS category_title, r.title, r.summary,
               r.salary_min, r.salary_max, r.currency, r.soc_code, r.soc_match,
               r.soc_match_reason, r.updated, r.draft, r.education, r.experience,
               r.certifications, r.employer_types, r.growth_outlook, r.ai_impact,
               r.skills_json, r.education_level, r.ai_impact_level, r.overview_html,
               r.qualifications_html, r.outlook_html, r.cover_letter_html, r.next_roles_json
             FROM roles r JOIN categories c ON c.slug = r.category_slug
             WHERE ",
            $condition
        )
    };
}
pub(crate) use roles_where;

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn role(
    pool: &SqlitePool,
    slug: &str,
    drafts: bool,
) -> Result<Option<RoleRow>, sqlx::Error> {
    sqlx::query_as(roles_where!("r.slug = ?1 AND (r.draft = 0 OR ?2)"))
        .bind(slug)
        .bind(drafts)
        .fetch_optional(pool)
        .await
}

/// A role's three lists in one statement, each as one JSON value: a page's
/// few dozen short rows cost more to hand over one by one (and three
/// statements more than one) than to find.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn role_items(pool: &SqlitePool, slug: &str) -> Result<RoleItems, sqlx::Error> {
    type Lists = (Json<Vec<DutyRow>>, Json<Vec<FaqRow>>, Json<Vec<SourceRow>>);
    let (Json(duties), Json(faqs), Json(sources)) = sqlx::query_as::<_, Lists>(
        "SELECT
           (SELECT json_group_array(json_object('html', html, 'text', text) ORDER BY position)
              FROM role_duties WHERE role_slug = ?1),
           (SELECT json_group_array(json_object('question', question,
                     'answer_html', answer_html, 'answer_text', answer_text) ORDER BY position)
              FROM role_faqs WHERE role_slug = ?1),
           (SELECT json_group_array(json_object('source_id', source_id, 'title', title, 'publisher', publisher,
                     'url', url, 'accessed', accessed) ORDER BY position)
              FROM role_sources WHERE role_slug = ?1)",
    )
    .bind(slug)
    .fetch_one(pool)
    .await?;
    Ok(RoleItems {
        duties,
        faqs,
        sources,
    })
}

/// The current slug of a role that used to be served at `alias`.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn alias_target(
    pool: &SqlitePool,
    alias: &str,
    drafts: bool,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT a.role_slug FROM role_aliases a JOIN roles r ON r.slug = a.role_slug
         WHERE a.alias = ?1 AND (r.draft = 0 OR ?2)",
    )
    .bind(alias)
    .bind(drafts)
    .fetch_optional(pool)
    .await
}

/// Published roles mapped to a BLS occupation code.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn roles_with_soc_code(
    pool: &SqlitePool,
    soc_code: &str,
) -> Result<Vec<RoleSummary>, sqlx::Error> {
    sqlx::query_as(role_summaries!(
        "AND soc_code = ?2 ORDER BY title COLLATE NOCASE"
    ))
    .bind(false) // drafts: never
    .bind(soc_code)
    .fetch_all(pool)
    .await
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn ping(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .map(|_| ())
}

/// Published roles, most recently updated first, for the Atom feeds: all of
/// them, or one category's. Drafts never appear, even in preview.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn recently_updated(
    pool: &SqlitePool,
    category: Option<&str>,
    limit: i64,
) -> Result<Vec<RoleSummary>, sqlx::Error> {
    sqlx::query_as(role_summaries!(
        "AND (?2 IS NULL OR category_slug = ?2)
         ORDER BY updated DESC, title COLLATE NOCASE LIMIT ?3"
    ))
    .bind(false) // drafts: never
    .bind(category)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Newest `updated` date of the published roles: computed once per content
/// version (see `ContentVersion`), not per page.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn latest_update(pool: &SqlitePool) -> Result<Option<time::Date>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(updated) FROM roles WHERE draft = 0")
        .fetch_one(pool)
        .await
}

/// The SOC code of every published role that has one.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn role_soc_codes(pool: &SqlitePool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, soc_code FROM roles WHERE draft = 0 AND soc_code IS NOT NULL ORDER BY slug",
    )
    .fetch_all(pool)
    .await
}

/// A published role as a link: what moves and the sidebar point at.
#[derive(Debug, Clone, FromRow)]
pub struct RoleLink {
    pub slug: String,
    pub title: String,
    pub soc_code: Option<String>,
}

/// For each of `codes`, the published profile whose own occupation
/// (`soc_match = "exact"`) it is, the first by title when several are:
/// where a career move links when it can.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn profiles_of_codes(
    pool: &SqlitePool,
    codes: &[String],
) -> Result<Vec<RoleLink>, sqlx::Error> {
    sqlx::query_as(
        // One row per code: SQLite takes the other columns from the row
        // that holds the minimum.
        "SELECT r.slug, MIN(r.title COLLATE NOCASE) AS title, r.soc_code
         FROM json_each(?1) AS code CROSS JOIN roles AS r ON r.soc_code = code.value
         WHERE r.draft = 0 AND r.soc_match = 'exact'
         GROUP BY r.soc_code",
    )
    .bind(serde_json::to_string(codes).expect("a list of strings serializes"))
    .fetch_all(pool)
    .await
}

/// Up to `limit` published roles but `except` whose occupation (exact or
/// related) is one of `codes`: those of the first code first, A-Z within
/// one code. `CROSS JOIN` keeps the codes the outer loop, so that each is
/// looked up through the `soc_code` index: the cost follows the codes and
/// their roles, not the size of the library.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn roles_of_codes(
    pool: &SqlitePool,
    codes: &[&str],
    except: &str,
    limit: usize,
) -> Result<Vec<RoleLink>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.slug, r.title, r.soc_code
         FROM json_each(?1) AS code CROSS JOIN roles AS r ON r.soc_code = code.value
         WHERE r.draft = 0 AND r.slug <> ?2
         ORDER BY code.key, r.title COLLATE NOCASE
         LIMIT ?3",
    )
    .bind(serde_json::to_string(codes).expect("a list of strings serializes"))
    .bind(except)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(pool)
    .await
}

/// The published roles among `slugs`, in no particular order.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn role_links(pool: &SqlitePool, slugs: &[String]) -> Result<Vec<RoleLink>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, title, soc_code FROM roles
         WHERE draft = 0 AND slug IN (SELECT value FROM json_each(?1))",
    )
    .bind(serde_json::to_string(slugs).expect("a list of strings serializes"))
    .fetch_all(pool)
    .await
}

/// Every former slug with the role it now redirects to (published roles).
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn aliases(pool: &SqlitePool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.alias, a.role_slug FROM role_aliases a JOIN roles r ON r.slug = a.role_slug
         WHERE r.draft = 0 ORDER BY a.alias",
    )
    .fetch_all(pool)
    .await
}
