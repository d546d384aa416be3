//! `/sitemap.xml`: every indexable page with absolute URLs and, where the
//! content says, its last update. Past `MAX_URLS` it becomes a sitemap index
//! of `/sitemap-{n}.xml` parts, the protocol's limit per file.
use actix_web::{HttpResponse, web};
use askama::Template;

use super::instances;
use super::render::document;
use crate::error::AppError;
use crate::state::AppState;
use crate::urls;

use super::instances::SITEMAP_MAX_URLS as MAX_URLS;
const XML: &str = "application/xml; charset=utf-8";

/// A `<url>` or, in the index, a `<sitemap>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub loc: String,
    /// `YYYY-MM-DD` from the content's `updated`, never the build time.
    pub lastmod: Option<String>,
}

#[derive(Template)]
#[template(path = "sitemap.xml")]
struct UrlSet {
    urls: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "sitemap_index.xml")]
struct SitemapIndex {
    sitemaps: Vec<Entry>,
}

pub async fn index(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let urls = entries(&state).await?;
    match split(&urls, MAX_URLS, |n| state.base_url.join(&part_path(n))) {
        None => document(&UrlSet { urls }, XML),
        Some(sitemaps) => document(&SitemapIndex { sitemaps }, XML),
    }
}

pub async fn part(
    n: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let raw = n.into_inner();
    let n: usize = raw.parse().map_err(|e| {
        tracing::debug!(error = %e, "sitemap part is not a number");
        AppError::NotFound
    })?;
    // One URL per part: `/sitemap-01.xml` is not `/sitemap-1.xml`.
    if part_path(n) != format!("/sitemap-{raw}.xml") {
        return Err(AppError::NotFound);
    }
    let urls = part_of(entries(&state).await?, n, MAX_URLS).ok_or(AppError::NotFound)?;
    document(&UrlSet { urls }, XML)
}

fn part_path(n: usize) -> String {
    urls::sitemap_part(n)
}

/// The index entries when `urls` need more than one file of `limit`, each
/// part's `lastmod` the latest of its URLs; `None` when one file holds all.
fn split(urls: &[Entry], limit: usize, loc: impl Fn(usize) -> String) -> Option<Vec<Entry>> {
    if urls.len() <= limit {
        return None;
    }
    Some(
        urls.chunks(limit)
            .enumerate()
            .map(|(i, chunk)| Entry {
                loc: loc(i + 1),
                lastmod: chunk.iter().filter_map(|u| u.lastmod.clone()).max(),
            })
            .collect(),
    )
}

/// URLs of part `n` (from 1). Parts exist only when the sitemap is split, so
/// each URL is listed in exactly one file.
fn part_of(urls: Vec<Entry>, n: usize, limit: usize) -> Option<Vec<Entry>> {
    if urls.len() <= limit || n == 0 {
        return None;
    }
    urls.chunks(limit).nth(n - 1).map(<[Entry]>::to_vec)
}

/// Every indexable page, in the order of the registry: home, the A–Z
/// index, categories, published roles (never drafts, even in preview), the
/// salary explorer and the salary pages.
pub async fn entries(state: &AppState) -> Result<Vec<Entry>, AppError> {
    Ok(instances::indexable(state)
        .await?
        .into_iter()
        .map(|i| Entry {
            loc: state.base_url.join(&i.path),
            lastmod: i.lastmod,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                loc: format!("https://x.test/{i}"),
                lastmod: (i != 3).then(|| format!("2026-01-{:02}", i % 28 + 1)),
            })
            .collect()
    }

    #[test]
    fn one_file_up_to_the_limit() {
        assert_eq!(split(&urls(5), 5, |n| n.to_string()), None);
        assert_eq!(part_of(urls(5), 1, 5), None);
    }

    #[test]
    fn past_the_limit_an_index_of_parts_lists_every_url_once() {
        let all = urls(12);
        let index = split(&all, 5, |n| format!("/part-{n}")).unwrap();
        let locs: Vec<_> = index.iter().map(|e| e.loc.as_str()).collect();
        assert_eq!(locs, ["/part-1", "/part-2", "/part-3"]);
        // Each part's lastmod is the latest of its own URLs.
        assert_eq!(index[0].lastmod.as_deref(), Some("2026-01-05"));
        assert_eq!(index[2].lastmod.as_deref(), Some("2026-01-12"));

        let parts: Vec<Vec<Entry>> = (1..=3)
            .map(|n| part_of(all.clone(), n, 5).unwrap())
            .collect();
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [5, 5, 2]);
        assert_eq!(parts.concat(), all);
        assert_eq!(part_of(all.clone(), 0, 5), None);
        assert_eq!(part_of(all, 4, 5), None);
    }

    #[test]
    fn the_part_route_captures_the_number() {
        let def = actix_web::dev::ResourceDef::new(urls::pattern::SITEMAP_PART);
        let mut path = actix_web::dev::Path::new("/sitemap-2.xml");
        assert!(def.capture_match_info(&mut path));
        assert_eq!(path.get("n"), Some("2"));
        assert_eq!(part_path(2), "/sitemap-2.xml");
        assert!(!def.is_match("/sitemap.xml"));
    }
}
