//! The URLs of a registered page type (see [`super::registry::Instances`]):
//! the sitemap lists those of indexable page types, the static export
//! writes those of every cached one.
use super::registry::{Instances, PAGE_TYPES, PageType};
use crate::db::queries;
use crate::error::AppError;
use crate::state::AppState;
use crate::urls;

/// One URL path and, where the content says, the day it last changed
/// (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub path: String,
    pub lastmod: Option<String>,
}

/// URLs one sitemap file may hold (sitemaps.org protocol).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Every indexable page, in the order of the registry: what the sitemap
/// lists.
pub async fn indexable(state: &AppState) -> Result<Vec<Instance>, AppError> {
    let mut all = Vec::new();
    for page in PAGE_TYPES.iter().filter(|p| p.in_sitemap) {
        all.extend(of(state, page).await?);
    }
    Ok(all)
}

/// The parts of a sitemap of `count` URLs: none while one file holds them
/// all (then `/sitemap.xml` is the sitemap, not an index).
pub fn sitemap_parts(count: usize) -> Vec<String> {
    if count <= SITEMAP_MAX_URLS {
        return Vec::new();
    }
    (1..=count.div_ceil(SITEMAP_MAX_URLS))
        .map(urls::sitemap_part)
        .collect()
}

/// Every URL of `page`, in a stable order.
pub async fn of(state: &AppState, page: &PageType) -> Result<Vec<Instance>, AppError> {
    let pool = &state.pool;
    let at = |path: String, lastmod: Option<String>| Instance { path, lastmod };
    Ok(match page.instances {
        Instances::One(path) => {
            let latest = state.published.current().latest_update;
            vec![at(path.to_owned(), latest.map(|d| d.to_string()))]
        }
        // Wage pages change with the yearly data release, which has no
        // date in the content: no `lastmod` rather than a made-up one.
        Instances::Wages(path) => vec![at(path.to_owned(), None)],
        Instances::Categories => queries::categories(pool, false)
            .await?
            .into_iter()
            .map(|c| at(urls::category(&c.slug), c.updated.map(|d| d.to_string())))
            .collect(),
        // Published roles only, never drafts, even in preview.
        Instances::Roles => queries::all_roles(pool, false)
            .await?
            .into_iter()
            .map(|r| at(urls::role(&r.slug), Some(r.updated.to_string())))
            .collect(),
        Instances::Occupations => crate::datasets::oews::salary_page_codes(pool)
            .await?
            .into_iter()
            .map(|code| at(urls::salary(code), None))
            .collect(),
        Instances::CategoryFeeds => queries::categories(pool, false)
            .await?
            .into_iter()
            .map(|c| at(urls::category_feed(&c.slug), None))
            .collect(),
        // Boxed: the sitemap lists the instances of other page types
        // (never these).
        Instances::SitemapParts => {
            let count = Box::pin(indexable(state)).await?.len();
            sitemap_parts(count)
                .into_iter()
                .map(|path| at(path, None))
                .collect()
        }
        Instances::Assets => state
            .assets
            .iter()
            .map(|a| at(urls::asset(&a.hashed), None))
            .collect(),
        Instances::Answers | Instances::Probe => Vec::new(),
    })
}
