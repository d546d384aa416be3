//! Every path of the site, built in one place: handlers, templates, the
//! sitemap, feeds and the static export all link through these functions, and
//! the router registers the patterns beside them, so a path cannot drift.
use std::fmt::Display;

pub const HOME: &str = "/";
pub const ROLES: &str = "/roles";
pub const SALARIES: &str = "/salaries";
pub const SITE_FEED: &str = "/feed.xml";
pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
pub const FAVICON: &str = "/favicon.ico";
pub const HEALTH: &str = "/healthz";
pub const READY: &str = "/readyz";
pub const SEARCH: &str = "/search";
pub const COMPARE: &str = "/compare";
pub const METRICS: &str = "/metrics";

/// Route patterns for the paths that take a parameter.
pub mod pattern {
    pub const ROLE: &str = "/roles/{slug}";
    pub const ROLE_JSON: &str = "/roles/{slug}.json";
    pub const CATEGORY: &str = "/categories/{slug}";
    pub const CATEGORY_FEED: &str = "/categories/{slug}/feed.xml";
    pub const SALARY: &str = "/salaries/{soc}";
    pub const SALARY_JSON: &str = "/salaries/{soc}.json";
    pub const SITEMAP_PART: &str = "/sitemap-{n}.xml";
    pub const STATIC: &str = "/static/{file}";
}

pub fn role(slug: impl Display) -> String {
    format!("/roles/{slug}")
}

/// The JSON alternate of a page at `path` (`/roles/x` -> `/roles/x.json`).
pub fn json_alternate(path: &str) -> String {
    format!("{path}.json")
}

pub fn category(slug: impl Display) -> String {
    format!("/categories/{slug}")
}

pub fn category_feed(slug: impl Display) -> String {
    format!("/categories/{slug}/feed.xml")
}

/// The canonical comparison of a set of roles: slugs sorted, once each
/// (`/compare?roles=a,b`); the picker for none.
pub fn compare(slugs: &[&str]) -> String {
    if slugs.is_empty() {
        return COMPARE.to_owned();
    }
    let mut sorted = slugs.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    format!("{COMPARE}?roles={}", sorted.join(","))
}

/// `/salaries/15-1252`: one BLS occupation.
pub fn salary(soc_code: impl Display) -> String {
    format!("/salaries/{soc_code}")
}

/// The finder at `/roles` with these query parameters, in order
/// (`/roles?max_education=some-college&min_pay=40000`). Values are
/// percent-encoded; templates escape the `&` when they print the URL.
pub fn finder<'a>(params: impl AsRef<[(&'a str, &'a str)]>) -> String {
    with_query(ROLES, params)
}

/// Page `number` of the search results for `q` (`/search?q=data+analyst&page=2`):
/// spaces as `+`, as a search form submits them.
pub fn search_page(q: &str, number: i64) -> String {
    let mut url = format!("{SEARCH}?q=");
    for b in q.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                url.push(char::from(b))
            }
            b' ' => url.push('+'),
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url.push_str(&format!("&page={number}"));
    url
}

/// `path` with these query parameters, in order, values percent-encoded.
pub fn with_query<'a>(path: &str, params: impl AsRef<[(&'a str, &'a str)]>) -> String {
    let mut url = String::from(path);
    for (i, (key, value)) in params.as_ref().iter().enumerate() {
        url.push(if i == 0 && !path.contains('?') {
            '?'
        } else {
            '&'
        });
        url.push_str(key);
        url.push('=');
        for byte in value.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
                url.push(char::from(byte));
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    url
}

/// Part `n` (from 1) of a sitemap too large for one file.
pub fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}

/// A file under `/static/`, by the name it is served under.
pub fn asset(file_name: &str) -> String {
    format!("/static/{file_name}")
}

/// Where the static export writes the page at `path`: paths without an
/// extension become `<path>.html` (so hosts serve `/roles/x` from
/// `roles/x.html` without a trailing slash), `/` becomes `index.html`.
pub fn export_file(path: &str) -> String {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() {
        return "index.html".into();
    }
    let last = relative.rsplit('/').next().unwrap_or(relative);
    if last.contains('.') {
        relative.to_owned()
    } else {
        format!("{relative}.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_match_their_route_patterns() {
        let cases = [
            (pattern::ROLE, role("x")),
            (pattern::CATEGORY, category("x")),
            (pattern::CATEGORY_FEED, category_feed("x")),
            (pattern::SALARY, salary("15-1252")),
            (pattern::SITEMAP_PART, sitemap_part(2)),
            (pattern::STATIC, asset("style.1a.css")),
        ];
        for (pattern, path) in cases {
            assert!(
                actix_web::dev::ResourceDef::new(pattern).is_match(&path),
                "{pattern} {path}"
            );
        }
    }

    #[test]
    fn finder_urls_encode_their_values() {
        assert_eq!(finder([]), "/roles");
        assert_eq!(
            finder([("max_education", "some-college"), ("min_pay", "40000")]),
            "/roles?max_education=some-college&min_pay=40000"
        );
        assert_eq!(finder([("q", "a b&c")]), "/roles?q=a%20b%26c");
        assert_eq!(
            with_query("/compare?roles=a,b", [("state", "TX")]),
            "/compare?roles=a,b&state=TX"
        );
    }

    #[test]
    fn export_files_need_no_trailing_slash() {
        assert_eq!(export_file("/"), "index.html");
        assert_eq!(export_file("/roles"), "roles.html");
        assert_eq!(export_file("/roles/qa"), "roles/qa.html");
        assert_eq!(export_file("/salaries/15-1252"), "salaries/15-1252.html");
        assert_eq!(
            export_file("/categories/t/feed.xml"),
            "categories/t/feed.xml"
        );
        assert_eq!(export_file("/static/style.1a.css"), "static/style.1a.css");
    }
}
