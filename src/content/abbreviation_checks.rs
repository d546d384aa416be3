//! Plain words (`check` only): an abbreviation in a profile's prose must be
//! spelled out where a reader first meets it: "registered nurse (RN)", or
//! "RN (registered nurse)". Later uses may stand alone. A few need no
//! expansion ([`NEEDS_NO_EXPANSION`]), and a few are the site's own
//! ([`RESERVED`]): on every page "BLS" is the Bureau of Labor Statistics, so
//! a profile may not use it for anything else.
//!
//! The prose is what a reader sees of the file, in the order of the page:
//! the summary, the facts at a glance, the skills, the body, then the
//! reasons shown beside the pay and education figures. Names, codes,
//! sources and pay are not prose, nor are code, link targets and footnote
//! references in the body.
//! The rendered pages are checked in page order by the test suite.
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::diagnostics::{Diagnostic, SourceFile};

/// Abbreviations every reader knows, documented in `docs/content.md`.
pub const NEEDS_NO_EXPANSION: &[&str] = &["AI", "IT", "US", "USA", "ID", "PDF", "TV", "DC"];

/// Abbreviations the site's own pages use with one meaning, and that
/// meaning: a profile spells it out with these words or not at all.
pub const RESERVED: &[(&str, &str)] = &[("BLS", "Bureau of Labor Statistics")];

/// Front-matter keys whose values are names, codes or vocabulary, not prose.
const NOT_PROSE: &[&str] = &[
    "title",
    "also_known_as",
    "aliases",
    "next_roles",
    "soc_code",
    "soc_match",
    "category",
    "updated",
    "education_level",
    "ai_impact_level",
    "draft",
    "slug",
];

/// Checks one profile's text; warnings only.
pub fn check(path: &Path, text: &str, out: &mut Vec<Diagnostic>) {
    let file = SourceFile::new(path, text);
    // First use of each abbreviation, and where (if anywhere) it is spelled out.
    let mut first: HashMap<&str, (Range<usize>, bool)> = HashMap::new();
    let mut spelled: HashMap<&str, Range<usize>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for span in prose_spans(text) {
        for (at, word) in abbreviations(&text[span.clone()]) {
            let at = at.start + span.start..at.end + span.start;
            if NEEDS_NO_EXPANSION.contains(&word) {
                continue;
            }
            let expanded = is_spelled_out(text, &at, word);
            if expanded {
                spelled.entry(word).or_insert(at.clone());
            }
            first.entry(word).or_insert_with(|| {
                order.push(word);
                (at, expanded)
            });
        }
    }
    for word in order {
        let (at, expanded) = &first[word];
        if let Some((_, meaning)) = RESERVED.iter().find(|(w, _)| *w == word) {
            if !expanded {
                out.push(file.warning(
                    at.clone(),
                    format!(
                        "“{word}” is not spelled out at its first use: on this site it is the {meaning}; write “U.S. {meaning} ({word})” here, or the words of any other meaning in full"
                    ),
                ));
            }
            continue;
        }
        if *expanded {
            continue;
        }
        let later = match spelled.get(word) {
            Some(span) => format!(
                " (it is spelled out on line {}, after this use)",
                file.warning(span.clone(), "").line
            ),
            None => String::new(),
        };
        out.push(file.warning(
            at.clone(),
            format!(
                "abbreviation “{word}” is not spelled out at its first use: write the words in full followed by “({word})”{later}"
            ),
        ));
    }
}

/// The abbreviations of a page's visible text, in reading order, that are
/// not spelled out where they first appear, by the rules above; `ignore`
/// may pass over a use (a state's postal code in an area's name).
pub fn not_spelled_out_on_page<'a>(
    text: &'a str,
    ignore: &dyn Fn(&str, Range<usize>) -> bool,
) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    let mut missing = Vec::new();
    for (at, word) in abbreviations(text) {
        if NEEDS_NO_EXPANSION.contains(&word) || seen.contains(&word) || ignore(word, at.clone()) {
            continue;
        }
        seen.push(word);
        if !is_spelled_out(text, &at, word) {
            missing.push(word);
        }
    }
    missing
}

/// Whether the use of `word` at `at` spells it out: "(RN)" after the words,
/// or "RN (" before them. A reserved one must follow its own words.
fn is_spelled_out(text: &str, at: &Range<usize>, word: &str) -> bool {
    // A group of capitals joined by "/", "-" or " " is spelled out as one:
    // "(USDOL/ETA)", "(NCLEX-PN)", "(PCI DSS)"; so is a code: "COVID-19 (".
    let before = group_before(&text[..at.start]);
    let after = group_after(&text[at.end..]);
    // The words around it must be words: "RHIT (AHIMA)" explains neither.
    let is_word = |w: Option<&str>| {
        w.is_some_and(|w| {
            w.chars().any(|c| c.is_lowercase()) || w.chars().all(|c| c.is_ascii_digit())
        })
    };
    let word_before = before
        .strip_suffix('(')
        .and_then(|b| b.split_whitespace().next_back());
    let in_parens = before.ends_with('(')
        && (after.starts_with(')') || after.starts_with("s)"))
        && is_word(word_before);
    let word_after = after
        .strip_prefix(" (")
        .or_else(|| after.strip_prefix("s ("))
        .and_then(|a| a.split_whitespace().next());
    let followed = is_word(word_after);
    match RESERVED.iter().find(|(w, _)| *w == word) {
        Some((_, meaning)) => {
            in_parens
                && before
                    .trim_end_matches('(')
                    .trim_end()
                    .to_ascii_lowercase()
                    .ends_with(&meaning.to_ascii_lowercase())
        }
        None => in_parens || followed,
    }
}

fn is_group_char(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == '*' || c == '&'
}

/// `before` without the capitals joined to the abbreviation that follows it.
fn group_before(mut before: &str) -> &str {
    while let Some(joined) = before.strip_suffix(['-', '/', ' ']) {
        let rest = joined.trim_end_matches(is_group_char);
        if rest.len() == joined.len() {
            break;
        }
        before = rest;
    }
    before
}

/// `after` without the capitals or digits joined to the abbreviation before it.
fn group_after(mut after: &str) -> &str {
    while let Some(joined) = after.strip_prefix(['-', '/', ' ']) {
        let rest = joined.trim_start_matches(is_group_char);
        if rest.len() == joined.len() {
            break;
        }
        after = rest;
    }
    after
}

/// The abbreviations of a piece of prose with their spans: words of at
/// least two capital letters and no small ones, but for a plural "s"
/// ("RNs"), split at hyphens and slashes ("NCLEX-RN" is two). Roman
/// numerals II and III are numbers.
fn abbreviations(prose: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let is_word_char = |c: char| c.is_ascii_alphanumeric() || c == '*' || c == '&';
    let mut start = None;
    for (i, c) in prose.char_indices().chain([(prose.len(), ' ')]) {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                let word = prose[s..i].trim_matches(['*', '&']);
                let offset = s + prose[s..i].find(word).unwrap_or(0);
                let stem = word.strip_suffix('s').unwrap_or(word);
                let capitals = stem.chars().filter(char::is_ascii_uppercase).count();
                let small = stem.chars().any(|c| c.is_ascii_lowercase());
                if capitals >= 2
                    && !small
                    && stem.starts_with(|c: char| c.is_ascii_uppercase())
                    && !matches!(stem, "II" | "III")
                {
                    found.push((offset..offset + stem.len(), stem));
                }
            }
            _ => {}
        }
    }
    found
}

/// Where a front-matter value appears on the page, for ordering: the body
/// comes at [`BODY`].
fn page_rank(section: Option<&str>, key: &str) -> u8 {
    match (section, key) {
        (None, "summary") => 0,
        (Some("at_a_glance"), _) => 1,
        (None, "skills") => 2,
        _ => BODY + 1,
    }
}

const BODY: u8 = 3;

/// Byte spans of the text a reader sees, in page order.
fn prose_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans: Vec<(u8, Range<usize>)> = Vec::new();
    let mut offset = 0;
    let mut section: Option<String> = None;
    let mut in_front_matter = false;
    let mut in_fence = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed == "+++" {
            in_front_matter = n == 0;
        } else if in_front_matter {
            if trimmed.starts_with('[') {
                section = Some(trimmed.trim_matches(['[', ']']).to_owned());
            } else if let Some(equals) = line.find('=') {
                let key = line[..equals].trim();
                let skipped = match section.as_deref() {
                    None => NOT_PROSE.contains(&key),
                    Some("at_a_glance") => false,
                    Some(_) => true,
                };
                if !skipped {
                    let rank = page_rank(section.as_deref(), key);
                    let at = offset + equals + 1;
                    spans.extend(
                        strings(&line[equals + 1..])
                            .into_iter()
                            .map(|r| (rank, at + r.start..at + r.end)),
                    );
                }
            }
        } else if trimmed.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence {
            spans.extend(
                markdown_prose(line)
                    .into_iter()
                    .map(|r| (BODY, offset + r.start..offset + r.end)),
            );
        }
        offset += line.len();
    }
    // Stable: within one rank, file order.
    spans.sort_by_key(|(rank, _)| *rank);
    spans.into_iter().map(|(_, span)| span).collect()
}

/// The insides of the double-quoted strings of a TOML value.
fn strings(value: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match (c, start) {
            _ if escaped => escaped = false,
            ('\\', Some(_)) => escaped = true,
            ('"', None) => start = Some(i + 1),
            ('"', Some(s)) => {
                spans.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// A markdown line without inline code, link targets and footnote
/// references.
fn markdown_prose(line: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let skip_to = match bytes[i] {
            b'`' => line[i + 1..].find('`').map(|j| i + 1 + j + 1),
            b']' if bytes.get(i + 1) == Some(&b'(') => line[i..].find(')').map(|j| i + j + 1),
            b'[' if bytes.get(i + 1) == Some(&b'^') => line[i..].find(']').map(|j| i + j + 1),
            _ => None,
        };
        match skip_to {
            Some(end) => {
                spans.push(start..i);
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    spans.push(start..line.len());
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        check(Path::new("content/roles/x.md"), text, &mut out);
        out.iter().map(Diagnostic::headline).collect()
    }

    #[test]
    fn finds_capital_words_and_their_plurals() {
        let words: Vec<&str> = abbreviations("RNs pass the NCLEX-RN; O*NET, Epic, 3D, AT&T, III")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["RN", "NCLEX", "RN", "O*NET", "AT&T"]);
    }

    #[test]
    fn the_first_use_must_be_spelled_out() {
        let text = "+++\ntitle = \"Registered Nurse (RN)\"\nsummary = \"Gives IV drugs.\"\n+++\n\nAn RN gives intravenous (IV) drugs, then more IV drugs.\n";
        let found = warnings(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains(":3:") && found[0].contains("“IV”"));
        assert!(found[0].contains("spelled out on line 6"), "{found:?}");
        assert!(found[1].contains(":6:") && found[1].contains("“RN”"));
    }

    #[test]
    fn either_order_spells_out() {
        let text = "Pass the NCLEX (National Council Licensure Examination), become a registered nurse (RN), and lead RNs; AI and US need nothing.\n";
        assert_eq!(warnings(text), Vec::<String>::new());
    }

    #[test]
    fn prose_is_read_in_page_order() {
        let text = "+++\nskills = [\"IV therapy\"]\n\n[at_a_glance]\neducation = \"Gives intravenous (IV) drugs\"\n+++\n";
        assert_eq!(warnings(text), Vec::<String>::new());
    }

    #[test]
    fn code_links_sources_and_names_are_not_prose() {
        let text = "+++\ntitle = \"SOC Analyst\"\nsoc_code = \"15-1212\"\n\n[[sources]]\nid = \"x\"\ntitle = \"NCSBN page\"\n+++\n\nRun `EXPLAIN` and read [the page](https://x.org/ABC)[^x].\n";
        assert_eq!(warnings(text), Vec::<String>::new());
    }

    #[test]
    fn bls_is_the_bureau_of_labor_statistics() {
        let bare = warnings("Hold a BLS card.\n");
        assert!(bare[0].contains("Bureau of Labor Statistics"), "{bare:?}");
        let other = warnings("Hold a Basic Life Support (BLS) card.\n");
        assert_eq!(other.len(), 1, "{other:?}");
        let joined =
            warnings("The Employment and Training Administration (USDOL/ETA) and USDOL.\n");
        assert_eq!(joined, Vec::<String>::new());
        let grouped = warnings(
            "The Data Security Standard (PCI DSS), COVID-19 (a disease) and the exam for practical nurses (NCLEX-PN).\n",
        );
        assert_eq!(grouped, Vec::<String>::new());
        let listed = warnings("Networks (DNS, DHCP) and (RN or LPN).\n");
        assert_eq!(listed.len(), 4, "{listed:?}");
        let bare = warnings("Hold the RHIT (AHIMA) credential.\n");
        assert_eq!(bare.len(), 2, "{bare:?}");
        let bureau =
            warnings("The U.S. Bureau of Labor Statistics (BLS) counts them. BLS says so.\n");
        assert_eq!(bureau, Vec::<String>::new());
    }
}
