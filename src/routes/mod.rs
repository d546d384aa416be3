//! URL routing. Each page's handler sits in its own file beside its template struct.
mod category;
mod compare;
mod compare_picker;
mod feeds;
mod finder;
mod health;
mod home;
mod moves;
mod open_data;
mod place;
pub mod preview;
mod ready;
mod render;
mod robots;
mod role;
mod roles_index;
mod salaries;
mod salary;
mod search;
pub mod sitemap;
mod static_files;

use actix_web::{guard, web};

use crate::error::AppError;
use crate::urls::{self, pattern};

pub use render::html_page;
pub use role::SIDEBAR_SIZE;

/// Whether a page's output depends on the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query {
    /// Served at its canonical URL whatever the query (tracking tags).
    Ignored,
    /// Only the plain URL is kept in the page cache; a request with a
    /// query goes to the handler.
    Read,
}

/// The pages rendered once per content version and then served from the
/// page cache. A route not listed here (health, static files, anything
/// answering user input) always runs its handler.
pub const CACHED_PAGES: &[(&str, Query)] = &[
    (urls::HOME, Query::Ignored),
    (urls::ROLES, Query::Read),
    (pattern::ROLE, Query::Read),
    (pattern::CATEGORY, Query::Read),
    (urls::SITE_FEED, Query::Ignored),
    (pattern::CATEGORY_FEED, Query::Ignored),
    (urls::SITEMAP, Query::Ignored),
    (pattern::SITEMAP_PART, Query::Ignored),
    (urls::ROBOTS, Query::Ignored),
    (urls::SALARIES, Query::Read),
    (pattern::SALARY, Query::Read),
];

/// A query string that does not decode: the cause is logged, the reader is
/// told what to check.
pub(super) fn unreadable_query(err: &dyn std::fmt::Display) -> AppError {
    tracing::debug!(error = %err, "undecodable query");
    AppError::BadRequest(
        "The address's query string could not be read: a parameter is given twice, or has a value this page does not accept.".into(),
    )
}

/// The cache policy of the route `pattern`, if it is a cached page.
pub fn cached_page(pattern: &str) -> Option<Query> {
    CACHED_PAGES
        .iter()
        .find(|(p, _)| *p == pattern)
        .map(|(_, query)| *query)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    // Extractor failures become our error pages, not actix's plain-text ones:
    // a path segment that cannot be decoded names no page; a query that
    // cannot be parsed is the client's mistake.
    cfg.app_data(web::PathConfig::default().error_handler(|err, _| {
        tracing::debug!(error = %err, "undecodable path");
        AppError::NotFound.into()
    }))
    .app_data(web::QueryConfig::default().error_handler(|err, _| unreadable_query(&err).into()));
    cfg.route(urls::HOME, web::get().to(home::show))
        // With a query string, `/roles` is the occupation finder.
        .route(
            urls::ROLES,
            web::get()
                .guard(guard::fn_guard(|ctx| {
                    !ctx.head().uri.query().unwrap_or("").is_empty()
                }))
                .to(finder::show),
        )
        .route(urls::ROLES, web::get().to(roles_index::show))
        // Before `/roles/{slug}`, which would take `x.json` as a slug.
        .route(pattern::ROLE_JSON, web::get().to(open_data::role))
        .route(pattern::ROLE, web::get().to(role::show))
        .route(pattern::CATEGORY, web::get().to(category::show))
        .route(urls::SITE_FEED, web::get().to(feeds::site))
        .route(pattern::CATEGORY_FEED, web::get().to(feeds::category))
        .route(urls::SITEMAP, web::get().to(sitemap::index))
        .route(pattern::SITEMAP_PART, web::get().to(sitemap::part))
        .route(urls::ROBOTS, web::get().to(robots::show))
        .route(urls::SEARCH, web::get().to(search::show))
        .route(urls::COMPARE, web::get().to(compare::show))
        .route(urls::SALARIES, web::get().to(salaries::index))
        .route(pattern::SALARY_JSON, web::get().to(open_data::salary))
        .route(pattern::SALARY, web::get().to(salary::show))
        .route(urls::HEALTH, web::get().to(health::check))
        .route(urls::READY, web::get().to(ready::check))
        .route(urls::METRICS, web::get().to(crate::metrics::show))
        .route(pattern::STATIC, web::get().to(static_files::serve))
        .route(urls::FAVICON, web::get().to(static_files::favicon));
}
