//! Claims tied to sources: a role's prose cites a `[[sources]]` entry with a
//! footnote reference to its id (`... a license.[^state-board]`). The page
//! shows each reference as its source's number, linking to the Sources list;
//! the list links back to the first reference.
use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::diagnostics::{Diagnostic, SourceFile};
use super::front_matter::Document;
use super::markdown;
use super::model::Anchor;
use super::parse_common::body_span_in_file;

/// A profile cites its sources at least this often (a warning below it).
pub const MIN_CITATIONS: usize = 3;

/// The fragment of a source in the Sources list: `#source-bls-ooh`.
pub fn source_fragment(id: &str) -> String {
    format!("source-{id}")
}

/// The fragment of a source's first reference in the prose.
pub fn first_reference_fragment(id: &str) -> String {
    format!("cite-{id}")
}

/// Turns references into links, in page order, so that the first reference
/// to each source carries the fragment its list entry links back to.
pub struct Citations<'s> {
    /// Source ids in file order: a reference shows its source's position.
    ids: &'s [String],
    seen: HashSet<&'s str>,
}

impl<'s> Citations<'s> {
    pub fn new(ids: &'s [String]) -> Self {
        Self {
            ids,
            seen: HashSet::new(),
        }
    }

    /// `events` with each reference to a known source replaced by its
    /// numbered link. Unknown ids were reported by the checks; they are
    /// left as text rather than linked to nothing.
    pub fn link<'a>(&mut self, events: impl IntoIterator<Item = Event<'a>>) -> Vec<Event<'a>> {
        events
            .into_iter()
            .map(|event| match event {
                Event::FootnoteReference(label) => self.reference(label),
                other => other,
            })
            .collect()
    }

    fn reference<'a>(&mut self, label: CowStr<'a>) -> Event<'a> {
        let Some(position) = self.ids.iter().position(|id| *id == *label) else {
            return Event::Text(format!("[^{label}]").into());
        };
        let id = self.ids[position].as_str();
        // Ids are checked to be lower-case letters, digits and hyphens, so
        // they need no escaping inside an attribute.
        let anchor = if self.seen.insert(id) {
            format!(" id=\"{}\"", first_reference_fragment(id))
        } else {
            String::new()
        };
        Event::InlineHtml(
            format!(
                "<sup class=\"cite\"{anchor}><a href=\"#{}\">[{}]</a></sup>",
                source_fragment(id),
                position + 1
            )
            .into(),
        )
    }
}

/// Every reference names a source, every source is cited, and a profile
/// cites at least [`MIN_CITATIONS`] times; footnote definitions are not
/// used (the `[[sources]]` entries are the definitions).
pub fn check(
    file: &SourceFile<'_>,
    doc: &Document<'_>,
    events: &[markdown::Spanned<'_>],
    sources: &[(String, Anchor)],
    out: &mut Vec<Diagnostic>,
) {
    let at = |range: &Range<usize>| body_span_in_file(doc, range);
    for (event, range) in events {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            out.push(file.error(
                at(range),
                format!("footnote definition `[^{label}]:`: list the source as a `[[sources]]` entry with `id = \"{label}\"` instead"),
            ));
        }
    }
    let references = markdown::footnote_references(events);
    for (label, range) in &references {
        if !sources.iter().any(|(id, _)| **id == **label) {
            let known: Vec<&str> = sources.iter().map(|(id, _)| id.as_str()).collect();
            out.push(file.error(
                at(range),
                format!(
                    "`[^{label}]` cites no source: the `[[sources]]` ids are {}",
                    if known.is_empty() {
                        "(none)".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
            ));
        }
    }
    for (id, anchor) in sources {
        if !references.iter().any(|(label, _)| **label == **id) {
            out.push(anchor.error(format!(
                "source `{id}` is never cited: put `[^{id}]` after the claim it supports, or remove the source"
            )));
        }
    }
    if references.len() < MIN_CITATIONS {
        let start = doc.body_offset.saturating_sub(4);
        out.push(file.warning(
            start..start + 3,
            format!(
                "the body cites its sources {} time(s); a profile ties at least {MIN_CITATIONS} claims to their sources with `[^id]`",
                references.len()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown;

    #[test]
    fn numbers_references_by_source_and_anchors_the_first() {
        let ids = vec!["bls-ooh".to_owned(), "ncsbn".to_owned()];
        let mut citations = Citations::new(&ids);
        let events = markdown::parse("Pay.[^ncsbn] Exam.[^bls-ooh] Again.[^ncsbn]");
        let html = markdown::to_html(citations.link(events.into_iter().map(|(e, _)| e)));
        assert_eq!(
            html,
            "<p>Pay.<sup class=\"cite\" id=\"cite-ncsbn\"><a href=\"#source-ncsbn\">[2]</a></sup> \
             Exam.<sup class=\"cite\" id=\"cite-bls-ooh\"><a href=\"#source-bls-ooh\">[1]</a></sup> \
             Again.<sup class=\"cite\"><a href=\"#source-ncsbn\">[2]</a></sup></p>\n"
        );
    }

    #[test]
    fn an_unknown_reference_stays_text() {
        let ids = vec!["bls-ooh".to_owned()];
        let events = markdown::parse("Claim.[^nope]");
        let html = markdown::to_html(Citations::new(&ids).link(events.into_iter().map(|(e, _)| e)));
        assert_eq!(html, "<p>Claim.[^nope]</p>\n");
    }
}
