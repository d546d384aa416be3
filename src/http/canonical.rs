//! One URL per page: a request for a non-canonical spelling of a path
//! (trailing slash, upper case, repeated slashes) is answered with a single
//! 301 to the canonical one. The query string is kept on the redirect, as it
//! may matter to the page (`/salaries?sort=median`); pages that ignore it are
//! served at their canonical URL whatever the query, and their canonical link
//! never carries one.
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::LOCATION;
use actix_web::http::{Method, Uri};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

/// Middleware. It routes the request at the canonical path first and looks
/// at the answer: a page there gets the redirect; a redirect there (a renamed
/// role) is followed into the same single hop; anything else (404) is
/// answered as is, so nobody is sent to a URL that does not exist.
///
/// It must run after `HEAD` has been mapped to `GET`.
pub async fn redirect(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.method() != Method::GET {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let Some(path) = canonical_path(req.path()) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let target = match req.query_string() {
        "" => path,
        query => format!("{path}?{query}"),
    };
    let uri: Uri = match target.parse() {
        Ok(uri) => uri,
        Err(e) => {
            tracing::debug!(error = %e, %target, "canonical path is not a URI; serving as asked");
            return Ok(next.call(req).await?.map_into_boxed_body());
        }
    };
    req.match_info_mut().get_mut().update(&uri);
    req.head_mut().uri = uri;

    let res = next.call(req).await?;
    let status = res.status();
    let location = if status.is_success() {
        target
    } else if status.is_redirection()
        && let Some(location) = res.headers().get(LOCATION).and_then(|l| l.to_str().ok())
    {
        location.to_owned()
    } else {
        return Ok(res.map_into_boxed_body());
    };
    Ok(res.into_response(
        HttpResponse::MovedPermanently()
            .insert_header((LOCATION, location))
            .finish(),
    ))
}

/// The canonical form of `path`, or `None` when it already is canonical.
/// Static file names keep their case: the name is the file's.
pub fn canonical_path(path: &str) -> Option<String> {
    if is_plainly_canonical(path) {
        return None;
    }
    let mut canonical = String::with_capacity(path.len());
    let mut under_static = false;
    for (i, segment) in path.split('/').filter(|s| !s.is_empty()).enumerate() {
        canonical.push('/');
        if under_static {
            canonical.push_str(segment);
        } else {
            canonical.push_str(&lowercase(segment));
        }
        under_static = i == 0 && segment.eq_ignore_ascii_case("static");
    }
    if canonical.is_empty() {
        canonical.push('/');
    }
    (canonical != path).then_some(canonical)
}

/// The common case, decided without allocating: lower case, no empty
/// segment, no trailing slash.
fn is_plainly_canonical(path: &str) -> bool {
    // One pass over the bytes: every request, cached pages included, asks.
    let bytes = path.as_bytes();
    if path == "/" {
        return true;
    }
    if bytes.first() != Some(&b'/') || bytes.last() == Some(&b'/') {
        return false;
    }
    let mut previous = 0;
    for &byte in bytes {
        if byte.is_ascii_uppercase() || (byte == b'/' && previous == b'/') {
            return false;
        }
        previous = byte;
    }
    true
}

/// ASCII letters lowered, except the hex digits of `%XX` escapes, which name
/// bytes rather than letters and are kept as sent.
fn lowercase(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = String::with_capacity(segment.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        {
            out.push_str(&segment[i..i + 3]);
            i += 3;
            continue;
        }
        // Request paths are ASCII (anything else arrives percent-encoded);
        // a stray non-ASCII char is copied whole.
        let c = segment[i..].chars().next().expect("i is a char boundary");
        out.push(c.to_ascii_lowercase());
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::canonical_path;

    #[test]
    fn canonical_paths_are_left_alone() {
        for path in [
            "/",
            "/roles",
            "/roles/quality-engineer",
            "/static/style.1a2b.css",
        ] {
            assert_eq!(canonical_path(path), None, "{path}");
        }
    }

    #[test]
    fn every_deviation_is_fixed_at_once() {
        let cases = [
            ("/roles/", "/roles"),
            ("//", "/"),
            ("/Roles/Quality-Engineer/", "/roles/quality-engineer"),
            ("//roles//quality-engineer", "/roles/quality-engineer"),
            ("//ROLES///Quality-Engineer//", "/roles/quality-engineer"),
            (
                "/CATEGORIES/Testing/FEED.XML",
                "/categories/testing/feed.xml",
            ),
            ("/roles/caf%C3%A9/", "/roles/caf%C3%A9"),
            ("/STATIC//Logo.PNG", "/static/Logo.PNG"),
        ];
        for (from, to) in cases {
            assert_eq!(canonical_path(from).as_deref(), Some(to), "{from}");
            assert_eq!(canonical_path(to), None, "{to} is a fixed point");
        }
    }
}
