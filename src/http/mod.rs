//! HTTP behaviour shared by every route.
pub mod cached;
pub mod canonical;
pub mod conditional;
pub mod encoding;
pub mod front;
pub mod limits;
pub mod methods;
pub mod security_headers;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse};

use crate::error::error_page;

/// Marks a request rendered to be stored: the layers inside leave its
/// response alone (no ETag hashed from the body, no `Vary`), since the
/// cache computes the validators of every encoding itself and answers the
/// request from what it stored.
#[derive(Debug, Clone, Copy)]
pub struct ForTheCache;

/// Whether the request is rendered for the cache (see [`ForTheCache`]).
pub fn is_for_the_cache(req: &ServiceRequest) -> bool {
    req.extensions().contains::<ForTheCache>()
}

/// Any path no route claims.
pub async fn not_found() -> HttpResponse {
    error_page(StatusCode::NOT_FOUND)
}

/// Middleware for `serve --watch`: preview pages change with every save, so
/// browsers must revalidate each time instead of showing a cached copy.
pub async fn revalidate_always(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut res = next.call(req).await?;
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}
