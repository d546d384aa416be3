//! The parts of a role's front matter that make its facts traceable:
//! `[[sources]]` and how its BLS occupation matches the job (`soc_match`).
use std::ops::Range;

use toml::Spanned;

use super::diagnostics::{Diagnostic, SourceFile};
use super::front_matter::{Document, RoleFrontMatter, SourceFrontMatter};
use super::model::{Anchor, Source};
use super::parse_common::{date_from_toml, span_in_file};
use crate::domain::SocMatch;

/// Every profile cites at least this many sources.
pub const MIN_SOURCES: usize = 2;

/// Hosts of the U.S. Bureau of Labor Statistics; one source must be there.
const BLS_HOSTS: [&str; 2] = ["bls.gov", "www.bls.gov"];

pub struct SourcesChecked {
    pub sources: Vec<Source>,
    /// Each source's `id`, where it stands: a source the body never cites
    /// is reported there.
    pub ids: Vec<(String, Anchor)>,
    /// Where each source's `accessed` date stands, for the date checks that
    /// need today's date.
    pub accessed: Vec<Anchor>,
}

/// `soc_match` is required with `soc_code` and meaningless without it; a
/// `related` match needs the one-line reason, an `exact` one must not have it.
pub fn check_soc_match(
    fm: &RoleFrontMatter,
    anchor: &impl Fn(Range<usize>) -> Anchor,
    out: &mut Vec<Diagnostic>,
) -> (Option<SocMatch>, Option<String>) {
    let reason = fm
        .soc_match_reason
        .as_ref()
        .map(|r| (r.get_ref().trim().to_owned(), r.span()));
    match (&fm.soc_code, &fm.soc_match) {
        (Some(code), None) => {
            out.push(anchor(code.span()).error(
                "`soc_match` is missing: add `soc_match = \"exact\"` when `soc_code` is this job's own BLS occupation, or `soc_match = \"related\"` with a `soc_match_reason` when it is the closest related one",
            ));
            (None, None)
        }
        (None, Some(m)) => {
            out.push(anchor(m.span()).error(
                "`soc_match` without `soc_code`: add the SOC code it describes, or remove it",
            ));
            (None, None)
        }
        (None, None) => {
            if let Some((_, span)) = reason {
                out.push(anchor(span).error("`soc_match_reason` without `soc_code`: remove it"));
            }
            (None, None)
        }
        (Some(_), Some(m)) => match (*m.get_ref(), reason) {
            (SocMatch::Related, None) => {
                out.push(anchor(m.span()).error(
                    "`soc_match = \"related\"` needs `soc_match_reason`: one sentence saying why the figures are for another occupation",
                ));
                (Some(SocMatch::Related), None)
            }
            (SocMatch::Related, Some((text, span))) if text.is_empty() => {
                out.push(anchor(span).error("`soc_match_reason` is empty"));
                (Some(SocMatch::Related), None)
            }
            (SocMatch::Related, Some((text, _))) => (Some(SocMatch::Related), Some(text)),
            (SocMatch::Exact, Some((_, span))) => {
                out.push(anchor(span).error(
                    "`soc_match_reason` is only for `soc_match = \"related\"`: remove it, or change `soc_match`",
                ));
                (Some(SocMatch::Exact), None)
            }
            (SocMatch::Exact, None) => (Some(SocMatch::Exact), None),
        },
    }
}

/// Parses and checks `[[sources]]`: at least `MIN_SOURCES`, one of them the
/// BLS, every field filled, every address `https://`.
pub fn check_sources(
    file: &SourceFile<'_>,
    doc: &Document<'_>,
    entries: &[Spanned<SourceFrontMatter>],
    out: &mut Vec<Diagnostic>,
) -> SourcesChecked {
    let at = |span: Range<usize>| span_in_file(doc, span);
    let mut sources = Vec::new();
    let mut ids: Vec<(String, Anchor)> = Vec::new();
    let mut accessed_anchors = Vec::new();
    for entry in entries {
        let e = entry.get_ref();
        let id = e.id.get_ref().trim();
        if let Err(problem) = check_id(id) {
            out.push(file.error(at(e.id.span()), format!("source `id`: {problem}")));
        } else if ids.iter().any(|(seen, _)| seen == id) {
            out.push(file.error(
                at(e.id.span()),
                format!(
                    "source `id` `{id}` is used by an earlier source: each id names one source"
                ),
            ));
        } else {
            ids.push((id.to_owned(), Anchor(file.error(at(e.id.span()), ""))));
        }
        for (name, value) in [("title", &e.title), ("publisher", &e.publisher)] {
            if value.get_ref().trim().is_empty() {
                out.push(file.error(at(value.span()), format!("source `{name}` is empty")));
            }
        }
        let url = e.url.get_ref().trim();
        if let Err(problem) = check_url(url) {
            out.push(file.error(at(e.url.span()), format!("source `url`: {problem}")));
        } else if is_home_page(url) {
            out.push(file.error(
                at(e.url.span()),
                format!("source `url` {url} is a site's home page: cite the page that supports the claim"),
            ));
        }
        let accessed = date_from_toml(file, doc, "accessed", &e.accessed, out);
        if let Some(accessed) = accessed {
            sources.push(Source {
                id: id.to_owned(),
                title: e.title.get_ref().trim().to_owned(),
                publisher: e.publisher.get_ref().trim().to_owned(),
                url: url.to_owned(),
                accessed,
            });
            accessed_anchors.push(Anchor(file.error(at(e.accessed.span()), "")));
        }
    }
    // A missing list points at the opening `+++`, like other missing keys.
    let list_span = entries.first().map_or(0..3, |e| at(e.span()));
    if entries.len() < MIN_SOURCES {
        out.push(file.error(
            list_span.clone(),
            format!(
                "{} `[[sources]]` listed; every profile cites at least {MIN_SOURCES}, one of them the BLS (its Occupational Outlook Handbook page or OEWS data for the SOC code)",
                entries.len()
            ),
        ));
    } else if !entries
        .iter()
        .any(|e| url_host(e.get_ref().url.get_ref().trim()).is_some_and(|h| BLS_HOSTS.contains(&h)))
    {
        out.push(file.error(
            list_span,
            "no source from the BLS (https://www.bls.gov/...): cite its Occupational Outlook Handbook page or OEWS data for the SOC code",
        ));
    }
    SourcesChecked {
        sources,
        ids,
        accessed: accessed_anchors,
    }
}

/// The host of an `https://` URL, lower-cased comparison left to callers.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.rsplit('@').next().unwrap_or(host))
}

/// Ids are cited in prose as `[^id]`, and become fragment names on the page
/// (`#source-id`): lower-case letters, digits and single hyphens.
fn check_id(id: &str) -> Result<(), &'static str> {
    let valid = !id.is_empty()
        && id.len() <= 40
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(
            "use lower-case letters, digits and single hyphens, e.g. `bls-ooh` (at most 40 characters)",
        )
    }
}

/// A URL with no path (`https://www.nfpa.org/`) supports no particular claim.
fn is_home_page(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let path = rest
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .split_once('/')
        .map_or("", |(_, path)| path);
    path.trim_matches('/').is_empty()
}

fn check_url(url: &str) -> Result<(), &'static str> {
    if url.is_empty() {
        return Err("is empty");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("may not contain spaces");
    }
    let Some(host) = url_host(url) else {
        return Err("must be an `https://` address");
    };
    let valid_host = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
    if !valid_host {
        return Err("has no valid host name after `https://`");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_https_urls_and_names_what_is_wrong_with_others() {
        assert_eq!(check_url("https://www.bls.gov/ooh/"), Ok(()));
        assert_eq!(check_url("https://ncsbn.org"), Ok(()));
        assert_eq!(
            check_url("http://www.bls.gov/"),
            Err("must be an `https://` address")
        );
        assert_eq!(
            check_url("www.bls.gov"),
            Err("must be an `https://` address")
        );
        assert_eq!(
            check_url("https://localhost/"),
            Err("has no valid host name after `https://`")
        );
        assert_eq!(check_url("https://a b.org/"), Err("may not contain spaces"));
        assert_eq!(check_url(""), Err("is empty"));
    }

    #[test]
    fn home_pages_are_told_from_pages() {
        assert!(is_home_page("https://www.nfpa.org/"));
        assert!(is_home_page("https://www.nfpa.org"));
        assert!(is_home_page("https://ncsbn.org/?ref=x"));
        assert!(!is_home_page("https://www.nfpa.org/codes/70"));
        assert!(!is_home_page("https://www.bls.gov/ooh/"));
    }

    #[test]
    fn ids_are_slugs() {
        assert_eq!(check_id("bls-ooh"), Ok(()));
        assert_eq!(check_id("nclex2"), Ok(()));
        for bad in ["", "BLS", "bls ooh", "-x", "x-", "a--b", "é"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn finds_the_host() {
        assert_eq!(
            url_host("https://www.bls.gov/oes/current/oes291141.htm"),
            Some("www.bls.gov")
        );
        assert_eq!(url_host("https://bls.gov?x"), Some("bls.gov"));
        assert_eq!(url_host("ftp://bls.gov"), None);
    }
}
