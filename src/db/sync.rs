//! Makes the database hold exactly what the content tree holds: new and
//! changed roles and every category are upserted, rows whose files are gone
//! are deleted, all in one transaction, so readers see the old content or
//! the new, never a mix.
use std::collections::HashSet;

use sqlx::{Sqlite, SqlitePool, Transaction};

use super::batch::insert_rows;
use super::json_list;
use crate::content::loader::Loaded;
use crate::content::{Category, Role};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncStats {
    pub categories: usize,
    pub roles: usize,
    /// Roles written because their files were new or changed.
    pub written_roles: usize,
    pub removed_categories: u64,
    pub removed_roles: u64,
}

/// One publish's writes, in one transaction: roles as the loader hands
/// them out, then everything that needs the whole tree. Dropped without
/// [`SyncWriter::finish`], the transaction rolls back and the database keeps
/// the previous content.
pub struct SyncWriter {
    tx: Transaction<'static, Sqlite>,
    /// Slugs written so far: of two files claiming one slug only the first
    /// is written (the publish is then rejected anyway).
    written: HashSet<String>,
}

impl SyncWriter {
    pub async fn begin(pool: &SqlitePool) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        // Roles arrive before their categories are written; the references
        // are checked at commit, when both are in place (and a role with an
        // unknown category has already stopped the publish).
        sqlx::query("PRAGMA defer_foreign_keys = ON")
            .execute(&mut *tx)
            .await?;
        Ok(Self {
            tx,
            written: HashSet::new(),
        })
    }

    /// Writes new and changed roles with their child rows and search entries.
    pub async fn write_roles(&mut self, roles: &[Role]) -> Result<(), sqlx::Error> {
        let roles: Vec<&Role> = roles
            .iter()
            .filter(|r| self.written.insert(r.slug.as_str().to_owned()))
            .collect();
        if roles.is_empty() {
            return Ok(());
        }
        let slugs = json_list(roles.iter().map(|r| r.slug.as_str()));
        let tx = &mut self.tx;
        // Child rows are replaced wholesale: they have no identity of their own.
        super::search_index::remove_roles(tx, &slugs).await?;
        for table in [
            "DELETE FROM role_duties WHERE role_slug IN (SELECT value FROM json_each(?))",
            "DELETE FROM role_faqs WHERE role_slug IN (SELECT value FROM json_each(?))",
            "DELETE FROM role_aliases WHERE role_slug IN (SELECT value FROM json_each(?))",
            "DELETE FROM role_sources WHERE role_slug IN (SELECT value FROM json_each(?))",
        ] {
            sqlx::query(table).bind(&slugs).execute(&mut **tx).await?;
        }
        upsert_roles(tx, &roles).await?;
        super::search_index::add_roles(tx, &roles).await
    }

    /// Writes the categories, deletes what the tree no longer holds, records
    /// the files read, and commits.
    pub async fn finish(mut self, loaded: &Loaded) -> Result<SyncStats, sqlx::Error> {
        let tx = &mut self.tx;
        let index = &loaded.index;
        for category in index.categories.values() {
            upsert_category(tx, category).await?;
        }
        let role_slugs = json_list(index.roles.keys().map(|s| s.as_str()));
        let category_slugs = json_list(index.categories.keys().map(|s| s.as_str()));
        sqlx::query(
            "DELETE FROM role_search WHERE rowid IN
               (SELECT rowid FROM roles WHERE slug NOT IN (SELECT value FROM json_each(?)))",
        )
        .bind(&role_slugs)
        .execute(&mut **tx)
        .await?;
        let removed_roles =
            sqlx::query("DELETE FROM roles WHERE slug NOT IN (SELECT value FROM json_each(?))")
                .bind(&role_slugs)
                .execute(&mut **tx)
                .await?
                .rows_affected();
        let removed_categories = sqlx::query(
            "DELETE FROM categories WHERE slug NOT IN (SELECT value FROM json_each(?))",
        )
        .bind(&category_slugs)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        let paths = json_list(loaded.role_paths().map(|p| p.to_string_lossy()));
        super::content_files::update(tx, &loaded.parsed, &paths).await?;
        super::search_index::finish(tx).await?;
        self.tx.commit().await?;
        Ok(SyncStats {
            categories: index.categories.len(),
            roles: index.roles.len(),
            written_roles: self.written.len(),
            removed_categories,
            removed_roles,
        })
    }
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
           soc_match, soc_match_reason, education_level_reason, next_roles_json, title_key,
           alias_keys, also_known_as_json) ",
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
           soc_match_reason = excluded.soc_match_reason,
           education_level_reason = excluded.education_level_reason,
           next_roles_json = excluded.next_roles_json, title_key = excluded.title_key,
           alias_keys = excluded.alias_keys, also_known_as_json = excluded.also_known_as_json",
        31,
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
                .push_bind(&r.soc_match_reason)
                .push_bind(&r.education_level_reason)
                .push_bind(
                    serde_json::to_string(&r.next_roles).expect("a list of slugs serializes"),
                )
                .push_bind(crate::search::key::key(&r.title))
                .push_bind(
                    r.also_known_as
                        .iter()
                        .map(|n| crate::search::key::key(n))
                        .collect::<Vec<_>>()
                        .join("|"),
                )
                .push_bind(
                    serde_json::to_string(&r.also_known_as).expect("a list of names serializes"),
                );
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
        "INSERT INTO role_sources (role_slug, position, source_id, title, publisher, url, accessed) ",
        "",
        7,
        sources,
        |mut row, (r, position, source)| {
            row.push_bind(r.slug.as_str())
                .push_bind(position as i64)
                .push_bind(&source.id)
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
