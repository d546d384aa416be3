//! A corpus of hostile requests sent as raw bytes through the real server:
//! path traversal in many encodings, NUL and control bytes, invalid UTF-8,
//! overlong addresses, odd methods, duplicate and malformed headers, absurd
//! `Range`, `If-None-Match` and `Accept-Encoding` values, and hostile query
//! strings on every route. Every request must get an answer below 500, no
//! worker may panic, nothing sent may come back unescaped, and no file from
//! outside the site may be served.
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::spawn_app;

/// Marker sent in requests (raw in headers, encoded in queries); it must
/// never come back as markup.
const PROBE_TAG: &str = "<xss-probe";
const PROBE_ENCODED: &str = "%3Cxss-probe%20onload%3Dalert(1)%3E";

/// What files outside the site would give away if served.
const LEAKS: [&str; 6] = [
    "root:x:0:0",
    "[package]",
    "fn main()",
    "SQLite format 3",
    "[core]",
    "BEGIN PRIVATE KEY",
];

const ROUTES: [&str; 17] = [
    "/",
    "/roles",
    "/roles/manual-tester",
    "/categories/testing",
    "/feed.xml",
    "/categories/testing/feed.xml",
    "/sitemap.xml",
    "/sitemap-1.xml",
    "/robots.txt",
    "/salaries",
    "/salaries/15-1253",
    "/healthz",
    "/readyz",
    "/metrics",
    "/static/style.css",
    "/favicon.ico",
    "/no/such/page",
];

static WORKER_PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts panics on the server's worker threads (test threads are not
/// counted: their panics are ordinary test failures).
fn count_worker_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with("actix"))
            {
                WORKER_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

/// A request as raw bytes: `method target` and header lines, sent exactly.
struct Raw {
    label: String,
    bytes: Vec<u8>,
}

fn raw(method: &[u8], target: &[u8], headers: &[&[u8]]) -> Raw {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(method);
    bytes.push(b' ');
    bytes.extend_from_slice(target);
    bytes.extend_from_slice(b" HTTP/1.1\r\nHost: careers.test\r\n");
    for h in headers {
        bytes.extend_from_slice(h);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(b"Connection: close\r\n\r\n");
    let mut label = String::from_utf8_lossy(&bytes[..bytes.len().min(120)]).into_owned();
    label = label.replace("\r\n", " | ");
    Raw { label, bytes }
}

fn get(target: &str) -> Raw {
    raw(b"GET", target.as_bytes(), &[])
}

fn corpus() -> Vec<Raw> {
    let mut out = Vec::new();

    // Path traversal, in every encoding browsers and servers have confused.
    let ups = [
        "../",
        "..%2f",
        "..%2F",
        "%2e%2e/",
        "%2e%2e%2f",
        "%2E%2E%2F",
        "..%5c",
        "..\\",
        "%2e%2e%5c",
        "%252e%252e%252f",
        "..%252f",
        "..%c0%af",
        "..%c1%9c",
        "%c0%ae%c0%ae/",
        "....//",
        "..;/",
        ".%2e/",
        "%2e./",
        "..%00/",
        "..%u2216",
    ];
    let targets = [
        "etc/passwd",
        "Cargo.toml",
        "src/main.rs",
        ".git/config",
        "career-guide.db",
    ];
    let prefixes = ["/", "/static/", "/roles/", "/categories/testing/"];
    for up in ups {
        for (i, target) in targets.iter().enumerate() {
            let prefix = prefixes[i % prefixes.len()];
            let path = format!("{prefix}{}{target}", up.repeat(6));
            out.push(get(&path));
        }
    }
    for target in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/.%2e/.%2e/Cargo.toml",
        "//etc/passwd",
        "/static/style.css/../../Cargo.toml",
        "/favicon.ico/..%2f..%2fCargo.toml",
        "/static/C:%5cwindows%5cwin.ini",
        "/static/.git/config",
        "/static/.env",
    ] {
        out.push(get(target));
    }

    // NUL, control bytes and invalid UTF-8, encoded and raw.
    for route in ROUTES {
        for junk in [
            "%00",
            "%0d%0aSet-Cookie:%20a=1",
            "%ff%fe",
            "%c3%28",
            "%ed%a0%80",
            "%7f",
            "%1b[31m",
        ] {
            out.push(get(&format!("{route}{junk}")));
        }
    }
    for bytes in [
        &b"/roles/\x00"[..],
        b"/roles/\xff\xfe",
        b"/\x01\x02\x03",
        b"/roles/\x7f",
        b"/roles\tx",
        b"/\x1b[2J",
        b"/roles/caf\xc3\xa9",
        b"/\xc0\xaf",
    ] {
        out.push(raw(b"GET", bytes, &[]));
    }

    // Overlong addresses and queries.
    for n in [1_000, 2_100, 8_000, 30_000, 100_000] {
        out.push(get(&format!("/roles/{}", "a".repeat(n))));
        out.push(get(&format!("/roles?q={}", "b".repeat(n))));
        out.push(get(&format!("/{}", "a/".repeat(n / 2))));
    }

    // Odd and malformed methods.
    for method in [
        &b"PUT"[..],
        b"DELETE",
        b"PATCH",
        b"OPTIONS",
        b"TRACE",
        b"CONNECT",
        b"PROPFIND",
        b"MKCOL",
        b"GETT",
        b"get",
        b"G\x00ET",
        b"\xff\xff",
        b"POST",
    ] {
        for route in ["/", "/roles/manual-tester", "/static/style.css", "/nope"] {
            out.push(raw(method, route.as_bytes(), &[]));
        }
    }
    out.push(raw(b"CONNECT", b"careers.test:443", &[]));
    out.push(raw(b"OPTIONS", b"*", &[]));
    out.push(raw(b"GET", b"http://evil.example/roles", &[]));
    out.push(raw(b"GET", b"roles", &[]));

    // Duplicate, conflicting and malformed headers.
    let header_cases: [&[&[u8]]; 18] = [
        &[b"Host: evil.example"],
        &[b"Host: careers.test:99999"],
        &[b"Host: <xss-probe onload=alert(1)>"],
        &[b"Content-Length: 5", b"Content-Length: 7"],
        &[b"Content-Length: -1"],
        &[b"Content-Length: 99999999999999999999999"],
        &[b"Transfer-Encoding: chunked", b"Content-Length: 3"],
        &[b"Transfer-Encoding: gzip, chunked"],
        &[b"NoColonHere"],
        &[b"Bad Header: x"],
        &[b"X-Null: a\x00b"],
        &[b"X-Bytes: \xff\xfe\xfd"],
        &[b": empty-name"],
        &[b"Cookie: a=1; a=2; ;;; =="],
        &[b"Accept: */*", b"Accept: text/html", b"Accept: ;;;"],
        &[b"X-Forwarded-For: <xss-probe onload=alert(1)>"],
        &[b"Referer: javascript:alert(1)"],
        &[b"Expect: 100-continue"],
    ];
    for headers in header_cases {
        for route in [
            "/",
            "/roles/manual-tester",
            "/static/style.css",
            "/feed.xml",
        ] {
            out.push(raw(b"GET", route.as_bytes(), headers));
        }
    }
    let many: Vec<Vec<u8>> = (0..200)
        .map(|i| format!("X-H{i}: v").into_bytes())
        .collect();
    out.push(raw(
        b"GET",
        b"/",
        &many.iter().map(Vec::as_slice).collect::<Vec<_>>(),
    ));

    // Absurd conditional, range and encoding values.
    let long_etags = format!("If-None-Match: {}", "\"x\", ".repeat(2000));
    let many_ranges = format!(
        "Range: bytes={}",
        (0..2000)
            .map(|i| format!("{i}-{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let values: Vec<String> = vec![
        "Range: bytes=-".into(),
        "Range: bytes=5-1".into(),
        "Range: bytes=99999999999999999999-".into(),
        "Range: bytes=-99999999999999999999".into(),
        "Range: chars=0-10".into(),
        "Range: bytes=0-0,-1,0-".into(),
        many_ranges,
        "If-None-Match: *".into(),
        "If-None-Match: \"".into(),
        "If-None-Match: W/".into(),
        "If-None-Match: \u{0}".into(),
        long_etags,
        "If-Modified-Since: yesterday".into(),
        "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT".into(),
        "If-Modified-Since: Fri, 31 Dec 9999 23:59:59 GMT".into(),
        "If-Range: \"nope\"".into(),
        "If-Match: *".into(),
        "Accept-Encoding: gzip;q=NaN".into(),
        "Accept-Encoding: br;q=2, gzip;q=-1".into(),
        "Accept-Encoding: *;q=0".into(),
        "Accept-Encoding: identity;q=0, *;q=0".into(),
        "Accept-Encoding: , , ,".into(),
        format!("Accept-Encoding: {}", "x".repeat(5000)),
        format!("Accept-Encoding: {}", "gzip, ".repeat(800)),
        "Accept-Encoding: zstd, br, gzip, deflate".into(),
        "Accept-Language: \u{0}".into(),
    ];
    for value in &values {
        for route in [
            "/roles/manual-tester",
            "/static/style.css",
            "/feed.xml",
            "/favicon.ico",
        ] {
            out.push(raw(b"GET", route.as_bytes(), &[value.as_bytes()]));
        }
    }

    // Hostile query strings on every route.
    let queries = [
        format!("?q={PROBE_ENCODED}"),
        format!("?{PROBE_ENCODED}={PROBE_ENCODED}"),
        "?a=%ff%fe".into(),
        "?a[]=1&a[]=2".into(),
        "?=".into(),
        "?&&&==&".into(),
        "?q=%00".into(),
        "?page=-1".into(),
        "?page=99999999999999999999".into(),
        "?state=../../etc/passwd".into(),
        "?%".into(),
        "?q=%2".into(),
        "?q='%20OR%201=1--".into(),
        "?callback=alert(1)".into(),
    ];
    for route in ROUTES {
        for query in &queries {
            out.push(get(&format!("{route}{query}")));
        }
    }
    out
}

/// Sends one raw request; returns the response's status and body, or
/// `None` when the server closed the connection without answering.
async fn send(address: &str, request: &Raw) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(address).await.expect("connect");
    // The server may refuse mid-write (an oversized head): still read.
    let _ = stream.write_all(&request.bytes).await;
    let mut response = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut response));
    match read.await {
        Ok(_) => {}
        Err(_) => panic!("no end of response within 20 s: {}", request.label),
    }
    let mut rest = &response[..];
    loop {
        let head_end = rest.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = std::str::from_utf8(&rest[..head_end]).ok()?;
        let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
        rest = &rest[head_end + 4..];
        // `100 Continue` (after `Expect`) comes before the real answer.
        if status >= 200 {
            return Some((status, rest.to_vec()));
        }
    }
}

#[tokio::test]
async fn hostile_requests_never_break_the_server() {
    count_worker_panics();
    let app = spawn_app().await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let corpus = corpus();
    assert!(corpus.len() >= 500, "only {} requests", corpus.len());

    let mut failures = Vec::new();
    let mut unanswered = Vec::new();
    for chunk in corpus.chunks(8) {
        let mut tasks = tokio::task::JoinSet::new();
        for request in chunk {
            let address = address.clone();
            let (label, bytes) = (request.label.clone(), request.bytes.clone());
            tasks.spawn(async move {
                let outcome = send(
                    &address,
                    &Raw {
                        label: label.clone(),
                        bytes,
                    },
                )
                .await;
                (label, outcome)
            });
        }
        while let Some(done) = tasks.join_next().await {
            let (label, outcome) = done.unwrap();
            let Some((status, body)) = outcome else {
                unanswered.push(label);
                continue;
            };
            let body = String::from_utf8_lossy(&body);
            if status >= 500 {
                failures.push(format!("{status}: {label}"));
            }
            if body.contains(PROBE_TAG) {
                failures.push(format!("reflected unescaped: {label}"));
            }
            if let Some(leak) = LEAKS.iter().find(|l| body.contains(*l)) {
                failures.push(format!("served `{leak}`: {label}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The framework may close a connection on bytes that are not HTTP at
    // all; everything that parses as a request gets an answer.
    assert!(
        unanswered.len() <= corpus.len() / 20,
        "{} of {} requests got no answer:\n{}",
        unanswered.len(),
        corpus.len(),
        unanswered.join("\n")
    );
    assert_eq!(WORKER_PANICS.load(Ordering::SeqCst), 0, "a worker panicked");
    // And the site still works.
    assert_eq!(app.get("/roles/manual-tester").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);
}
