//! The TOML front matter of content files: how it is cut out of a file and the
//! serde structs it is parsed into. `deny_unknown_fields` everywhere, so a
//! misspelt key is an error rather than a silently missing value.
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::{AiImpactLevel, EducationLevel, SocMatch};

/// A content file cut into its front matter and its markdown body, with the
/// byte offsets of each inside the file (for error positions).
#[derive(Debug)]
pub struct Document<'a> {
    pub front_matter: &'a str,
    pub front_matter_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

pub const DELIMITER: &str = "+++";

/// Splits `+++ ... +++` front matter from the body. On failure returns the span
/// to point at and the message.
pub fn split(text: &str) -> Result<Document<'_>, (Range<usize>, String)> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != DELIMITER {
        return Err((
            0..first_line_end,
            "a content file must start with a `+++` line that opens the TOML front matter".into(),
        ));
    }
    let fm_start = (first_line_end + 1).min(text.len());
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == DELIMITER {
            let body_offset = offset + line.len();
            return Ok(Document {
                front_matter: &text[fm_start..offset],
                front_matter_offset: fm_start,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err((
        0..first_line_end,
        "the front matter opened here is never closed: add a `+++` line after it".into(),
    ))
}

/// Front matter of `content/categories/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryFrontMatter {
    /// Display name, e.g. "Software Engineering".
    pub title: Spanned<String>,
    /// One sentence for the home page and the meta description.
    pub summary: Spanned<String>,
}

/// Front matter of `content/roles/<slug>.md`. See docs/content.md.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFrontMatter {
    /// The job title as people search for it.
    pub title: Spanned<String>,
    /// Slug of the category file this role belongs to.
    pub category: Spanned<String>,
    /// One sentence, 80-200 characters: lists, sidebar, meta description.
    pub summary: Spanned<String>,
    /// Date the profile was written or last substantially revised.
    pub updated: Spanned<toml::value::Datetime>,
    /// Typical annual pay range.
    pub salary: Spanned<SalaryFrontMatter>,
    /// The six "Role at a glance" facts.
    pub at_a_glance: AtAGlance,
    /// Short skill names shown on the page and in structured data.
    #[serde(default)]
    pub skills: Option<Spanned<Vec<String>>>,
    /// BLS SOC code of the closest detailed occupation, e.g. "15-1252".
    #[serde(default)]
    pub soc_code: Option<Spanned<String>>,
    /// Whether `soc_code` is the job's own occupation (`exact`) or the
    /// closest related one whose figures the page borrows (`related`).
    /// Required when `soc_code` is set.
    #[serde(default)]
    pub soc_match: Option<Spanned<SocMatch>>,
    /// With `soc_match = "related"`: one sentence saying why the figures are
    /// another occupation's. Shown first in the pay block.
    #[serde(default)]
    pub soc_match_reason: Option<Spanned<String>>,
    /// BLS typical entry-level education (`high-school`, `bachelors`, ...).
    pub education_level: Spanned<EducationLevel>,
    /// Why `education_level` differs from the BLS typical entry education of
    /// `soc_code`, when it does on purpose (`check` warns otherwise).
    #[serde(default)]
    pub education_level_reason: Option<Spanned<String>>,
    /// How much AI changes the job: `low`, `moderate` or `high`.
    pub ai_impact_level: Spanned<AiImpactLevel>,
    /// Where the profile's facts come from: at least two, one of them the
    /// BLS. Checked after parsing, so that a missing list gets a message
    /// that says what is expected.
    #[serde(default)]
    pub sources: Vec<Spanned<SourceFrontMatter>>,
    /// Drafts are served only in preview (`serve --drafts`).
    #[serde(default)]
    pub draft: bool,
    /// Former slugs that redirect here.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Everyday names and abbreviations readers search for ("CNA",
    /// "nurse aide"); unique across profiles.
    #[serde(default)]
    pub also_known_as: Vec<Spanned<String>>,
    /// Roles the editor pins as this job's first career moves (slugs);
    /// checked like links, shown first and marked as the editor's.
    #[serde(default)]
    pub next_roles: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalaryFrontMatter {
    pub min: Spanned<u32>,
    pub max: Spanned<u32>,
    #[serde(default)]
    pub currency: Option<Spanned<String>>,
}

/// One `[[sources]]` entry of a role.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFrontMatter {
    /// How the body cites this source: `[^bls-ooh]` after a claim. Lower-case
    /// letters, digits and hyphens; unique within the file.
    pub id: Spanned<String>,
    /// Title of the page or document, e.g. "Registered Nurses".
    pub title: Spanned<String>,
    /// Who publishes it, e.g. "U.S. Bureau of Labor Statistics".
    pub publisher: Spanned<String>,
    /// An `https://` address.
    pub url: Spanned<String>,
    /// The date the editor last checked the source (unquoted, YYYY-MM-DD).
    pub accessed: Spanned<toml::value::Datetime>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AtAGlance {
    pub education: String,
    pub experience: String,
    pub certifications: String,
    pub employer_types: String,
    pub growth_outlook: String,
    pub ai_impact: String,
}

/// Rewrites serde's messages in an editor's terms: "unknown field `x`,
/// expected one of ..." (and the same for values of a closed list, such as
/// `education_level`) gets a suggestion for the closest known name, and
/// "invalid type: ..., expected ..." says what the key needs. `key` is the
/// key the error points at, when known.
pub fn explain_toml_error(message: &str, key: Option<&str>) -> String {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return explain_type_error(rest, key).unwrap_or_else(|| message.to_owned());
    }
    let (rest, what) = if let Some(rest) = message.strip_prefix("unknown field `") {
        (rest, "field")
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        (rest, "value")
    } else {
        return message.to_owned();
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(unknown, c), *c))
        .filter(|(distance, c)| *distance <= 3.max(c.len() / 3))
        .min();
    let known = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let subject = match (what, key) {
        ("value", Some(key)) => format!("`{key}`: unknown value `{unknown}`"),
        _ => format!("unknown {what} `{unknown}`"),
    };
    match best {
        Some((_, suggestion)) => format!("{subject}; did you mean `{suggestion}`?"),
        None if known.is_empty() => subject,
        None => format!("{subject}; expected one of {known}"),
    }
}

/// "string \"last week\", expected a TOML datetime" for key `updated` ->
/// "`updated` must be a date such as 2026-11-30 ...".
fn explain_type_error(rest: &str, key: Option<&str>) -> Option<String> {
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let needs = if expected.contains("datetime") {
        "a date such as 2026-11-30, written without quotes"
    } else if expected.starts_with('u') || expected.starts_with('i') || expected.contains("integer")
    {
        "a whole number such as 65000, without quotes or commas"
    } else if expected.contains("string") {
        "text in double quotes"
    } else if expected.contains("bool") {
        "`true` or `false`"
    } else if expected.contains("sequence") {
        "a list such as [\"first\", \"second\"]"
    } else if expected.contains("struct") || expected.contains("map") {
        "a table of keys"
    } else {
        return None;
    };
    let key = key.map_or_else(|| "this value".to_owned(), |k| format!("`{k}`"));
    Some(format!("{key} must be {needs}; found {found}"))
}

/// The key of the `key = value` line that `offset` (into the front matter)
/// falls on: `updated` for `updated = "last week"`, `min` for
/// `min = "50K"` under `[salary]`.
pub fn key_at(front_matter: &str, offset: usize) -> Option<&str> {
    let start = front_matter[..offset.min(front_matter.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = &front_matter[start..];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().rsplit('.').next()?.trim().trim_matches('"');
    (!key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    .then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_offsets() {
        let text = "+++\ntitle = \"x\"\n+++\n## Body\n";
        let doc = split(text).unwrap();
        assert_eq!(doc.front_matter, "title = \"x\"\n");
        assert_eq!(doc.front_matter_offset, 4);
        assert_eq!(doc.body, "## Body\n");
        assert_eq!(&text[doc.body_offset..], "## Body\n");
    }

    #[test]
    fn rejects_missing_or_unclosed_front_matter() {
        assert!(split("title = 1\n").unwrap_err().1.contains("must start"));
        assert!(
            split("+++\ntitle = 1\n")
                .unwrap_err()
                .1
                .contains("never closed")
        );
    }

    #[test]
    fn suggests_the_closest_field() {
        let m = "unknown field `sumary`, expected one of `title`, `category`, `summary`";
        assert_eq!(
            explain_toml_error(m, None),
            "unknown field `sumary`; did you mean `summary`?"
        );
        let m = "unknown field `zzzzzzzz`, expected `min` or `max`";
        assert_eq!(
            explain_toml_error(m, None),
            "unknown field `zzzzzzzz`; expected one of `min`, `max`"
        );
        assert_eq!(explain_toml_error("invalid type", None), "invalid type");
    }

    #[test]
    fn suggests_the_closest_value_of_a_closed_list() {
        let m = "unknown variant `bachelor`, expected one of `none`, `high-school`, `bachelors`";
        assert_eq!(
            explain_toml_error(m, Some("education_level")),
            "`education_level`: unknown value `bachelor`; did you mean `bachelors`?"
        );
    }

    #[test]
    fn says_what_a_key_needs_in_an_editors_terms() {
        let m = "invalid type: string \"last week\", expected a TOML datetime";
        assert_eq!(
            explain_toml_error(m, Some("updated")),
            "`updated` must be a date such as 2026-11-30, written without quotes; found string \"last week\""
        );
        let m = "invalid type: string \"50K\", expected u32";
        assert!(explain_toml_error(m, Some("min")).starts_with("`min` must be a whole number"));
    }

    #[test]
    fn finds_the_key_of_the_line_an_error_points_at() {
        let fm = "title = \"x\"\nupdated = \"last week\"\n[salary]\nmin = \"5\"\n";
        let at = fm.find("\"last").unwrap();
        assert_eq!(key_at(fm, at), Some("updated"));
        assert_eq!(key_at(fm, fm.find("\"5").unwrap()), Some("min"));
        assert_eq!(key_at(fm, fm.find("[salary]").unwrap()), None);
    }
}
