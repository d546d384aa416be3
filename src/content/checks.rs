//! Checks that need every file at once: references between files, uniqueness
//! across the site, and editorial warnings.
use std::collections::HashMap;

use time::{Date, Duration};

use super::diagnostics::Diagnostic;
use super::facts::{Index, RoleFacts};
use super::model::Role;
use crate::domain::Slug;

pub const SUMMARY_CHARS: std::ops::RangeInclusive<usize> = 80..=200;
/// Profiles not revised for this long are flagged for review (about 18 months).
pub const STALE_AFTER: Duration = Duration::days(548);
/// A published body shorter than this is too thin to help a job seeker.
pub const MIN_BODY_WORDS: usize = 700;
/// A sample cover letter shorter than this is not a complete letter.
pub const MIN_COVER_LETTER_WORDS: usize = 150;

/// Checks of one role that need nothing but its own file. Run as each file
/// is parsed; their findings are kept with the file's facts.
pub fn file(role: &Role, out: &mut Vec<Diagnostic>) {
    let a = &role.anchors;
    if !SUMMARY_CHARS.contains(&role.summary.chars().count()) {
        out.push(a.summary.warning(format!(
            "summary is {} characters; aim for {}-{} (it becomes the meta description)",
            role.summary.chars().count(),
            SUMMARY_CHARS.start(),
            SUMMARY_CHARS.end()
        )));
    }
    if sentence_count(&role.summary) > 1 {
        out.push(a.summary.warning("summary should be one sentence"));
    }
    if role.skills.is_empty() {
        out.push(
            a.title
                .warning("no `skills` listed; 3 to 12 are recommended"),
        );
    }
    let g = &role.at_a_glance;
    for (name, value) in [
        ("education", &g.education),
        ("experience", &g.experience),
        ("certifications", &g.certifications),
        ("employer_types", &g.employer_types),
        ("growth_outlook", &g.growth_outlook),
        ("ai_impact", &g.ai_impact),
    ] {
        if value.trim().is_empty() {
            out.push(a.title.warning(format!("`at_a_glance.{name}` is empty")));
        }
    }
    if !role.draft {
        if role.word_count < MIN_BODY_WORDS {
            out.push(a.title.warning(format!(
                "the body has {} words; a published profile needs at least {MIN_BODY_WORDS} to be useful",
                role.word_count
            )));
        }
        if role.cover_letter_html.is_some() && role.cover_letter_word_count < MIN_COVER_LETTER_WORDS
        {
            out.push(a.title.warning(format!(
                "the sample cover letter has {} words; a complete letter has at least {MIN_COVER_LETTER_WORDS}",
                role.cover_letter_word_count
            )));
        }
    }
}

/// Checks across files (references, uniqueness) and against `today`
/// (stale and future dates), over every file's facts.
pub fn run(index: &Index, today: Date, out: &mut Vec<Diagnostic>) {
    let mut titles: HashMap<String, &RoleFacts> = HashMap::new();
    let mut summaries: HashMap<&str, &RoleFacts> = HashMap::new();
    let mut aliases: HashMap<&Slug, &RoleFacts> = HashMap::new();
    // Search keys of every title, then of every everyday name: one name must
    // lead to one profile.
    let title_keys: HashMap<String, &RoleFacts> = index
        .roles
        .values()
        .map(|r| (crate::search::key::key(&r.title), r))
        .collect();
    let mut names: HashMap<String, &RoleFacts> = HashMap::new();

    for role in index.roles.values() {
        let a = &role.anchors;
        if !index.categories.contains_key(&role.category) {
            let known = index
                .category_slugs()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(a.category.error(format!(
                "unknown category `{}`; there is no content/categories/{}.md (known: {known})",
                role.category, role.category
            )));
        }
        for (alias, anchor) in role.aliases.iter().zip(&a.aliases) {
            if let Some(live) = index.roles.get(alias) {
                out.push(anchor.error(format!(
                    "alias `{alias}` is the slug of a live role ({})",
                    live.path.display()
                )));
            } else if let Some(other) = aliases.insert(alias, role) {
                out.push(anchor.error(format!(
                    "alias `{alias}` is already an alias of {}",
                    other.path.display()
                )));
            }
        }
        for (name, anchor) in role.also_known_as.iter().zip(&a.also_known_as) {
            let key = crate::search::key::key(name);
            if let Some(other) = title_keys.get(&key).filter(|o| o.slug != role.slug) {
                out.push(anchor.error(format!(
                    "`also_known_as` \"{name}\" is the title of {}",
                    other.path.display()
                )));
            } else if let Some(other) = names.insert(key, role).filter(|o| o.slug != role.slug) {
                out.push(anchor.error(format!(
                    "`also_known_as` \"{name}\" is also a name of {}: one name leads to one profile",
                    other.path.display()
                )));
            }
        }
        for (url, anchor) in &a.links {
            if let Some(problem) = broken_link(index, role.draft, url) {
                out.push(anchor.error(problem));
            }
        }
        if let Some(other) = summaries.insert(&role.summary, role) {
            out.push(
                a.summary
                    .warning(format!("same summary as {}", other.path.display())),
            );
        }
        if let Some(other) = titles.insert(role.title.to_lowercase(), role) {
            out.push(
                a.title
                    .warning(format!("same title as {}", other.path.display())),
            );
        }
        for (accessed, anchor) in role.sources_accessed.iter().zip(&a.sources_accessed) {
            if *accessed > today {
                out.push(anchor.error(format!("source accessed {accessed}: a date in the future")));
            } else if *accessed < today - STALE_AFTER {
                out.push(anchor.warning(format!(
                    "source accessed {accessed}: more than 18 months ago, check it still says the same and update the date"
                )));
            }
        }
        if role.updated < today - STALE_AFTER {
            out.push(a.updated.warning(format!(
                "profile last updated {}: more than 18 months ago, review it and update the date",
                role.updated
            )));
        } else if role.updated > today {
            out.push(
                a.updated
                    .warning(format!("`updated` ({}) is in the future", role.updated)),
            );
        }
    }
    for category in index.categories.values() {
        for (url, anchor) in &category.links {
            if let Some(problem) = broken_link(index, false, url) {
                out.push(anchor.error(problem));
            }
        }
        let count = category.summary.chars().count();
        if !SUMMARY_CHARS.contains(&count) {
            out.push(Diagnostic::file_level(
                &category.path,
                super::Severity::Warning,
                format!("summary is {count} characters; aim for 80-200"),
            ));
        }
    }
}

/// Sentences in `text`: a `.`, `!` or `?` followed by a space and a capital
/// letter ends one (good enough for one-line summaries).
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let inner = chars
        .windows(3)
        .filter(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && w[2].is_uppercase())
        .count();
    inner + 1
}

/// Why an internal link from `from` does not resolve, if it does not.
fn broken_link(index: &Index, from_draft: bool, url: &str) -> Option<String> {
    let path = url
        .split(['#', '?'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    let mut segments = path.trim_start_matches('/').split('/');
    let (kind, slug) = (segments.next()?, segments.next());
    let slug = slug?;
    if segments.next().is_some() {
        return None;
    }
    match kind {
        "roles" => match Slug::parse(slug).ok().and_then(|s| index.roles.get(&s)) {
            Some(target) if target.draft && !from_draft => {
                Some(format!("link to `{url}`: that role is a draft"))
            }
            Some(_) => None,
            None => Some(format!("link to `{url}`: there is no role `{slug}`")),
        },
        "categories" => match Slug::parse(slug)
            .ok()
            .filter(|s| index.categories.contains_key(s))
        {
            Some(_) => None,
            None => Some(format!("link to `{url}`: there is no category `{slug}`")),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::sentence_count;

    #[test]
    fn counts_sentences() {
        assert_eq!(sentence_count("Builds APIs, e.g. for shops."), 1);
        assert_eq!(sentence_count("Builds APIs. Runs them too."), 2);
        assert_eq!(sentence_count("Works with AWS. It pays well!"), 2);
    }
}
