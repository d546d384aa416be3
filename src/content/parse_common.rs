//! Steps shared by role and category files.
use std::ops::Range;

use serde::de::DeserializeOwned;
use time::{Date, Month};
use toml::Spanned;

use super::diagnostics::{Diagnostic, SourceFile};
use super::front_matter::{self, Document, explain_toml_error};

/// Cuts out and deserializes the front matter. On failure pushes the error
/// (with the position TOML reported) and returns `None`.
pub fn parse_front_matter<'t, T: DeserializeOwned>(
    file: &SourceFile<'t>,
    out: &mut Vec<Diagnostic>,
) -> Option<(Document<'t>, T)> {
    let doc = match front_matter::split(file.text) {
        Ok(doc) => doc,
        Err((span, message)) => {
            out.push(file.error(span, message));
            return None;
        }
    };
    match toml::from_str::<T>(doc.front_matter) {
        Ok(value) => Some((doc, value)),
        Err(e) => {
            // Errors without a position point at the opening `+++`; so do
            // errors about the top-level table (a missing field), which TOML
            // reports as an empty span at its start.
            let (span, key) = match e.span() {
                Some(s) if s != (0..0) => (
                    span_in_file(&doc, s.clone()),
                    front_matter::key_at(doc.front_matter, s.start),
                ),
                _ => (0..3, None),
            };
            out.push(file.error(span, explain_toml_error(e.message(), key)));
            None
        }
    }
}

/// Body-relative span to file-relative span.
pub fn body_span_in_file(doc: &Document<'_>, span: &Range<usize>) -> Range<usize> {
    doc.body_offset + span.start..doc.body_offset + span.end
}

/// Front-matter-relative span to file-relative span.
pub fn span_in_file(doc: &Document<'_>, span: Range<usize>) -> Range<usize> {
    doc.front_matter_offset + span.start..doc.front_matter_offset + span.end
}

/// A TOML date (`2026-11-29`, unquoted) as a calendar date; times are
/// refused, naming `key`.
pub fn date_from_toml(
    file: &SourceFile<'_>,
    doc: &Document<'_>,
    key: &str,
    value: &Spanned<toml::value::Datetime>,
    out: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let datetime = value.get_ref();
    let converted = match (datetime.date, datetime.time, datetime.offset) {
        (Some(d), None, None) => Month::try_from(d.month)
            .ok()
            .and_then(|m| Date::from_calendar_date(i32::from(d.year), m, d.day).ok()),
        _ => None,
    };
    if converted.is_none() {
        out.push(file.error(
            span_in_file(doc, value.span()),
            format!("`{key}` must be a date like 2026-11-29 with no time, found `{datetime}`"),
        ));
    }
    converted
}
