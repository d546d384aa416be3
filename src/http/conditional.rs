//! Validators for pages that are not served from the page cache: a strong
//! `ETag` from the bytes sent, `Last-Modified` from the content version, and
//! `304 Not Modified` when the client's copy is current. Static files are
//! left alone: actix-files validates them itself.
use std::time::SystemTime;

use crate::error::error_page;
use crate::page_cache::strong_etag;
use crate::state::AppState;
use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    self, CacheDirective, EntityTag, HeaderMap, IfModifiedSince, IfNoneMatch, LastModified,
};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, web};

/// Middleware: validators and 304s for successful GET/HEAD page responses.
/// It must sit outside `Compress`, so the tag is of the bytes actually sent
/// and gzip, brotli, zstd and identity copies get different strong tags.
pub async fn validate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) || super::is_for_the_cache(&req) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let last_modified = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.published.current().last_modified);
    let conditions = Conditions::of(&req);
    let res = next.call(req).await?;
    if res.status() != StatusCode::OK || !is_validatable_page(res.headers()) {
        return Ok(res.map_into_boxed_body());
    }

    let (req, res) = res.into_parts();
    let (mut res, body) = res.into_parts();
    let bytes = match body::to_bytes(body).await {
        Ok(bytes) => bytes,
        Err(e) => {
            let e: Box<dyn std::error::Error> = e.into();
            tracing::error!(error = %e, "reading a response body for its ETag failed");
            return Ok(ServiceResponse::new(
                req,
                error_page(StatusCode::INTERNAL_SERVER_ERROR),
            ));
        }
    };
    let etag = strong_etag(&bytes);
    let headers = res.headers_mut();
    headers.insert(header::ETAG, to_value(&etag));
    if let Some(at) = last_modified {
        headers.insert(header::LAST_MODIFIED, to_value(&LastModified(at.into())));
    }

    if conditions.not_modified(&etag, last_modified) {
        return Ok(ServiceResponse::new(req, not_modified(res.headers())));
    }
    Ok(ServiceResponse::new(
        req,
        res.set_body(bytes).map_into_boxed_body(),
    ))
}

/// HTML, XML (sitemaps, feeds) and plain text that may be stored by caches.
/// Anything else (static files, event streams, scripts) passes untouched.
fn is_validatable_page(headers: &HeaderMap) -> bool {
    !headers.contains_key(header::ETAG) && is_storable_page(headers)
}

/// A page type whose bytes may be kept and revalidated: the page cache
/// stores exactly these.
pub(crate) fn is_storable_page(headers: &HeaderMap) -> bool {
    let no_store = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains(&CacheDirective::NoStore.to_string()));
    let essence = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    !no_store
        && matches!(
            essence.as_deref(),
            Some(
                "text/html"
                    | "text/plain"
                    | "application/xml"
                    | "text/xml"
                    | "application/atom+xml"
            )
        )
}

fn to_value(value: &impl std::fmt::Display) -> header::HeaderValue {
    header::HeaderValue::from_str(&value.to_string())
        .expect("ETags and HTTP dates are visible ASCII")
}

pub(crate) struct Conditions {
    if_none_match: Option<IfNoneMatch>,
    if_modified_since: Option<IfModifiedSince>,
}

impl Conditions {
    pub(crate) fn of(req: &impl HttpMessage) -> Self {
        Self {
            if_none_match: req.get_header::<IfNoneMatch>(),
            if_modified_since: req.get_header::<IfModifiedSince>(),
        }
    }

    /// RFC 9110 §13.2.2: `If-None-Match` (weak comparison) decides when
    /// present; only without it is `If-Modified-Since` considered.
    pub(crate) fn not_modified(&self, etag: &EntityTag, last_modified: Option<SystemTime>) -> bool {
        match &self.if_none_match {
            Some(IfNoneMatch::Any) => true,
            Some(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(etag)),
            None => match (&self.if_modified_since, last_modified) {
                (Some(IfModifiedSince(since)), Some(at)) => at <= SystemTime::from(*since),
                _ => false,
            },
        }
    }
}

/// A 304 carries the headers a 200 would have that caches need to update
/// their copy (RFC 9110 §15.4.5), and no body.
fn not_modified(ok: &HeaderMap) -> HttpResponse {
    let mut res = HttpResponse::NotModified().finish();
    for name in [
        header::CACHE_CONTROL,
        header::CONTENT_LOCATION,
        header::ETAG,
        header::EXPIRES,
        header::LAST_MODIFIED,
        header::VARY,
    ] {
        for value in ok.get_all(&name) {
            res.headers_mut().append(name.clone(), value.clone());
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HttpDate;
    use std::time::{Duration, UNIX_EPOCH};

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn if_none_match_wins_over_if_modified_since() {
        let etag = strong_etag(b"page");
        let other = strong_etag(b"other page");
        let since = Some(IfModifiedSince(HttpDate::from(at(2_000))));
        let check = |inm: Option<IfNoneMatch>, ims: Option<IfModifiedSince>| {
            Conditions {
                if_none_match: inm,
                if_modified_since: ims,
            }
            .not_modified(&etag, Some(at(1_000)))
        };
        assert!(check(Some(IfNoneMatch::Items(vec![etag.clone()])), None));
        assert!(check(Some(IfNoneMatch::Any), None));
        // Weak comparison: a weak tag with the same opaque value matches.
        let weak = EntityTag::new_weak(etag.tag().to_owned());
        assert!(check(Some(IfNoneMatch::Items(vec![weak])), None));
        assert!(!check(Some(IfNoneMatch::Items(vec![other])), since.clone()));
        assert!(check(None, since));
        assert!(!check(None, Some(IfModifiedSince(HttpDate::from(at(999))))));
        assert!(!check(None, None));
    }

    #[test]
    fn only_cacheable_pages_are_validated() {
        let page = |ct: &str, extra: Option<(header::HeaderName, &str)>| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, ct.parse().unwrap());
            if let Some((k, v)) = extra {
                h.insert(k, v.parse().unwrap());
            }
            is_validatable_page(&h)
        };
        assert!(page("text/html; charset=utf-8", None));
        assert!(page("application/atom+xml; charset=utf-8", None));
        assert!(page("application/xml; charset=utf-8", None));
        assert!(!page("text/event-stream", None));
        assert!(!page("text/css; charset=utf-8", None));
        assert!(!page("text/html", Some((header::ETAG, "\"x\""))));
        assert!(!page(
            "text/plain",
            Some((header::CACHE_CONTROL, "no-store"))
        ));
    }
}
