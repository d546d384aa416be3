//! HTTP behaviour shared by every route.
pub mod canonical;
pub mod conditional;
pub mod encoding;
pub mod methods;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use crate::error::error_page;

/// Any path no route claims.
pub async fn not_found() -> HttpResponse {
    error_page(StatusCode::NOT_FOUND)
}
