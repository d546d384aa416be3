//! URL routing. Each page's handler sits in its own file beside its template struct.
mod category;
mod compare;
mod feeds;
mod finder;
mod health;
mod home;
mod open_data;
pub mod preview;
mod render;
mod robots;
mod role;
mod roles_index;
mod salaries;
mod salary;
mod search;
mod sitemap;
mod static_files;

use actix_web::{guard, web};

use crate::error::AppError;

pub use render::html_page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // Extractor failures become our error pages, not actix's plain-text ones:
    // a path segment that cannot be decoded names no page; a query that
    // cannot be parsed is the client's mistake.
    cfg.app_data(web::PathConfig::default().error_handler(|err, _| {
        tracing::debug!(error = %err, "undecodable path");
        AppError::NotFound.into()
    }))
    .app_data(
        web::QueryConfig::default()
            .error_handler(|err, _| AppError::BadRequest(err.to_string()).into()),
    );
    cfg.route("/", web::get().to(home::show))
        // With a query string, `/roles` is the occupation finder.
        .route(
            "/roles",
            web::get()
                .guard(guard::fn_guard(|ctx| {
                    !ctx.head().uri.query().unwrap_or("").is_empty()
                }))
                .to(finder::show),
        )
        .route("/roles", web::get().to(roles_index::show))
        // Before `/roles/{slug}`, which would take `x.json` as a slug.
        .route("/roles/{slug}.json", web::get().to(open_data::role))
        .route("/roles/{slug}", web::get().to(role::show))
        .route("/categories/{slug}", web::get().to(category::show))
        .route("/feed.xml", web::get().to(feeds::site))
        .route(
            "/categories/{slug}/feed.xml",
            web::get().to(feeds::category),
        )
        .route("/sitemap.xml", web::get().to(sitemap::index))
        .route(sitemap::PART_PATH, web::get().to(sitemap::part))
        .route("/robots.txt", web::get().to(robots::show))
        .route("/search", web::get().to(search::show))
        .route("/compare", web::get().to(compare::show))
        .route("/salaries", web::get().to(salaries::index))
        .route("/salaries/{soc}.json", web::get().to(open_data::salary))
        .route("/salaries/{soc}", web::get().to(salary::show))
        .route("/healthz", web::get().to(health::check))
        .route("/static/{file}", web::get().to(static_files::serve))
        .route("/favicon.ico", web::get().to(static_files::favicon));
}
