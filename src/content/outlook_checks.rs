//! Keeps the prose honest about the BLS projections (`check` only): an
//! outlook written in words the projected change contradicts, a projected
//! percent that is not BLS's, and an entry education that differs from
//! BLS's without a reason. Warnings (errors under `--deny-warnings`), each
//! at the word it is about and quoting the BLS figure.
use std::collections::HashMap;
use std::ops::Range;

use super::diagnostics::{Diagnostic, SourceFile};
use super::facts::RoleFacts;
use crate::datasets::projections::outlook::{BRIGHT_GROWTH_MULTIPLE, OutlookBand, signed_percent};
use crate::datasets::projections::{ALL_OCCUPATIONS_CHANGE, Projection};

/// Words that describe growth: wrong for a projected decline.
const GROWTH_WORDS: &[&str] = &[
    "grow",
    "growth",
    "growing",
    "grows",
    "increase",
    "increases",
    "increasing",
    "expand",
    "expands",
    "expanding",
    "expansion",
    "rising",
    "rise",
    "boom",
    "booming",
    "steady",
    "steadily",
    "stable",
    "healthy",
    "strong",
    "robust",
    "surging",
];

/// Phrases in which a growth word says there is none.
const NEGATED_GROWTH: &[&str] = &["no growth", "not grow", "little or no", "isn't growing"];

/// Words that describe decline or slow growth: wrong for a projection at
/// least twice the average.
const SLOW_WORDS: &[&str] = &[
    "decline",
    "declines",
    "declining",
    "shrink",
    "shrinks",
    "shrinking",
    "slow",
    "slower",
    "slowing",
    "flat",
    "stagnant",
    "stagnate",
    "steady",
    "steadily",
    "stable",
    "modest",
    "sluggish",
];

/// A sentence outside `growth_outlook` is about the job market only when it
/// names one of these; "pay grows with experience" is not.
const MARKET_WORDS: &[&str] = &[
    "project",
    "employment",
    "job",
    "jobs",
    "demand",
    "outlook",
    "opening",
    "openings",
    "bls",
    "%",
    "percent",
    "hiring",
    "growth",
    "workforce",
    "positions",
];

/// Checks one role file's text against its occupation's projection.
pub fn check(
    role: &RoleFacts,
    text: &str,
    projections: &HashMap<String, Projection>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(code) = &role.soc_code else {
        return;
    };
    let Some(p) = projections.get(code.as_str()) else {
        return;
    };
    let file = SourceFile::new(&role.path, text);
    let figure = format!(
        "BLS projects {} for {} {}, 2024-34",
        signed_percent(p.change_percent),
        p.soc_code,
        p.title
    );
    for (span, whole) in outlook_sentences(text) {
        let sentence = &text[span.clone()];
        // ASCII lower-casing keeps byte offsets: spans in `lower` are spans in `sentence`.
        let lower = sentence.to_ascii_lowercase();
        if !whole && !MARKET_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        // A sentence that quotes BLS's own figure states the outlook; its
        // other words are about something else ("decline 5.0% as online
        // sales rise"). A wrong figure is caught below.
        let quotes_figure = percents(sentence)
            .iter()
            .any(|(_, v)| matches_figure(*v, p.change_percent) && !close_to_average(*v));
        if !quotes_figure
            && p.change_percent < 0.0
            && !NEGATED_GROWTH.iter().any(|n| lower.contains(n))
            && let Some(at) = find_word(&lower, GROWTH_WORDS)
        {
            out.push(file.warning(
                shift(&at, span.start),
                format!(
                    "describes growth (“{}”), but {figure} (a decline, {} openings a year from turnover): say the number and that jobs decline",
                    &sentence[at],
                    crate::format::thousands(p.annual_openings)
                ),
            ));
        }
        if !quotes_figure
            && p.change_percent >= BRIGHT_GROWTH_MULTIPLE * ALL_OCCUPATIONS_CHANGE
            && let Some(at) = find_word(&lower, SLOW_WORDS)
        {
            out.push(file.warning(
                shift(&at, span.start),
                format!(
                    "describes slow growth or decline (“{}”), but {figure} ({}, against {}% for all occupations)",
                    &sentence[at],
                    OutlookBand::of(p.change_percent).phrase().to_lowercase(),
                    ALL_OCCUPATIONS_CHANGE
                ),
            ));
        }
        if lower.contains("project") {
            for (at, value) in percents(sentence) {
                if !matches_figure(value, p.change_percent) {
                    out.push(file.warning(
                        shift(&at, span.start),
                        format!(
                            "the projected change is written as {}, but {figure}",
                            &sentence[at]
                        ),
                    ));
                }
            }
        }
    }
    if p.education != role.education_level && !role.education_level_explained {
        out.push(role.anchors.education_level.warning(format!(
            "`education_level = \"{}\"`, but BLS's typical entry education for {} {} is “{}” (`{}`): use it, or explain the difference in `education_level_reason`",
            role.education_level,
            p.soc_code,
            p.title,
            p.education.bls_name(),
            p.education
        )));
    }
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// The sentences of the text that speak about the outlook: the
/// `growth_outlook` line (whole: every word of it is about the market) and
/// each sentence of the `## Career outlook` section. Byte spans in `text`.
fn outlook_sentences(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_outlook = false;
    let mut in_front_matter = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed == "+++" {
            in_front_matter = n == 0;
        } else if in_front_matter {
            // The value only: the key itself says "growth".
            if let Some(value) = trimmed.strip_prefix("growth_outlook")
                && value.trim_start().starts_with('=')
                && let Some(equals) = line.find('=')
            {
                out.push((offset + equals + 1..offset + line.trim_end().len(), true));
            }
        } else if let Some(heading) = trimmed.strip_prefix("## ") {
            in_outlook = heading.trim().eq_ignore_ascii_case("career outlook");
        } else if in_outlook && !trimmed.is_empty() {
            out.extend(sentences(line).map(|r| (offset + r.start..offset + r.end, false)));
        }
        offset += line.len();
    }
    out
}

/// Sentence spans of one line: cut after `.`, `!` or `?` followed by a space.
fn sentences(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut cuts = Vec::new();
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            cuts.push(start..i + 1);
            start = i + 2;
        }
    }
    let end = line.trim_end().len();
    if start < end {
        cuts.push(start..end);
    }
    cuts.into_iter()
}

/// The span of the first whole word of `lower` that is in `words`.
fn find_word(lower: &str, words: &[&str]) -> Option<Range<usize>> {
    let mut start = None;
    for (i, c) in lower.char_indices().chain([(lower.len(), ' ')]) {
        let letter = c.is_alphabetic() || c == '\'';
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if words.contains(&&lower[s..i]) {
                    return Some(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

/// Numbers written as percents (`12.1%`, `12 percent`) with their spans.
fn percents(sentence: &str) -> Vec<(Range<usize>, f64)> {
    let bytes = sentence.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let number = sentence[start..i].trim_end_matches('.');
            let rest = &sentence[i..];
            let unit = if rest.starts_with('%') {
                Some(1)
            } else if rest.starts_with(" percent") {
                Some(" percent".len())
            } else {
                None
            };
            if let (Some(unit), Ok(value)) = (unit, number.parse::<f64>()) {
                found.push((start..i + unit, value));
            }
        } else {
            i += 1;
        }
    }
    found
}

fn close_to_average(written: f64) -> bool {
    (written - ALL_OCCUPATIONS_CHANGE).abs() < 0.051
}

/// A written percent agrees with BLS's figure when it is the figure (sign
/// aside, since "a decline of 12.9%" is right), the figure rounded to a
/// whole number, or the all-occupations average it is compared with.
fn matches_figure(written: f64, change_percent: f64) -> bool {
    let figure = change_percent.abs();
    let close = |a: f64, b: f64| (a - b).abs() < 0.051;
    close(written, figure)
        || (written.fract() == 0.0 && close(written, figure.round()))
        || close(written, ALL_OCCUPATIONS_CHANGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_only() {
        assert_eq!(find_word("growth is strong", GROWTH_WORDS), Some(0..6));
        assert_eq!(find_word("overgrown", GROWTH_WORDS), None);
        assert_eq!(find_word("slowly", SLOW_WORDS), None);
        assert_eq!(find_word("jobs decline.", SLOW_WORDS), Some(5..12));
    }

    #[test]
    fn reads_percents_in_both_spellings() {
        let found = percents("BLS projects 12.1% growth, or 12 percent, from 2024.");
        let values: Vec<f64> = found.iter().map(|(_, v)| *v).collect();
        assert_eq!(values, [12.1, 12.0]);
        assert_eq!(&"BLS projects 12.1% growth"[found[0].0.clone()], "12.1%");
    }

    #[test]
    fn a_figure_may_be_rounded_or_compared_with_the_average() {
        assert!(matches_figure(15.8, 15.8));
        assert!(matches_figure(16.0, 15.8));
        assert!(matches_figure(12.9, -12.9));
        assert!(matches_figure(3.1, 15.8));
        assert!(!matches_figure(20.0, 15.8));
        assert!(!matches_figure(15.0, 15.8));
    }

    #[test]
    fn outlook_sentences_are_the_field_and_the_section() {
        let text = "+++\ntitle = \"X\"\ngrowth_outlook = \"Growing fast\"\n+++\n\n## Overview\n\nGrowth here is ignored.\n\n## Career outlook\n\nJobs grow. Pay rises too.\n\n## Frequently asked questions\n\nNot here.\n";
        let found: Vec<&str> = outlook_sentences(text)
            .into_iter()
            .map(|(r, _)| &text[r])
            .collect();
        assert_eq!(found, [" \"Growing fast\"", "Jobs grow.", "Pay rises too."]);
    }
}
