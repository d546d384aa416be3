//! Makes the database hold exactly what the content tree holds: every category
//! and role is upserted and rows whose files are gone are deleted, all in one
//! transaction, so readers see the old content or the new, never a mix.
use sqlx::{QueryBuilder, Sqlite, SqlitePool, Transaction};

use crate::content::{Category, Role, Site};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncStats {
    pub categories: usize,
    pub roles: usize,
    pub removed_categories: u64,
    pub removed_roles: u64,
}

/// Roles written per round of statements: enough to make statements few,
/// few enough that one round's binds stay small.
const ROLE_BATCH: usize = 256;

pub async fn sync_site(pool: &SqlitePool, site: &Site) -> Result<SyncStats, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let role_slugs = json_list(site.roles.keys().map(|s| s.as_str()));
    for category in site.categories.values() {
        upsert_category(&mut tx, category).await?;
    }
    // Child rows are replaced wholesale: they have no identity of their own.
    // One statement per table for the whole tree, not one per role.
    super::search_index::remove_roles(&mut tx, &role_slugs).await?;
    for table in [
        "DELETE FROM role_duties WHERE role_slug IN (SELECT value FROM json_each(?))",
        "DELETE FROM role_faqs WHERE role_slug IN (SELECT value FROM json_each(?))",
        "DELETE FROM role_aliases WHERE role_slug IN (SELECT value FROM json_each(?))",
        "DELETE FROM role_sources WHERE role_slug IN (SELECT value FROM json_each(?))",
    ] {
        sqlx::query(table)
            .bind(&role_slugs)
            .execute(&mut *tx)
            .await?;
    }
    let roles: Vec<&Role> = site.roles.values().collect();
    for batch in roles.chunks(ROLE_BATCH) {
        upsert_roles(&mut tx, batch).await?;
    }
    super::search_index::add_roles(&mut tx, &roles).await?;
    let category_slugs = json_list(site.categories.keys().map(|s| s.as_str()));
    sqlx::query(
        "DELETE FROM role_search WHERE rowid IN
           (SELECT rowid FROM roles WHERE slug NOT IN (SELECT value FROM json_each(?)))",
    )
    .bind(&role_slugs)
    .execute(&mut *tx)
    .await?;
    let removed_roles =
        sqlx::query("DELETE FROM roles WHERE slug NOT IN (SELECT value FROM json_each(?))")
            .bind(&role_slugs)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    let removed_categories =
        sqlx::query("DELETE FROM categories WHERE slug NOT IN (SELECT value FROM json_each(?))")
            .bind(&category_slugs)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    super::search_index::finish(&mut tx).await?;
    tx.commit().await?;
    Ok(SyncStats {
        categories: site.categories.len(),
        roles: site.roles.len(),
        removed_categories,
        removed_roles,
    })
}

fn json_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    serde_json::to_string(&items.collect::<Vec<_>>()).expect("a list of strings serializes")
}

async fn upsert_category(
    tx: &mut Transaction<'_, Sqlite>,
    c: &Category,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO categories (slug, title, summary, intro_html) VALUES (?, ?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET
           title = excluded.title, summary = excluded.summary, intro_html = excluded.intro_html",
    )
    .bind(c.slug.as_str())
    .bind(&c.title)
    .bind(&c.summary)
    .bind(&c.intro_html)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// SQLite's bound-parameter limit is 32,766; batches stay well under it.
const MAX_BINDS: usize = 16_000;

/// Inserts `rows` with as few statements as the parameter limit allows:
/// `head` is the `INSERT INTO t (cols) ` part, `tail` what follows the
/// values (e.g. an upsert clause), `columns` the binds per row.
async fn insert_rows<T>(
    tx: &mut Transaction<'_, Sqlite>,
    head: &str,
    tail: &str,
    columns: usize,
    rows: Vec<T>,
    bind: impl Fn(sqlx::query_builder::Separated<'_, Sqlite, &'static str>, T) + Copy,
) -> Result<(), sqlx::Error> {
    let per_statement = (MAX_BINDS / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut query = QueryBuilder::<Sqlite>::new(head);
        query.push_values(rows.by_ref().take(per_statement), |row, item| {
            bind(row, item)
        });
        query.push(tail);
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn upsert_roles(
    tx: &mut Transaction<'_, Sqlite>,
    roles: &[&Role],
) -> Result<(), sqlx::Error> {
    insert_rows(
        tx,
        "INSERT INTO roles (slug, category_slug, title, summary, salary_min, salary_max, currency,
           soc_code, updated, draft, education, experience, certifications, employer_types,
           growth_outlook, ai_impact, skills_json, overview_html, qualifications_html,
           outlook_html, cover_letter_html, word_count, education_level, ai_impact_level,
           soc_match, soc_match_reason) ",
        " ON CONFLICT (slug) DO UPDATE SET
           category_slug = excluded.category_slug, title = excluded.title,
           summary = excluded.summary, salary_min = excluded.salary_min,
           salary_max = excluded.salary_max, currency = excluded.currency,
           soc_code = excluded.soc_code, updated = excluded.updated, draft = excluded.draft,
           education = excluded.education, experience = excluded.experience,
           certifications = excluded.certifications, employer_types = excluded.employer_types,
           growth_outlook = excluded.growth_outlook, ai_impact = excluded.ai_impact,
           skills_json = excluded.skills_json, overview_html = excluded.overview_html,
           qualifications_html = excluded.qualifications_html,
           outlook_html = excluded.outlook_html, cover_letter_html = excluded.cover_letter_html,
           word_count = excluded.word_count, education_level = excluded.education_level,
           ai_impact_level = excluded.ai_impact_level, soc_match = excluded.soc_match,
           soc_match_reason = excluded.soc_match_reason",
        26,
        roles.to_vec(),
        |mut row, r| {
            let g = &r.at_a_glance;
            row.push_bind(r.slug.as_str())
                .push_bind(r.category.as_str())
                .push_bind(&r.title)
                .push_bind(&r.summary)
                .push_bind(i64::from(r.salary.min))
                .push_bind(i64::from(r.salary.max))
                .push_bind(&r.salary.currency)
                .push_bind(r.soc_code.as_ref().map(|c| c.as_str()))
                .push_bind(r.updated.to_string())
                .push_bind(r.draft)
                .push_bind(&g.education)
                .push_bind(&g.experience)
                .push_bind(&g.certifications)
                .push_bind(&g.employer_types)
                .push_bind(&g.growth_outlook)
                .push_bind(&g.ai_impact)
                .push_bind(serde_json::to_string(&r.skills).expect("a list of strings serializes"))
                .push_bind(&r.overview_html)
                .push_bind(&r.qualifications_html)
                .push_bind(&r.outlook_html)
                .push_bind(&r.cover_letter_html)
                .push_bind(r.word_count as i64)
                .push_bind(r.education_level.as_str())
                .push_bind(r.ai_impact_level.as_str())
                .push_bind(r.soc_match.map(|m| m.as_str()))
                .push_bind(&r.soc_match_reason);
        },
    )
    .await?;

    // Each kind of child row in as few multi-row inserts as the limit allows.
    let duties = roles
        .iter()
        .flat_map(|r| r.duties.iter().enumerate().map(move |(i, d)| (*r, i, d)))
        .collect();
    insert_rows(
        tx,
        "INSERT INTO role_duties (role_slug, position, html, text) ",
        "",
        4,
        duties,
        |mut row, (r, position, duty)| {
            row.push_bind(r.slug.as_str())
                .push_bind(position as i64)
                .push_bind(&duty.html)
                .push_bind(&duty.text);
        },
    )
    .await?;
    let faqs = roles
        .iter()
        .flat_map(|r| r.faqs.iter().enumerate().map(move |(i, f)| (*r, i, f)))
        .collect();
    insert_rows(
        tx,
        "INSERT INTO role_faqs (role_slug, position, question, answer_html, answer_text) ",
        "",
        5,
        faqs,
        |mut row, (r, position, faq)| {
            row.push_bind(r.slug.as_str())
                .push_bind(position as i64)
                .push_bind(&faq.question)
                .push_bind(&faq.answer_html)
                .push_bind(&faq.answer_text);
        },
    )
    .await?;
    let sources = roles
        .iter()
        .flat_map(|r| r.sources.iter().enumerate().map(move |(i, s)| (*r, i, s)))
        .collect();
    insert_rows(
        tx,
        "INSERT INTO role_sources (role_slug, position, title, publisher, url, accessed) ",
        "",
        6,
        sources,
        |mut row, (r, position, source)| {
            row.push_bind(r.slug.as_str())
                .push_bind(position as i64)
                .push_bind(&source.title)
                .push_bind(&source.publisher)
                .push_bind(&source.url)
                .push_bind(source.accessed.to_string());
        },
    )
    .await?;
    let aliases = roles
        .iter()
        .flat_map(|r| r.aliases.iter().map(move |a| (*r, a)))
        .collect();
    // An alias may move from one role to another between two syncs.
    insert_rows(
        tx,
        "INSERT INTO role_aliases (alias, role_slug) ",
        " ON CONFLICT (alias) DO UPDATE SET role_slug = excluded.role_slug",
        2,
        aliases,
        |mut row, (r, alias)| {
            row.push_bind(alias.as_str()).push_bind(r.slug.as_str());
        },
    )
    .await?;
    Ok(())
}
