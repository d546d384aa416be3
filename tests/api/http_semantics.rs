//! HTTP the way caches, crawlers and browsers expect it: validators and
//! 304s, HEAD, canonical redirects, 405s, content types and compression.
use reqwest::header::{self, HeaderMap};
use reqwest::{Method, Response, StatusCode};
use scraper::Html;

use crate::helpers::{BASE_URL, TestApp, attrs, spawn_app, texts};

/// One of each kind of response the site gives.
const PATHS: [&str; 12] = [
    "/",
    "/roles",
    "/roles/quality-engineer",
    "/categories/testing",
    "/salaries",
    "/sitemap.xml",
    "/feed.xml",
    "/categories/testing/feed.xml",
    "/robots.txt",
    "/favicon.ico",
    "/roles/automation-tester",
    "/no-such-page",
];

async fn send(app: &TestApp, method: Method, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = app.client.request(method, format!("{}{path}", app.address));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request sent")
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("{} has no {name}", response.url()))
        .to_str()
        .unwrap()
}

fn values(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn pages_carry_validators_and_answer_304_to_either() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/roles/quality-engineer",
        "/categories/empty-field",
        "/sitemap.xml",
        "/feed.xml",
        "/robots.txt",
    ] {
        let ok = app.get(path).await;
        assert_eq!(ok.status(), 200, "{path}");
        let etag = header(&ok, "etag").to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "{path}: strong ETag {etag}"
        );
        let last_modified = header(&ok, "last-modified").to_owned();
        httpdate(&last_modified);
        let cache_control = header(&ok, "cache-control").to_owned();

        let by_tag = send(&app, Method::GET, path, &[("if-none-match", &etag)]).await;
        assert_eq!(by_tag.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(header(&by_tag, "etag"), etag);
        assert_eq!(header(&by_tag, "cache-control"), cache_control);
        assert_eq!(header(&by_tag, "last-modified"), last_modified);
        assert!(by_tag.bytes().await.unwrap().is_empty());

        let listed = format!(r#""nope", {etag}"#);
        let in_list = send(&app, Method::GET, path, &[("if-none-match", &listed)]).await;
        assert_eq!(in_list.status(), StatusCode::NOT_MODIFIED, "{path}");

        let by_date = send(
            &app,
            Method::GET,
            path,
            &[("if-modified-since", &last_modified)],
        )
        .await;
        assert_eq!(by_date.status(), StatusCode::NOT_MODIFIED, "{path}");

        let head = send(&app, Method::HEAD, path, &[("if-none-match", &etag)]).await;
        assert_eq!(head.status(), StatusCode::NOT_MODIFIED, "{path}");

        // A different tag decides even when the date would match.
        let changed = send(
            &app,
            Method::GET,
            path,
            &[
                ("if-none-match", "\"old\""),
                ("if-modified-since", &last_modified),
            ],
        )
        .await;
        assert_eq!(changed.status(), 200, "{path}");
        assert_eq!(header(&changed, "etag"), etag, "same bytes, same tag");

        let earlier = httpdate(&last_modified) - std::time::Duration::from_secs(1);
        let stale = send(
            &app,
            Method::GET,
            path,
            &[("if-modified-since", &fmt_httpdate(earlier))],
        )
        .await;
        assert_eq!(stale.status(), 200, "{path}");
        assert!(!stale.bytes().await.unwrap().is_empty());
    }
}

fn httpdate(s: &str) -> std::time::SystemTime {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(s, &format)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .assume_utc()
        .into()
}

fn fmt_httpdate(t: std::time::SystemTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::OffsetDateTime::from(t).format(&format).unwrap()
}

#[tokio::test]
async fn each_encoding_gets_its_own_strong_tag() {
    let app = spawn_app().await;
    let mut tags = Vec::new();
    for encoding in ["identity", "gzip", "br", "zstd"] {
        let response = send(
            &app,
            Method::GET,
            "/roles/quality-engineer",
            &[("accept-encoding", encoding)],
        )
        .await;
        assert_eq!(response.status(), 200);
        let applied = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        if encoding == "identity" {
            assert_eq!(applied, None);
        } else {
            assert_eq!(applied.as_deref(), Some(encoding));
        }
        let etag = header(&response, "etag").to_owned();
        let revalidated = send(
            &app,
            Method::GET,
            "/roles/quality-engineer",
            &[("accept-encoding", encoding), ("if-none-match", &etag)],
        )
        .await;
        assert_eq!(revalidated.status(), 304, "{encoding}");
        assert!(!tags.contains(&etag), "{encoding} shares a tag");
        tags.push(etag);
    }
}

#[tokio::test]
async fn compressible_responses_vary_on_accept_encoding() {
    let app = spawn_app().await;
    let css = attrs(&app.page("/").await, "link[rel=stylesheet]", "href").remove(0);
    for path in [
        "/",
        "/sitemap.xml",
        "/feed.xml",
        "/robots.txt",
        "/no-such-page",
        css.as_str(),
    ] {
        for encoding in [None, Some("gzip"), Some("br"), Some("zstd")] {
            let headers: Vec<(&str, &str)> = encoding
                .map(|e| ("accept-encoding", e))
                .into_iter()
                .collect();
            let response = send(&app, Method::GET, path, &headers).await;
            let vary = values(response.headers(), "vary")
                .join(",")
                .to_ascii_lowercase();
            assert!(
                vary.contains("accept-encoding"),
                "{path} {encoding:?}: vary {vary}"
            );
            if let Some(encoding) = encoding {
                assert_eq!(header(&response, "content-encoding"), encoding, "{path}");
            }
        }
    }
    // Already-compressed images are sent as they are.
    let png = send(
        &app,
        Method::GET,
        "/favicon.ico",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert!(png.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn head_has_the_headers_of_get_and_no_body() {
    let app = spawn_app().await;
    let css = attrs(&app.page("/").await, "link[rel=stylesheet]", "href").remove(0);
    let mut paths = PATHS.to_vec();
    paths.push(&css);
    for path in paths {
        for encoding in ["identity", "gzip"] {
            let accept = [("accept-encoding", encoding)];
            let get = send(&app, Method::GET, path, &accept).await;
            let head = send(&app, Method::HEAD, path, &accept).await;
            assert_eq!(head.status(), get.status(), "HEAD {path}");
            for name in [
                header::CONTENT_TYPE,
                header::CONTENT_LENGTH,
                header::CONTENT_ENCODING,
                header::ETAG,
                header::LAST_MODIFIED,
                header::CACHE_CONTROL,
                header::VARY,
                header::LOCATION,
            ] {
                assert_eq!(
                    values(head.headers(), name.as_str()),
                    values(get.headers(), name.as_str()),
                    "HEAD {path} ({encoding}): {name}"
                );
            }
            assert!(
                get.headers().contains_key(header::CONTENT_TYPE) || get.status().is_redirection()
            );
            assert!(
                head.bytes().await.unwrap().is_empty(),
                "HEAD {path} has a body"
            );
        }
    }
}

#[tokio::test]
async fn non_canonical_paths_redirect_once_to_the_canonical_url() {
    let app = spawn_app().await;
    for (from, to) in [
        ("/Roles/Quality-Engineer/", "/roles/quality-engineer"),
        ("//roles//quality-engineer", "/roles/quality-engineer"),
        ("/ROLES//Quality-Engineer//", "/roles/quality-engineer"),
        ("/roles/", "/roles"),
        ("//", "/"),
        ("/Categories/Testing/", "/categories/testing"),
        (
            "/categories/testing/feed.xml/",
            "/categories/testing/feed.xml",
        ),
        ("/Sitemap.XML", "/sitemap.xml"),
        ("/Salaries/?sort=median", "/salaries?sort=median"),
        // A renamed role in the same hop.
        (
            "/Roles/Automation-Tester/",
            "/roles/test-automation-engineer",
        ),
    ] {
        for method in [Method::GET, Method::HEAD] {
            let response = send(&app, method.clone(), from, &[]).await;
            assert_eq!(
                response.status(),
                StatusCode::MOVED_PERMANENTLY,
                "{method} {from}"
            );
            assert_eq!(header(&response, "location"), to, "{method} {from}");
        }
        let target = app.get(to).await;
        assert_eq!(target.status(), 200, "{to} is the end of the chain");
        if target.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
        {
            let html = Html::parse_document(&target.text().await.unwrap());
            let path = to.split('?').next().unwrap();
            assert_eq!(
                attrs(&html, "link[rel=canonical]", "href"),
                [format!("{BASE_URL}{path}")]
            );
        }
    }
    // No redirect to an address that does not exist.
    assert_eq!(app.get("/Roles/No-Such-Role/").await.status(), 404);
    assert_eq!(app.get("/roles/no-such-role/").await.status(), 404);
}

#[tokio::test]
async fn query_strings_that_change_nothing_are_served_with_the_plain_canonical() {
    let app = spawn_app().await;
    for path in ["/roles/quality-engineer", "/", "/categories/testing"] {
        let plain = app.get(path).await;
        let plain_tag = header(&plain, "etag").to_owned();
        let tracked = app
            .get(&format!("{path}?utm_source=newsletter&utm_medium=email"))
            .await;
        assert_eq!(tracked.status(), 200, "{path}");
        assert_eq!(header(&tracked, "etag"), plain_tag, "{path}: the same page");
        let html = Html::parse_document(&tracked.text().await.unwrap());
        assert_eq!(
            attrs(&html, "link[rel=canonical]", "href"),
            [format!("{BASE_URL}{path}")]
        );
    }
}

#[tokio::test]
async fn wrong_methods_get_405_with_allow_and_the_styled_page() {
    let app = spawn_app().await;
    for (method, path) in [
        (Method::POST, "/roles/quality-engineer"),
        (Method::PUT, "/"),
        (Method::DELETE, "/sitemap.xml"),
        (Method::PATCH, "/categories/testing/feed.xml"),
        (Method::POST, "/robots.txt"),
    ] {
        let response = send(&app, method.clone(), path, &[]).await;
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        let mut allow: Vec<String> = header(&response, "allow")
            .split(',')
            .map(|m| m.trim().to_owned())
            .collect();
        allow.sort();
        assert_eq!(allow, ["GET", "HEAD"], "{method} {path}");
        assert_eq!(
            header(&response, "content-type"),
            "text/html; charset=utf-8"
        );
        let html = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&html, "h1"), ["Method not allowed"]);
    }
    // An address that names nothing is still a 404, whatever the method.
    assert_eq!(
        send(&app, Method::POST, "/no-such-page", &[])
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn textual_responses_name_their_charset() {
    let app = spawn_app().await;
    let home = app.page("/").await;
    let mut paths: Vec<String> = PATHS.iter().map(|p| p.to_string()).collect();
    paths.extend(attrs(&home, "link[rel=stylesheet], link[rel=icon]", "href"));
    paths.push("/healthz".into());
    for path in paths {
        let response = app.get(&path).await;
        if response.status().is_redirection() {
            continue;
        }
        let content_type = header(&response, "content-type").to_ascii_lowercase();
        let textual = content_type.starts_with("text/")
            || content_type.contains("xml")
            || content_type.contains("javascript")
            || content_type.contains("json");
        if textual {
            assert!(
                content_type.ends_with("charset=utf-8"),
                "{path}: {content_type}"
            );
        }
    }
    for (path, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/feed.xml", "application/atom+xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/no-such-page", "text/html; charset=utf-8"),
    ] {
        assert_eq!(
            header(&app.get(path).await, "content-type"),
            expected,
            "{path}"
        );
    }
}

#[tokio::test]
async fn validators_come_from_the_content_and_agree_across_servers() {
    let first = spawn_app().await;
    // Started in different seconds: validators that came from the start
    // time, not the content, would differ below.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let second = spawn_app().await;
    for path in ["/roles/quality-engineer", "/", "/feed.xml", "/salaries"] {
        for encoding in ["identity", "gzip", "br"] {
            let accept = [("accept-encoding", encoding)];
            // The second request of each server is answered from memory.
            for _ in 0..2 {
                let a = send(&first, Method::GET, path, &accept).await;
                let b = send(&second, Method::GET, path, &accept).await;
                for name in [
                    "etag",
                    "last-modified",
                    "cache-control",
                    "content-type",
                    "vary",
                ] {
                    assert_eq!(
                        header(&a, name),
                        header(&b, name),
                        "{path} {encoding}: {name}"
                    );
                }
                // The newest `updated` date of the fixture's roles.
                assert_eq!(header(&a, "last-modified"), "Thu, 01 Oct 2026 00:00:00 GMT");
                assert_eq!(a.bytes().await.unwrap(), b.bytes().await.unwrap());
            }
        }
    }
}

#[tokio::test]
async fn a_newer_updated_date_moves_last_modified_forward() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        watch: true,
        ..Default::default()
    })
    .await;
    let path = "/roles/quality-engineer";
    let before = header(&app.get(path).await, "last-modified").to_owned();
    let file = app.content_dir.join("roles/manual-tester.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("updated = 2026-10-01", "updated = 2026-10-02"),
    )
    .unwrap();
    let after = crate::helpers::eventually_some("republished", async || {
        let after = header(&app.get(path).await, "last-modified").to_owned();
        (after != before).then_some(after)
    })
    .await;
    assert_eq!(after, "Fri, 02 Oct 2026 00:00:00 GMT");
    let stale = send(&app, Method::GET, path, &[("if-modified-since", &before)]).await;
    assert_eq!(stale.status(), 200, "a copy from before the edit is stale");
}
