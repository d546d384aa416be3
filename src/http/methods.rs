//! Methods: `HEAD` is answered by every `GET` route, and a method a route
//! does not take gets the styled 405 page with an `Allow` header.
use actix_web::Error;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

use crate::error::error_page;

/// Routes register `GET` only. A `HEAD` request is routed as `GET`, so it
/// gets exactly the headers a `GET` would (including `Content-Length`); the
/// HTTP/1 encoder already knows from the request line that it was `HEAD` and
/// sends no body.
pub async fn head_and_allow(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let read = match *req.method() {
        Method::GET => true,
        Method::HEAD => {
            req.head_mut().method = Method::GET;
            true
        }
        _ => false,
    };
    let res = next.call(req).await?;
    let allow = match res.status() {
        StatusCode::METHOD_NOT_ALLOWED => allow_with_head(res.headers().get(header::ALLOW)),
        // `cfg.route(path, web::get())` puts the method guard on the whole
        // resource, so another method finds no resource and lands on the
        // 404 service. The address exists if some pattern matches it; the
        // site is read-only, so what it allows is GET and HEAD.
        StatusCode::NOT_FOUND
            if !read
                && res
                    .request()
                    .resource_map()
                    .has_resource(res.request().path()) =>
        {
            HeaderValue::from_static("GET, HEAD")
        }
        _ => return Ok(res.map_into_boxed_body()),
    };
    let mut page = error_page(StatusCode::METHOD_NOT_ALLOWED);
    page.headers_mut().insert(header::ALLOW, allow);
    Ok(res.into_response(page))
}

/// The router's `Allow` list, plus `HEAD` wherever `GET` is allowed.
fn allow_with_head(router: Option<&HeaderValue>) -> HeaderValue {
    let mut methods: Vec<String> = router
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(',')
                .map(|m| m.trim().to_ascii_uppercase())
                .filter(|m| !m.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if methods.is_empty() {
        methods.push("GET".into());
    }
    if methods.iter().any(|m| m == "GET") && !methods.iter().any(|m| m == "HEAD") {
        methods.push("HEAD".into());
    }
    HeaderValue::from_str(&methods.join(", ")).unwrap_or(HeaderValue::from_static("GET, HEAD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_goes_with_get() {
        let allow = |v: Option<&str>| {
            allow_with_head(v.map(HeaderValue::from_str).transpose().unwrap().as_ref())
        };
        assert_eq!(allow(Some("GET")), "GET, HEAD");
        assert_eq!(allow(Some("GET, HEAD")), "GET, HEAD");
        assert_eq!(allow(Some("POST")), "POST");
        assert_eq!(allow(None), "GET, HEAD");
    }
}
