//! The lean path: the outermost layer after request logging. A GET or HEAD
//! for a page already rendered in the current content version is answered
//! here from the page cache (canonical redirect, 304, encoding and all)
//! without running any other layer or handler. The first request for a
//! cached page type renders it through the full stack as identity, stores
//! every encoding, and is answered the same way.
use std::sync::Arc;

use actix_web::body::{self, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, AcceptEncoding, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};

use super::canonical::canonical_path;
use super::conditional::Conditions;
use crate::error::error_page;
use crate::page_cache::{ENCODINGS, Entry, Lookup, Page};
use crate::routes::{self, Query};
use crate::state::AppState;

type Body<B> = EitherBody<Bytes, EitherBody<B, BoxBody>>;

pub async fn serve<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<Body<B>>, Error> {
    let pass = |res: ServiceResponse<B>| res.map_into_left_body().map_into_right_body();
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next.call(req).await.map(pass);
    };
    if !state.pages.is_enabled() || !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.call(req).await.map(pass);
    }
    let canonical = canonical_path(req.path());
    let path = canonical.as_deref().unwrap_or(req.path());
    let query = req.query_string();
    if let Some(entry) = state.pages.get(state.published.number(), path) {
        let response = match &*entry {
            // One hop to the canonical URL, query kept (see `canonical`).
            Entry::Page(_) if canonical.is_some() => Some(moved(&match query {
                "" => path.to_owned(),
                query => format!("{path}?{query}"),
            })),
            Entry::Page(page) if query.is_empty() || !page.reads_query => {
                Some(answer(&Asked::of(req.request()), page))
            }
            Entry::Redirect(location) => Some(moved_to(location.clone())),
            Entry::Page(_) => None,
        };
        if let Some(response) = response {
            crate::metrics::page_cache_hit();
            return Ok(req.into_response(response).map_into_left_body());
        }
    }
    // Non-canonical paths not yet cached, and routes outside the cache, take
    // the full stack as they are.
    let policy = req
        .resource_map()
        .match_pattern(req.path())
        .and_then(|pattern| routes::cached_page(&pattern));
    let reads_query = match policy {
        Some(Query::Read) if !query.is_empty() => None,
        Some(policy) => Some(policy == Query::Read),
        None => None,
    };
    let Some(reads_query) = reads_query.filter(|_| canonical.is_none()) else {
        return next.call(req).await.map(pass);
    };
    let path = req.path().to_owned();

    // Render as identity, unconditionally: the cache answers validators and
    // negotiates the encoding itself.
    let asked = Asked::of(req.request());
    for name in [
        header::ACCEPT_ENCODING,
        header::IF_NONE_MATCH,
        header::IF_MODIFIED_SINCE,
    ] {
        req.headers_mut().remove(name);
    }
    let rendering = state.published.rendering().await;
    let version = state.published.current();
    let miss = match state.pages.get_or_claim(version.number, &path).await {
        // Rendered by another request meanwhile.
        Lookup::Found(entry) => {
            drop(rendering);
            let response = match &*entry {
                Entry::Page(page) => answer(&asked, page),
                Entry::Redirect(location) => moved_to(location.clone()),
            };
            return Ok(req.into_response(response).map_into_left_body());
        }
        Lookup::Render(miss) => miss,
    };
    crate::metrics::page_cache_miss();
    let res = next.call(req).await?;
    drop(rendering);

    let status = res.status();
    let cacheable = (status == StatusCode::OK && is_cacheable(res.headers()))
        || (status == StatusCode::MOVED_PERMANENTLY
            && res.headers().contains_key(header::LOCATION));
    if !cacheable {
        // An error page from a cached route: sent as rendered (identity).
        let mut res = res;
        if !res.headers().contains_key(header::VARY) {
            res.headers_mut()
                .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        return Ok(pass(res));
    }
    let (http_req, res) = res.into_parts();
    let entry = if status == StatusCode::MOVED_PERMANENTLY {
        let location = res.headers().get(header::LOCATION).cloned();
        Entry::Redirect(location.expect("checked above"))
    } else {
        let header = |name| res.headers().get(name).cloned();
        let (content_type, cache_control) =
            (header(header::CONTENT_TYPE), header(header::CACHE_CONTROL));
        let extra_headers = res
            .headers()
            .iter()
            .filter(|(name, _)| !MANAGED.contains(name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        let bytes = match body::to_bytes(res.into_body()).await {
            Ok(bytes) => bytes,
            Err(e) => {
                let e: Box<dyn std::error::Error> = e.into();
                tracing::error!(error = %e, "reading a rendered page failed");
                let page = error_page(StatusCode::INTERNAL_SERVER_ERROR);
                return Ok(ServiceResponse::new(http_req, page.map_into_boxed_body())
                    .map_into_right_body()
                    .map_into_right_body());
            }
        };
        let modified = version.last_modified;
        let built = web::block(move || {
            Page::new(
                bytes,
                content_type.unwrap_or(HeaderValue::from_static("text/html; charset=utf-8")),
                cache_control.unwrap_or(HeaderValue::from_static("no-cache")),
                modified,
                reads_query,
                extra_headers,
            )
        })
        .await;
        match built {
            Ok(Ok(page)) => Entry::Page(Box::new(page)),
            Ok(Err(e)) => return Err(actix_web::error::ErrorInternalServerError(e)),
            Err(e) => return Err(e.into()),
        }
    };
    let entry = Arc::new(entry);
    miss.fill(entry.clone());
    let response = match &*entry {
        Entry::Page(page) => answer(&asked, page),
        Entry::Redirect(location) => moved_to(location.clone()),
    };
    Ok(ServiceResponse::new(http_req, response).map_into_left_body())
}

/// Headers the cache sets itself on every answer (or that describe one
/// encoding or one transfer); every other header of a rendered page is kept.
const MANAGED: [header::HeaderName; 9] = [
    header::CONTENT_TYPE,
    header::CACHE_CONTROL,
    header::CONTENT_LENGTH,
    header::CONTENT_ENCODING,
    header::TRANSFER_ENCODING,
    header::ETAG,
    header::LAST_MODIFIED,
    header::VARY,
    header::DATE,
];

fn is_cacheable(headers: &header::HeaderMap) -> bool {
    super::conditional::is_storable_page(headers)
}

/// What the request asks of a page: an encoding, and validators.
struct Asked {
    accept: Option<AcceptEncoding>,
    conditions: Conditions,
}

impl Asked {
    fn of(req: &HttpRequest) -> Self {
        Self {
            accept: req.get_header::<AcceptEncoding>(),
            conditions: Conditions::of(req),
        }
    }
}

/// A cached page for this request: the negotiated encoding, or a 304.
fn answer(asked: &Asked, page: &Page) -> HttpResponse<Bytes> {
    let encoding = match &asked.accept {
        None => Some(ENCODINGS[0].clone()),
        Some(accept) => accept.negotiate(ENCODINGS.iter()),
    };
    let Some(variant) = encoding.as_ref().and_then(|e| page.variant(e)) else {
        let mut res = HttpResponse::with_body(
            StatusCode::NOT_ACCEPTABLE,
            Bytes::from_static(b"br, gzip, zstd"),
        );
        let headers = res.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        return res;
    };
    let not_modified = asked
        .conditions
        .not_modified(&variant.etag, Some(page.modified));
    let (status, body) = if not_modified {
        (StatusCode::NOT_MODIFIED, Bytes::new())
    } else {
        (StatusCode::OK, variant.body.clone())
    };
    let mut res = HttpResponse::with_body(status, body);
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, page.cache_control.clone());
    headers.insert(header::ETAG, variant.etag_header.clone());
    headers.insert(header::LAST_MODIFIED, page.last_modified.clone());
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    for (name, value) in &page.extra_headers {
        headers.append(name.clone(), value.clone());
    }
    if !not_modified {
        headers.insert(header::CONTENT_TYPE, page.content_type.clone());
        if let Some(coding) = &variant.content_encoding {
            headers.insert(header::CONTENT_ENCODING, coding.clone());
        }
    }
    res
}

fn moved(location: &str) -> HttpResponse<Bytes> {
    match HeaderValue::from_str(location) {
        Ok(value) => moved_to(value),
        Err(_) => HttpResponse::with_body(StatusCode::NOT_FOUND, Bytes::new()),
    }
}

fn moved_to(location: HeaderValue) -> HttpResponse<Bytes> {
    let mut res = HttpResponse::with_body(StatusCode::MOVED_PERMANENTLY, Bytes::new());
    res.headers_mut().insert(header::LOCATION, location);
    res
}
