//! Search queries over the FTS5 indexes (migrations/0005_search.sql).
//!
//! Order of results: roles whose title or an everyday name is the query
//! (its search key, `crate::search::key`), then roles whose title or former
//! or everyday name matches, then BLS occupations (by title), then roles
//! that match elsewhere (summary, skills, body). Title matches come with the
//! fewest other words first ("medical assistant" finds Medical Assistant
//! before Medical Administrative Assistant), then in order of how many
//! people do the job (the BLS employment of the role's occupation): a reader
//! typing "nurse" most likely means the Registered Nurse, the job of 3.4
//! million, not one of the rarer nursing roles. bm25 breaks ties there and ranks the other groups,
//! with the title weighted above the summary and the skills above the body
//! text. (bm25 alone cannot order titles: FTS5 normalises by the length of
//! the whole row, so a short profile would beat a short title.)
use sqlx::{FromRow, SqlitePool};

use super::json_list;

use crate::search::spelling::Term;
use crate::search::{Query, snippet};

/// Words in a body snippet.
const SNIPPET_WORDS: usize = 24;

// Role matches are ranked by rowid alone (the index shares the roles table's
// rowids): reading any column of a matched row, or joining roles for each,
// would cost more than ranking. Drafts are few, and found by an index.
// bm25() weights are given per column of role_search, in order: slug
// (unindexed) 0, title 10, aliases 6, summary 4, skills 3, body_words 1,
// body (unindexed) 0.
// char(57344) and char(57345) are the highlight markers
// `crate::search::MARK_START` and `MARK_END` (U+E000, U+E001); a unit test
// keeps them in step.

/// One ranked match: a role's rowid or a SOC code.
#[derive(Debug, Clone, FromRow)]
struct RankedRow {
    kind: i64,
    key: String,
    /// 0: the title or an everyday name is the query; 1: a title or name
    /// matches; 2: an occupation; 3: a role that matches in its text.
    tier: i64,
}

/// A role hit as the details query reads it, before its body snippet is cut.
#[derive(Debug, Clone, FromRow)]
struct RoleRow {
    id: i64,
    slug: String,
    title: String,
    category_slug: String,
    category_title: String,
    salary_min: i64,
    salary_max: i64,
    currency: String,
    draft: bool,
    summary_marked: String,
    body_words_marked: String,
    body: String,
}

/// A role on a result page, with its match highlighted (see
/// `crate::search::snippet` for the markers).
#[derive(Debug, Clone)]
pub struct RoleHit {
    /// The row of `roles` (and of `role_search`).
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub category_slug: String,
    pub category_title: String,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub draft: bool,
    pub summary_marked: String,
    pub body_snippet: String,
    /// Its title or one of its names matched, not only its text.
    pub by_title: bool,
}

/// A BLS occupation on a result page.
#[derive(Debug, Clone, FromRow)]
pub struct OccupationHit {
    pub soc_code: String,
    pub title: String,
    pub title_marked: String,
    pub group_title: Option<String>,
    pub annual_p10: Option<i64>,
    pub annual_median: Option<i64>,
    pub annual_p90: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum Hit {
    Role(RoleHit),
    Occupation(OccupationHit),
}

pub struct ResultPage {
    pub total: i64,
    pub hits: Vec<Hit>,
}

/// The `limit` hits after `offset`, in rank order, and the total.
pub async fn search(
    pool: &SqlitePool,
    query: &Query,
    drafts: bool,
    limit: i64,
    offset: i64,
) -> Result<ResultPage, sqlx::Error> {
    let fts = query.fts();
    let ranked: Vec<RankedRow> = sqlx::query_as(
        "SELECT kind, key, tier FROM (
           SELECT 0 AS kind, CAST(rowid AS TEXT) AS key,
             CASE WHEN rowid IN
               (SELECT rowid FROM role_search WHERE role_search MATCH ?2)
               THEN (SELECT CASE WHEN r.title_key = ?6
                                   OR instr('|' || r.alias_keys || '|', '|' || ?6 || '|') > 0
                                 THEN 0 ELSE 1 END
                       FROM roles r WHERE r.rowid = role_search.rowid)
               ELSE 3 END AS tier,
             CASE WHEN rowid IN
               (SELECT rowid FROM role_search WHERE role_search MATCH ?2)
               THEN (SELECT length(r.title) - length(replace(r.title, ' ', ''))
                       FROM roles r WHERE r.rowid = role_search.rowid)
               ELSE 0 END AS extra,
             CASE WHEN rowid IN
               (SELECT rowid FROM role_search WHERE role_search MATCH ?2)
               THEN -coalesce((SELECT o.employment FROM roles r
                                 JOIN oews_occupations o ON o.soc_code = r.soc_code
                               WHERE r.rowid = role_search.rowid), 0)
               ELSE 0 END AS popularity,
             bm25(role_search, 0.0, 10.0, 6.0, 4.0, 3.0, 1.0, 0.0) AS score
           FROM role_search
           WHERE role_search MATCH ?1
             AND (?3 OR rowid NOT IN (SELECT rowid FROM roles WHERE draft = 1))
           UNION ALL
           SELECT 1, soc_code, 2, 0, 0, bm25(occupation_search)
           FROM occupation_search WHERE occupation_search MATCH ?1
         ) ORDER BY tier, extra, popularity, score, key LIMIT ?4 OFFSET ?5",
    )
    .bind(&fts)
    .bind(query.fts_in_titles())
    .bind(drafts)
    .bind(limit)
    .bind(offset)
    .bind(crate::search::key::key(&query.text()))
    .fetch_all(pool)
    .await?;
    // A first page that is not full holds every match: no need to count.
    let total = if offset == 0 && (ranked.len() as i64) < limit {
        ranked.len() as i64
    } else {
        count(pool, &fts, drafts).await?
    };
    let keys = |kind: i64| ranked.iter().filter(move |r| r.kind == kind);
    // One pass over the matches between the page's lowest and highest
    // rowid: entering the index once per hit would merge the doclists of a
    // prefix term again for each. The unary `+` keeps the rowid list a
    // filter, not a list of seeks.
    let role_ids: Vec<i64> = keys(0).filter_map(|r| r.key.parse().ok()).collect();
    let roles: Vec<RoleRow> = sqlx::query_as(
        "SELECT role_search.rowid AS id, r.slug, r.title, r.category_slug, c.title AS category_title, r.salary_min,
           r.salary_max, r.currency, r.draft,
           highlight(role_search, 3, char(57344), char(57345)) AS summary_marked,
           highlight(role_search, 5, char(57344), char(57345)) AS body_words_marked,
           role_search.body
         FROM role_search
           JOIN roles r ON r.rowid = role_search.rowid
           JOIN categories c ON c.slug = r.category_slug
         WHERE role_search MATCH ?1
           AND role_search.rowid BETWEEN ?3 AND ?4
           AND +role_search.rowid IN (SELECT value FROM json_each(?2))",
    )
    .bind(&fts)
    .bind(json_list(&role_ids))
    .bind(role_ids.iter().min().copied().unwrap_or(0))
    .bind(role_ids.iter().max().copied().unwrap_or(-1))
    .fetch_all(pool)
    .await?;
    let roles: Vec<RoleHit> = roles.into_iter().map(RoleHit::from).collect();
    let occupations: Vec<OccupationHit> = sqlx::query_as(
        "SELECT o.soc_code, o.title,
           highlight(occupation_search, 1, char(57344), char(57345)) AS title_marked,
           g.title AS group_title, o.annual_p10, o.annual_median, o.annual_p90
         FROM occupation_search
           JOIN oews_occupations o ON o.soc_code = occupation_search.soc_code
           LEFT JOIN oews_occupations g ON g.soc_code = substr(o.soc_code, 1, 2) || '-0000'
         WHERE occupation_search MATCH ?1
           AND occupation_search.soc_code IN (SELECT value FROM json_each(?2))",
    )
    .bind(&fts)
    .bind(json_list(keys(1).map(|r| r.key.as_str())))
    .fetch_all(pool)
    .await?;
    // Put the details back in rank order.
    let hits = ranked
        .iter()
        .filter_map(|r| {
            if r.kind == 0 {
                roles.iter().find(|h| h.id.to_string() == r.key).map(|h| {
                    Hit::Role(RoleHit {
                        by_title: r.tier <= 1,
                        ..h.clone()
                    })
                })
            } else {
                occupations
                    .iter()
                    .find(|h| h.soc_code == r.key)
                    .map(|h| Hit::Occupation(h.clone()))
            }
        })
        .collect();
    Ok(ResultPage { total, hits })
}

impl From<RoleRow> for RoleHit {
    fn from(row: RoleRow) -> Self {
        let matched = snippet::marked_words(&row.body_words_marked);
        RoleHit {
            id: row.id,
            slug: row.slug,
            title: row.title,
            category_slug: row.category_slug,
            category_title: row.category_title,
            salary_min: row.salary_min,
            salary_max: row.salary_max,
            currency: row.currency,
            draft: row.draft,
            summary_marked: row.summary_marked,
            body_snippet: snippet::window(&row.body, &matched, SNIPPET_WORDS),
            by_title: false,
        }
    }
}

async fn count(pool: &SqlitePool, fts: &str, drafts: bool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM role_search
                 WHERE role_search MATCH ?1
                   AND (?2 OR rowid NOT IN (SELECT rowid FROM roles WHERE draft = 1)))
              + (SELECT COUNT(*) FROM occupation_search WHERE occupation_search MATCH ?1)",
    )
    .bind(fts)
    .bind(drafts)
    .fetch_one(pool)
    .await
}

/// The spelling dictionary (see `crate::search::spelling`). Read only when a
/// search found nothing.
pub async fn terms(pool: &SqlitePool) -> Result<Vec<Term>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT term, uses FROM search_terms")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(term, uses)| Term { term, uses })
        .collect())
}

/// Categories with the most published roles first, for the empty and the
/// no-results search pages.
#[derive(Debug, Clone, FromRow)]
pub struct PopularCategory {
    pub slug: String,
    pub title: String,
    pub role_count: i64,
}

/// Categories whose title or summary contains one of `words` (as a word
/// start), then the largest, up to `limit`: what a search that found
/// nothing offers.
pub async fn categories_by_words(
    pool: &SqlitePool,
    words: &[String],
    limit: i64,
) -> Result<Vec<PopularCategory>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, title, role_count FROM (
           SELECT c.slug, c.title,
             (SELECT COUNT(*) FROM roles r
               WHERE r.category_slug = c.slug AND r.draft = 0) AS role_count,
             (SELECT COUNT(*) FROM json_each(?1) w
               WHERE length(w.value) >= 3
                 AND (' ' || lower(c.title || ' ' || c.summary)) LIKE '% ' || w.value || '%')
               AS shared
           FROM categories c)
         WHERE role_count > 0 ORDER BY shared DESC, role_count DESC, title LIMIT ?2",
    )
    .bind(serde_json::to_string(words).expect("a list of words serializes"))
    .bind(limit)
    .fetch_all(pool)
    .await
}

pub async fn popular_categories(
    pool: &SqlitePool,
    limit: i64,
) -> Result<Vec<PopularCategory>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, title, role_count FROM (
           SELECT c.slug, c.title,
             (SELECT COUNT(*) FROM roles r
               WHERE r.category_slug = c.slug AND r.draft = 0) AS role_count
           FROM categories c)
         WHERE role_count > 0 ORDER BY role_count DESC, title LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn sql_markers_are_the_snippet_markers() {
        assert_eq!(crate::search::MARK_START as u32, 57344);
        assert_eq!(crate::search::MARK_END as u32, 57345);
    }
}
