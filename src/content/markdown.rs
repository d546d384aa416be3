//! Markdown to safe HTML, and the event-level helpers that cut a body into
//! `## ` sections and `### ` sub-parts while keeping byte offsets for errors.
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A parsed markdown event with its byte range inside the body.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

fn options() -> Options {
    // Footnote references (`[^bls-ooh]`) cite a role's sources by id. The
    // "old" footnotes report a reference even without a definition in the
    // text: the definitions are the `[[sources]]` entries.
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_OLD_FOOTNOTES
}

/// The footnote references (`[^id]`) among `events`, with their spans.
pub fn footnote_references<'a>(events: &[Spanned<'a>]) -> Vec<(CowStr<'a>, Range<usize>)> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::FootnoteReference(label) => Some((label.clone(), range.clone())),
            _ => None,
        })
        .collect()
}

pub fn parse(body: &str) -> Vec<Spanned<'_>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .collect()
}

/// Content files are ours, but raw HTML in them must never reach readers:
/// everything rendered goes through this allow-list.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class"])
        .link_rel(None);
    builder
});

/// Renders events to sanitized HTML.
pub fn to_html<'a>(events: impl IntoIterator<Item = Event<'a>>) -> String {
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    SANITIZER.clean(&raw).to_string()
}

pub fn render(markdown: &str) -> String {
    to_html(Parser::new_ext(markdown, options()))
}

/// The text of events with markup dropped (for headings, JSON-LD, word counts).
pub fn plain_text<'a, 'e: 'a>(events: impl IntoIterator<Item = &'a Event<'e>>) -> String {
    collapse_whitespace(&raw_text(events))
}

/// The text of events as `plain_text` joins them, before its whitespace is
/// collapsed.
fn raw_text<'a, 'e: 'a>(events: impl IntoIterator<Item = &'a Event<'e>>) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// `text` with its runs of whitespace made single spaces and its ends
/// trimmed: words joined by one space, in one pass.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words of the text of `events` (as `plain_text` joins them).
pub fn word_count<'a, 'e: 'a>(events: impl IntoIterator<Item = &'a Event<'e>>) -> usize {
    // Counted where a word starts, without building the collapsed text.
    let mut count = 0;
    let mut in_word = false;
    for c in raw_text(events).chars() {
        let space = c.is_whitespace();
        count += usize::from(!space && !in_word);
        in_word = !space;
    }
    count
}

/// A heading and the events up to the next heading of the same level.
pub struct Part<'a> {
    pub heading: String,
    /// Byte range of the whole heading line inside the body.
    pub heading_span: Range<usize>,
    pub events: Vec<Spanned<'a>>,
}

/// Cuts `events` at every heading of `level`. Returns what comes before the
/// first such heading, then one part per heading.
pub fn split_at_headings<'a>(
    events: Vec<Spanned<'a>>,
    level: HeadingLevel,
) -> (Vec<Spanned<'a>>, Vec<Part<'a>>) {
    let mut preamble = Vec::new();
    let mut parts: Vec<Part<'a>> = Vec::new();
    let mut heading: Option<(Range<usize>, Vec<Event<'a>>)> = None;
    for (event, range) in events {
        match (&event, &mut heading) {
            (Event::Start(Tag::Heading { level: l, .. }), None) if *l == level => {
                heading = Some((range, Vec::new()));
            }
            (Event::End(TagEnd::Heading(l)), Some(_)) if *l == level => {
                let (span, inner) = heading.take().expect("inside a heading");
                parts.push(Part {
                    heading: plain_text(inner.iter()),
                    heading_span: span,
                    events: Vec::new(),
                });
            }
            (_, Some((_, inner))) => inner.push(event),
            (_, None) => match parts.last_mut() {
                Some(part) => part.events.push((event, range)),
                None => preamble.push((event, range)),
            },
        }
    }
    (preamble, parts)
}

/// True when the events hold nothing a reader would see.
pub fn is_blank(events: &[Spanned<'_>]) -> bool {
    // What `plain_text` would give is empty: no text but whitespace.
    !events.iter().any(|(event, _)| match event {
        Event::Text(t) | Event::Code(t) => !t.trim().is_empty(),
        _ => false,
    })
}

/// The items of the first top-level list in `events`, each as its own events.
pub fn list_items<'a>(events: &[Spanned<'a>]) -> Vec<Vec<Spanned<'a>>> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Vec<Spanned<'a>>> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Start(Tag::Item) if depth == 1 => {
                current = Some(Vec::new());
                continue;
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                items.extend(current.take());
                continue;
            }
            _ => {}
        }
        if let Some(item) = current.as_mut() {
            item.push((event.clone(), range.clone()));
        }
    }
    items
}

/// Internal links (`/roles/x`, `/categories/x`) with their spans, for checks.
pub fn internal_links<'a>(events: &[Spanned<'a>]) -> Vec<(CowStr<'a>, Range<usize>)> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('/') => {
                Some((dest_url.clone(), range.clone()))
            }
            _ => None,
        })
        .collect()
}

/// Drops the `<p>` wrapper of a single-paragraph fragment (loose list items).
pub fn without_paragraph(events: Vec<Spanned<'_>>) -> impl Iterator<Item = Event<'_>> {
    events.into_iter().map(|(e, _)| e).filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_the_plain_text_shows_them() {
        for (markdown, words) in [
            ("", 0),
            ("One  *two*\n three.", 3),
            ("half**bold** stays one word", 4),
            ("- a\n- b\n\nNext\u{a0}word", 4),
        ] {
            let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
            assert_eq!(word_count(&events), words, "{markdown:?}");
            assert_eq!(
                plain_text(&events).split_whitespace().count(),
                words,
                "{markdown:?}"
            );
        }
    }

    #[test]
    fn strips_script_and_event_handlers() {
        let html = render("Hi <script>alert(1)</script><img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn splits_sections_with_offsets() {
        let body = "intro\n\n## One\n\ntext\n\n## Two\n\n- a\n- b\n";
        let (pre, parts) = split_at_headings(parse(body), HeadingLevel::H2);
        assert_eq!(plain_text(pre.iter().map(|(e, _)| e)), "intro");
        let headings: Vec<_> = parts.iter().map(|p| p.heading.as_str()).collect();
        assert_eq!(headings, ["One", "Two"]);
        assert_eq!(&body[parts[1].heading_span.clone()], "## Two\n");
        let items = list_items(&parts[1].events);
        assert_eq!(items.len(), 2);
        assert_eq!(to_html(without_paragraph(items[1].clone())), "b");
    }

    #[test]
    fn finds_internal_links_only() {
        let events = parse("[a](/roles/x) [b](https://example.com) [c](/categories/y)");
        let links: Vec<_> = internal_links(&events)
            .into_iter()
            .map(|(u, _)| u.to_string())
            .collect();
        assert_eq!(links, ["/roles/x", "/categories/y"]);
    }
}
