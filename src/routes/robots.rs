//! `/robots.txt`: everything may be crawled, starting from the sitemap.
use actix_web::{HttpResponse, web};

use super::render::html_cache;
use crate::state::AppState;
use crate::urls;

pub async fn show(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(html_cache())
        .body(format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            state.base_url.join(urls::SITEMAP)
        ))
}
