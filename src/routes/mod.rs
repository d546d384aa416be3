//! URL routing. Each page's handler sits in its own file beside its template struct.
mod category;
mod compare;
mod compare_picker;
mod feeds;
mod finder;
mod health;
mod home;
pub mod instances;
mod moves;
mod open_data;
mod place;
pub mod preview;
mod ready;
pub mod registry;
mod render;
mod robots;
mod role;
mod roles_index;
mod salaries;
mod salary;
mod search;
pub mod sitemap;
mod static_files;

use actix_web::web;

use crate::error::AppError;

pub use render::html_page;
pub use role::SIDEBAR_SIZE;

/// A query string that does not decode: the cause is logged, the reader is
/// told what to check.
pub(super) fn unreadable_query(err: &dyn std::fmt::Display) -> AppError {
    tracing::debug!(error = %err, "undecodable query");
    AppError::BadRequest(
        "The address's query string could not be read: a parameter is given twice, or has a value this page does not accept.".into(),
    )
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
    registry::configure(cfg);
}
