//! The page cache's two halves. [`hit`]: a GET or HEAD for a page already
//! rendered in the current content version is answered from the cache
//! (canonical redirect, 304, encoding and all) by the outermost layer
//! ([`super::front`]), without running any other layer or handler.
//! [`render`], a layer inside it: the first request for a cached page type
//! renders it through the full stack as identity, stores every encoding,
//! and is answered the same way.
use std::sync::Arc;

use actix_web::body::{self, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, AcceptEncoding, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};

use super::canonical::canonical_path;
use super::conditional::Conditions;
use super::security_headers;
use crate::error::error_page;
use crate::metrics::{self, Route};
use crate::page_cache::{Answer, ENCODINGS, Entry, Lookup, Page};
use crate::routes::registry::{self, Serving};
use crate::state::AppState;

type Body<B> = EitherBody<Bytes, EitherBody<B, BoxBody>>;

/// The answer from the cache, if it holds one for this request, and the
/// route of the page it answers with. The answer is complete: a page's
/// stored headers include the `security` ones, and other answers get them
/// here.
pub fn hit(
    req: &ServiceRequest,
    state: &AppState,
    security: &[(HeaderName, HeaderValue)],
) -> Option<(HttpResponse<Bytes>, Route)> {
    if !state.pages.is_enabled() || !matches!(*req.method(), Method::GET | Method::HEAD) {
        return None;
    }
    let canonical = canonical_path(req.path());
    let path = canonical.as_deref().unwrap_or(req.path());
    let query = req.query_string();
    let entry = state.pages.get(state.published.number(), path)?;
    let response = match &entry.answer {
        // One hop to the canonical URL, query kept (see `canonical`).
        Answer::Page(_) if canonical.is_some() => {
            let mut response = moved(&match query {
                "" => path.to_owned(),
                query => format!("{path}?{query}"),
            });
            security_headers::insert_all(response.headers_mut(), security);
            response
        }
        Answer::Page(page) if query.is_empty() || !page.reads_query => {
            answer(&Asked::of(req.request()), page, security)
        }
        Answer::Redirect(location) => redirect(location, security),
        // A query for a page that reads it: the handler answers.
        Answer::Page(_) => return None,
    };
    metrics::page_cache_hit();
    Some((response, entry.route))
}

/// Middleware: renders and stores what [`hit`] did not find.
pub async fn render<B: MessageBody + 'static>(
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
    let query = req.query_string();
    // Non-canonical paths not yet cached, and routes outside the cache, take
    // the full stack as they are.
    let pattern = req.resource_map().match_pattern(req.path());
    if canonical.is_none() {
        // Matched once here; the outer layer counts and logs the request
        // under it rather than matching the path again.
        let route = pattern
            .as_deref()
            .map_or_else(metrics::unmatched, metrics::route);
        req.extensions_mut().insert(route);
    }
    let page = pattern.as_deref().and_then(registry::cached);
    let cached = match page {
        Some(page) if page.serving == Serving::CachedPlainUrl && !query.is_empty() => None,
        Some(page) => Some((
            page.serving == Serving::CachedPlainUrl,
            metrics::route(page.pattern),
        )),
        None => None,
    };
    let Some((reads_query, route)) = cached.filter(|_| canonical.is_none()) else {
        return next.call(req).await.map(pass);
    };
    let path = req.path().to_owned();
    let security = security_headers::for_state(&state);

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
            let response = match &entry.answer {
                Answer::Page(page) => answer(&asked, page, security),
                Answer::Redirect(location) => redirect(location, security),
            };
            return Ok(req.into_response(response).map_into_left_body());
        }
        Lookup::Render(miss) => miss,
    };
    crate::metrics::page_cache_miss();
    req.extensions_mut().insert(super::ForTheCache);
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
    let failed = |http_req| {
        let page = error_page(StatusCode::INTERNAL_SERVER_ERROR);
        Ok(ServiceResponse::new(http_req, page.map_into_boxed_body())
            .map_into_right_body()
            .map_into_right_body())
    };
    let answer_kind = if status == StatusCode::MOVED_PERMANENTLY {
        let location = res.headers().get(header::LOCATION).cloned();
        Answer::Redirect(location.expect("checked above"))
    } else {
        let rendered = res.headers();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            rendered
                .get(header::CONTENT_TYPE)
                .cloned()
                .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8")),
        );
        headers.insert(
            header::CACHE_CONTROL,
            rendered
                .get(header::CACHE_CONTROL)
                .cloned()
                .unwrap_or(HeaderValue::from_static("no-cache")),
        );
        for (name, value) in rendered.iter().filter(|(name, _)| !MANAGED.contains(name)) {
            headers.append(name.clone(), value.clone());
        }
        // Added outside this layer to every response; kept with the page so
        // that an answer from the cache is complete.
        security_headers::insert_all(&mut headers, security);
        let bytes = match body::to_bytes(res.into_body()).await {
            Ok(bytes) => bytes,
            Err(e) => {
                let e: Box<dyn std::error::Error> = e.into();
                tracing::error!(error = %e, "reading a rendered page failed");
                return failed(http_req);
            }
        };
        let modified = version.last_modified;
        let built = web::block(move || Page::new(bytes, headers, modified, reads_query)).await;
        match built {
            Ok(Ok(page)) => Answer::Page(Box::new(page)),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "compressing a rendered page failed");
                return failed(http_req);
            }
            Err(e) => {
                tracing::error!(error = %e, "the page compressor did not run");
                return failed(http_req);
            }
        }
    };
    let entry = Arc::new(Entry {
        route,
        answer: answer_kind,
    });
    miss.fill(entry.clone());
    let response = match &entry.answer {
        Answer::Page(page) => answer(&asked, page, security),
        Answer::Redirect(location) => redirect(location, security),
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

/// A cached page for this request: the negotiated encoding, or a 304. The
/// page's headers include the `security` ones; a 406 gets them here.
fn answer(
    asked: &Asked,
    page: &Page,
    security: &[(HeaderName, HeaderValue)],
) -> HttpResponse<Bytes> {
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
        security_headers::insert_all(headers, security);
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
    // A new response's header map is empty: appending is inserting.
    let headers = res.headers_mut();
    for (name, value) in &page.headers {
        if !(not_modified && name == header::CONTENT_TYPE) {
            headers.append(name.clone(), value.clone());
        }
    }
    headers.append(header::ETAG, variant.etag_header.clone());
    if let Some(coding) = variant.content_encoding.as_ref().filter(|_| !not_modified) {
        headers.append(header::CONTENT_ENCODING, coding.clone());
    }
    res
}

fn moved(location: &str) -> HttpResponse<Bytes> {
    match HeaderValue::from_str(location) {
        Ok(value) => moved_to(value),
        Err(_) => HttpResponse::with_body(StatusCode::NOT_FOUND, Bytes::new()),
    }
}

fn redirect(location: &HeaderValue, security: &[(HeaderName, HeaderValue)]) -> HttpResponse<Bytes> {
    let mut res = moved_to(location.clone());
    security_headers::insert_all(res.headers_mut(), security);
    res
}

fn moved_to(location: HeaderValue) -> HttpResponse<Bytes> {
    let mut res = HttpResponse::with_body(StatusCode::MOVED_PERMANENTLY, Bytes::new());
    res.headers_mut().insert(header::LOCATION, location);
    res
}
