//! The TOML front matter of content files: how it is cut out of a file and the
//! serde structs it is parsed into. `deny_unknown_fields` everywhere, so a
//! misspelt key is an error rather than a silently missing value.
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

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
    /// Drafts are served only in preview (`serve --drafts`).
    #[serde(default)]
    pub draft: bool,
    /// Former slugs that redirect here.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalaryFrontMatter {
    pub min: Spanned<u32>,
    pub max: Spanned<u32>,
    #[serde(default)]
    pub currency: Option<Spanned<String>>,
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

/// Rewrites serde's "unknown field `x`, expected one of ..." into a message
/// with a suggestion for the closest known field.
pub fn explain_toml_error(message: &str) -> String {
    let message = message.trim_end();
    let Some(rest) = message.strip_prefix("unknown field `") else {
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
    match best {
        Some((_, suggestion)) => format!("unknown field `{unknown}`; did you mean `{suggestion}`?"),
        None if known.is_empty() => format!("unknown field `{unknown}`"),
        None => format!("unknown field `{unknown}`; expected one of {known}"),
    }
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
            explain_toml_error(m),
            "unknown field `sumary`; did you mean `summary`?"
        );
        let m = "unknown field `zzzzzzzz`, expected `min` or `max`";
        assert_eq!(
            explain_toml_error(m),
            "unknown field `zzzzzzzz`; expected one of `min`, `max`"
        );
        assert_eq!(explain_toml_error("invalid type"), "invalid type");
    }
}
