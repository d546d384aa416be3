//! Representation headers that `Compress` and actix-files leave out:
//! `Vary: Accept-Encoding` and the charset of textual responses.
use actix_web::Error;
use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::middleware::Next;

/// Middleware, outside `Compress`. `Compress` adds `Vary: Accept-Encoding`
/// only when it encodes; but an identity response was chosen by
/// `Accept-Encoding` just as much, and a shared cache that stored it without
/// `Vary` would hand it to clients that asked for gzip. Its 406 for an
/// unacceptable `Accept-Encoding` also has no `Content-Type`.
pub async fn vary(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if super::is_for_the_cache(&req) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    let has_body = !matches!(
        res.response().body().size(),
        BodySize::None | BodySize::Sized(0)
    );
    let headers = res.headers_mut();
    if has_body && negotiable(headers) && !varies_by_encoding(headers) {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if res.status() == StatusCode::NOT_ACCEPTABLE
        && !res.headers().contains_key(header::CONTENT_TYPE)
    {
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
    }
    if let Some(with_charset) = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(utf8_labelled)
    {
        res.headers_mut().insert(header::CONTENT_TYPE, with_charset);
    }
    Ok(res)
}

/// A textual type without a charset, labelled UTF-8: every text the site
/// serves is (templates, content and static files are all UTF-8), and
/// actix-files names the charset only for some types (not SVG).
fn utf8_labelled(content_type: &HeaderValue) -> Option<HeaderValue> {
    let value = content_type.to_str().ok()?;
    let lower = value.to_ascii_lowercase();
    let essence = lower.split(';').next()?.trim();
    let textual = essence.starts_with("text/")
        || essence.ends_with("+xml")
        || essence.ends_with("+json")
        || matches!(
            essence,
            "application/xml" | "application/json" | "application/javascript"
        );
    // Event streams are UTF-8 by definition and take no parameters.
    if !textual || essence == "text/event-stream" || lower.contains("charset=") {
        return None;
    }
    HeaderValue::from_str(&format!("{value}; charset=utf-8")).ok()
}

/// Mirrors `Compress`'s own rule: everything but raster images and video,
/// unless the handler fixed the encoding itself.
fn negotiable(headers: &HeaderMap) -> bool {
    if headers.contains_key(header::CONTENT_ENCODING) && !varies_by_encoding(headers) {
        return false;
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let raster = content_type.starts_with("image/") && !content_type.starts_with("image/svg+xml");
    !raster && !content_type.starts_with("video/")
}

fn varies_by_encoding(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::VARY)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding") || v.trim() == "*")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k.clone(), v.parse().unwrap());
        }
        h
    }

    #[test]
    fn what_compress_may_encode_varies() {
        assert!(negotiable(&headers(&[(
            header::CONTENT_TYPE,
            "text/html; charset=utf-8"
        )])));
        assert!(negotiable(&headers(&[(
            header::CONTENT_TYPE,
            "image/svg+xml"
        )])));
        assert!(!negotiable(&headers(&[(
            header::CONTENT_TYPE,
            "image/png"
        )])));
        assert!(!negotiable(&headers(&[
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CONTENT_ENCODING, "identity"),
        ])));
        assert!(varies_by_encoding(&headers(&[(
            header::VARY,
            "Origin, Accept-Encoding"
        )])));
        assert!(!varies_by_encoding(&headers(&[(header::VARY, "Origin")])));
    }

    #[test]
    fn text_without_a_charset_is_labelled_utf8() {
        let label = |v: &str| utf8_labelled(&HeaderValue::from_str(v).unwrap());
        assert_eq!(
            label("image/svg+xml").unwrap(),
            "image/svg+xml; charset=utf-8"
        );
        assert_eq!(label("text/plain").unwrap(), "text/plain; charset=utf-8");
        assert_eq!(label("text/html; charset=utf-8"), None);
        assert_eq!(label("image/png"), None);
        assert_eq!(label("image/x-icon"), None);
        assert_eq!(label("text/event-stream"), None);
    }
}
