//! Rebuilds the search indexes (migrations/0005_search.sql) inside the
//! content sync's transaction: readers see the old index with the old pages
//! or the new with the new. Drafts are indexed too; queries hide them
//! outside preview, as every other query does.
use std::collections::BTreeMap;

use sqlx::{Sqlite, Transaction};

use crate::content::{Role, Site};
use crate::search::snippet::unmarked;
use crate::search::spelling::title_words;

pub async fn rebuild(tx: &mut Transaction<'_, Sqlite>, site: &Site) -> Result<(), sqlx::Error> {
    for table in [
        "DELETE FROM role_search",
        "DELETE FROM occupation_search",
        "DELETE FROM search_terms",
    ] {
        sqlx::query(table).execute(&mut **tx).await?;
    }
    let mut terms: BTreeMap<String, i64> = BTreeMap::new();
    let mut count = |text: &str| {
        for word in title_words(text) {
            *terms.entry(word).or_default() += 1;
        }
    };
    for role in site.roles.values() {
        let aliases = role
            .aliases
            .iter()
            .map(|a| a.as_str().replace('-', " "))
            .collect::<Vec<_>>()
            .join("\n");
        count(&role.title);
        count(&aliases);
        // The index row shares the role's rowid, so that queries join on it
        // without reading the stored text of rows they do not show.
        sqlx::query(
            "INSERT INTO role_search (rowid, slug, title, aliases, summary, skills, body)
             VALUES ((SELECT rowid FROM roles WHERE slug = ?1), ?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(role.slug.as_str())
        .bind(unmarked(&role.title))
        .bind(aliases)
        .bind(unmarked(&role.summary))
        .bind(unmarked(&role.skills.join("\n")))
        .bind(unmarked(&body_text(role)))
        .execute(&mut **tx)
        .await?;
    }
    // The wage tables are loaded before content is published, and never
    // change while the server runs, so this copy stays in step with them.
    sqlx::query(
        "INSERT INTO occupation_search (soc_code, title)
         SELECT soc_code, title FROM oews_occupations WHERE level = 3",
    )
    .execute(&mut **tx)
    .await?;
    let titles: Vec<String> =
        sqlx::query_scalar("SELECT title FROM oews_occupations WHERE level = 3")
            .fetch_all(&mut **tx)
            .await?;
    for title in &titles {
        count(title);
    }
    for (term, uses) in terms {
        sqlx::query("INSERT INTO search_terms (term, uses) VALUES (?, ?)")
            .bind(term)
            .bind(uses)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The profile's prose as plain text, for the lowest-weighted column.
fn body_text(role: &Role) -> String {
    let mut body = String::new();
    for duty in &role.duties {
        body.push_str(&duty.text);
        body.push('\n');
    }
    for html in [
        &role.overview_html,
        &role.qualifications_html,
        &role.outlook_html,
    ] {
        body.push_str(&strip_tags(html));
        body.push('\n');
    }
    for faq in &role.faqs {
        body.push_str(&faq.question);
        body.push('\n');
        body.push_str(&faq.answer_text);
        body.push('\n');
    }
    body
}

/// Text of the sanitized HTML the markdown renderer produced: tags become
/// spaces, the few entities it writes are decoded.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::strip_tags;

    #[test]
    fn strips_tags_and_decodes_entities() {
        assert_eq!(
            strip_tags("<p>R&amp;D <em>team</em></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["R&D", "team"]
        );
        assert_eq!(strip_tags("&lt;script&gt;").trim(), "<script>");
    }
}
