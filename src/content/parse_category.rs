//! Parses one category file.
use std::path::Path;

use super::diagnostics::{Diagnostic, SourceFile};
use super::front_matter::CategoryFrontMatter;
use super::markdown;
use super::model::{Anchor, Category};
use super::parse_common::{body_span_in_file, parse_front_matter, span_in_file};
use crate::domain::Slug;

pub fn parse_category(
    path: &Path,
    slug: Slug,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Category> {
    let file = SourceFile::new(path, text);
    let (doc, fm) = parse_front_matter::<CategoryFrontMatter>(&file, out)?;
    if fm.title.get_ref().trim().is_empty() {
        out.push(file.error(
            span_in_file(&doc, fm.title.span()),
            "`title` cannot be empty",
        ));
        return None;
    }
    Some(Category {
        slug,
        path: path.to_owned(),
        title: fm.title.get_ref().trim().to_owned(),
        summary: fm.summary.get_ref().trim().to_owned(),
        intro_html: markdown::render(doc.body),
        links: markdown::internal_links(&markdown::parse(doc.body))
            .into_iter()
            .map(|(url, range)| {
                let span = body_span_in_file(&doc, &range);
                (url.to_string(), Anchor(file.error(span, "")))
            })
            .collect(),
    })
}
