//! Security headers on every response the application produces: pages,
//! static files, feeds and error pages alike. The outermost layer
//! ([`super::front`]) adds them, so nothing inside (handlers, other
//! middleware, error conversion, the page cache) can skip them.
//!
//! The Content-Security-Policy allows only what the pages use: the stylesheet
//! and images from this origin, GET forms to this origin. No script runs in
//! production (JSON-LD is a data block, not a script, and needs no
//! permission). The editor preview (`serve --watch`) additionally loads its
//! reload script and event stream from this origin.
use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

use crate::state::AppState;

/// `connect-src 'self'`: no script of ours runs (`script-src` falls back to
/// `'none'`), but page audits (Lighthouse's robots.txt check) fetch
/// `/robots.txt` from the page and fail when the policy forbids it.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; connect-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/// The preview's reload script and its server-sent events, same origin only.
const CSP_PREVIEW: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                           script-src 'self'; connect-src 'self'; \
                           form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/// Features the site never uses, denied to it and to anything it could embed.
const PERMISSIONS: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
                           encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), \
                           magnetometer=(), microphone=(), midi=(), payment=(), \
                           picture-in-picture=(), publickey-credentials-get=(), \
                           screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=()";
/// Two years, the preload list's expectation.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// The headers for a site in `preview` mode or not, served over https or not.
pub fn headers(preview: bool, https: bool) -> Vec<(HeaderName, HeaderValue)> {
    let mut list = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(if preview { CSP_PREVIEW } else { CSP }),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ];
    // Browsers ignore HSTS over http, and a site reached over http (a local
    // run, a test) must not pin itself to https.
    if https {
        list.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ));
    }
    list
}

/// The headers for a site, built once per process: every response gets
/// them, so none is built per request.
pub fn for_site(preview: bool, https: bool) -> &'static [(HeaderName, HeaderValue)] {
    static SETS: LazyLock<[Vec<(HeaderName, HeaderValue)>; 4]> = LazyLock::new(|| {
        [
            headers(false, false),
            headers(false, true),
            headers(true, false),
            headers(true, true),
        ]
    });
    &SETS[usize::from(preview) * 2 + usize::from(https)]
}

/// The headers for `state`'s site.
pub fn for_state(state: &AppState) -> &'static [(HeaderName, HeaderValue)] {
    let https = state.base_url.as_str().starts_with("https://");
    for_site(state.settings.watch, https)
}

/// Adds `set` to a response's headers, replacing any of the same name.
pub fn insert_all(map: &mut HeaderMap, set: &[(HeaderName, HeaderValue)]) {
    for (name, value) in set {
        map.insert(name.clone(), value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_has_no_unsafe_sources() {
        for preview in [false, true] {
            let csp = headers(preview, false)
                .into_iter()
                .find(|(n, _)| n == header::CONTENT_SECURITY_POLICY)
                .map(|(_, v)| v.to_str().unwrap().to_owned())
                .unwrap();
            assert!(!csp.contains("unsafe"), "{csp}");
            assert!(csp.starts_with("default-src 'none'"), "{csp}");
        }
    }

    #[test]
    fn each_site_gets_its_own_set() {
        for preview in [false, true] {
            for https in [false, true] {
                assert_eq!(for_site(preview, https), headers(preview, https));
            }
        }
    }

    #[test]
    fn hsts_only_over_https() {
        let has_hsts = |https| {
            headers(false, https)
                .iter()
                .any(|(n, _)| n == header::STRICT_TRANSPORT_SECURITY)
        };
        assert!(has_hsts(true));
        assert!(!has_hsts(false));
    }
}
