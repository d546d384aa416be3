//! Keeps the search indexes (migrations/0005_search.sql, 0008) in step with the
//! roles, inside the content sync's transaction: readers see the old index
//! with the old pages or the new with the new. Drafts are indexed too; queries hide them
//! outside preview, as every other query does.
use std::collections::BTreeMap;

use sqlx::{Sqlite, Transaction};

use super::batch::insert_rows;

use crate::content::Role;
use crate::search::snippet::unmarked;
use crate::search::spelling::title_words;
use crate::search::words;

/// Drops the index rows of these roles (a JSON list of slugs): called
/// before they are rewritten or deleted, while their `roles` rows (and so
/// their rowids) still exist.
pub async fn remove_roles(
    tx: &mut Transaction<'_, Sqlite>,
    slugs_json: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM role_search WHERE rowid IN
           (SELECT rowid FROM roles WHERE slug IN (SELECT value FROM json_each(?)))",
    )
    .bind(slugs_json)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Indexes roles whose `roles` rows are already written.
pub async fn add_roles(
    tx: &mut Transaction<'_, Sqlite>,
    roles: &[&Role],
) -> Result<(), sqlx::Error> {
    let rows: Vec<(&Role, [String; 6])> = roles.iter().map(|role| (*role, row(role))).collect();
    // The index row shares the role's rowid, so that queries join on it
    // without reading the stored text of rows they do not show.
    insert_rows(
        tx,
        "INSERT INTO role_search (rowid, slug, title, aliases, summary, skills, body_words, body) ",
        "",
        8,
        rows,
        |mut values, (role, columns)| {
            values
                .push("(SELECT rowid FROM roles WHERE slug = ")
                .push_bind_unseparated(role.slug.as_str().to_owned())
                .push_unseparated(")");
            values.push_bind(role.slug.as_str().to_owned());
            for column in columns {
                values.push_bind(column);
            }
        },
    )
    .await
}

/// A role's indexed columns after the slug: title, aliases, summary,
/// skills, the body's distinct words (migrations/0008), the body as prose.
fn row(role: &Role) -> [String; 6] {
    let body = unmarked(&body_text(role));
    [
        unmarked(&role.title),
        alias_words(
            role.aliases
                .iter()
                .map(|a| a.as_str())
                .chain(role.also_known_as.iter().map(String::as_str)),
        ),
        unmarked(&role.summary),
        unmarked(&role.skills.join("\n")),
        words::distinct(&body),
        body,
    ]
}

/// After every role is written: the BLS titles and the spelling dictionary
/// are rebuilt from the tables.
pub async fn finish(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    for table in ["DELETE FROM occupation_search", "DELETE FROM search_terms"] {
        sqlx::query(table).execute(&mut **tx).await?;
    }
    // The wage tables are loaded before content is published, and never
    // change while the server runs, so this copy stays in step with them.
    sqlx::query(
        "INSERT INTO occupation_search (soc_code, title)
         SELECT soc_code, title FROM oews_occupations WHERE level = 3",
    )
    .execute(&mut **tx)
    .await?;
    let titles: Vec<String> = sqlx::query_scalar(
        "SELECT title FROM roles
         UNION ALL SELECT replace(alias, '-', ' ') FROM role_aliases
         UNION ALL SELECT n.value FROM roles r, json_each(r.also_known_as_json) n
         UNION ALL SELECT title FROM oews_occupations WHERE level = 3",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut terms: BTreeMap<String, i64> = BTreeMap::new();
    for title in &titles {
        for word in title_words(title) {
            *terms.entry(word).or_default() += 1;
        }
    }
    insert_rows(
        tx,
        "INSERT INTO search_terms (term, uses) ",
        "",
        2,
        terms.into_iter().collect(),
        |mut row, (term, uses)| {
            row.push_bind(term).push_bind(uses);
        },
    )
    .await
}

/// Former slugs as words: old titles.
fn alias_words<'a>(aliases: impl Iterator<Item = &'a str>) -> String {
    aliases
        .map(|a| a.replace('-', " "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The profile's prose as plain text, for the lowest-weighted column and
/// the snippets cut from it: list items, headings and questions end as
/// sentences, so that a snippet reads "…in a spreadsheet. Maintain…", not
/// "…in a spreadsheet Maintain…".
fn body_text(role: &Role) -> String {
    let mut body = String::new();
    for duty in &role.duties {
        push_sentence(&mut body, &duty.text);
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
        push_sentence(&mut body, &faq.question);
        push_sentence(&mut body, &faq.answer_text);
    }
    body
}

fn push_sentence(body: &mut String, text: &str) {
    body.push_str(text);
    end_sentence(body);
    body.push('\n');
}

/// A full stop after text that ends in a letter or digit.
fn end_sentence(text: &mut String) {
    if text.trim_end().ends_with(char::is_alphanumeric) {
        let end = text.trim_end().len();
        text.truncate(end);
        text.push('.');
    }
}

/// Text of the sanitized HTML the markdown renderer produced: tags become
/// spaces, the few entities it writes are decoded. One pass.
fn strip_tags(html: &str) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&amp;", '&'),
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            match rest.find('>') {
                Some(end) => {
                    if ends_block(&rest[..end]) {
                        end_sentence(&mut text);
                    }
                    text.push(' ');
                    rest = &rest[end + 1..];
                }
                // An unclosed tag runs to the end, as before.
                None => rest = "",
            }
        } else if let Some((entity, c)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            text.push(*c);
            rest = &rest[entity.len()..];
        } else {
            text.push('&');
            rest = &rest[1..];
        }
    }
    text.push_str(rest);
    text
}

/// Whether a tag (without its `>`) closes a paragraph, list item, heading
/// or table cell.
fn ends_block(tag: &str) -> bool {
    const BLOCKS: [&str; 12] = [
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th",
    ];
    tag.strip_prefix("</")
        .is_some_and(|name| BLOCKS.contains(&name.trim().to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::{end_sentence, strip_tags};

    #[test]
    fn strips_tags_and_decodes_entities() {
        assert_eq!(
            strip_tags("<p>R&amp;D <em>team</em></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["R&D", "team."]
        );
        assert_eq!(strip_tags("&lt;script&gt;").trim(), "<script>");
        // Decoded once: an escaped entity stays an entity.
        assert_eq!(
            strip_tags("&amp;lt; &quot;a&#39;s&quot; & b"),
            "&lt; \"a's\" & b"
        );
        assert_eq!(strip_tags("a<b"), "a");
    }

    #[test]
    fn blocks_end_as_sentences() {
        let text =
            strip_tags("<h3>Certifications</h3><ul><li>Forklift</li><li>First aid.</li></ul>");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Certifications.", "Forklift.", "First", "aid."]
        );
        let mut text = String::from("Keep a budget in a spreadsheet  ");
        end_sentence(&mut text);
        assert_eq!(text, "Keep a budget in a spreadsheet.");
        let mut text = String::from("Is it hard?");
        end_sentence(&mut text);
        assert_eq!(text, "Is it hard?");
    }
}
