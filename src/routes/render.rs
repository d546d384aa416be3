use actix_web::HttpResponse;
use actix_web::http::header::{CacheControl, CacheDirective, ContentType};
use askama::Template;

use crate::error::AppError;

/// HTML changes when content is published: cache briefly, then serve stale
/// while revalidating in the background.
pub fn html_cache() -> CacheControl {
    CacheControl(vec![
        CacheDirective::Public,
        CacheDirective::MaxAge(300),
        CacheDirective::Extension("stale-while-revalidate".into(), Some("86400".into())),
    ])
}

/// Renders a page template into a 200 response, or an error page.
pub fn html_page<T: Template>(page: &T) -> Result<HttpResponse, AppError> {
    let body = page.render()?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType::html())
        .insert_header(html_cache())
        .body(body))
}

/// Renders an XML or text template (sitemap, feed) with its content type,
/// which must name its charset. Cached like HTML: it changes on publish too.
pub fn document<T: Template>(
    page: &T,
    content_type: &'static str,
) -> Result<HttpResponse, AppError> {
    let body = page.render()?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(html_cache())
        .body(body))
}
