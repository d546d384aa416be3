//! Production hardening: security headers on every response, request size
//! limits, readiness and metrics, signals and slow clients. Database faults
//! are in `faults.rs`.
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::faults::Site;
use crate::helpers::{
    Options, eventually, eventually_some, fixture, spawn_app, spawn_app_with, texts,
};

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn assert_security_headers(response: &reqwest::Response, what: &str, hsts: bool) {
    let csp = header(response, "content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
    for directive in [
        "default-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "style-src 'self'",
        "connect-src 'self'",
    ] {
        assert!(
            csp.contains(directive),
            "{what}: CSP `{csp}` lacks {directive}"
        );
    }
    assert!(!csp.contains("unsafe"), "{what}: CSP `{csp}`");
    assert_eq!(
        header(response, "x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        header(response, "referrer-policy").as_deref(),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    let permissions = header(response, "permissions-policy").unwrap_or_default();
    assert!(
        permissions.contains("camera=()") && permissions.contains("geolocation=()"),
        "{what}"
    );
    assert_eq!(
        header(response, "cross-origin-opener-policy").as_deref(),
        Some("same-origin"),
        "{what}"
    );
    assert_eq!(
        header(response, "strict-transport-security").is_some(),
        hsts,
        "{what}: HSTS exactly when BASE_URL is https"
    );
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let client = &app.client;
    let style = app.state.assets.url("style.css");
    let cases = [
        ("GET", "/".to_owned(), 200),
        ("GET", "/roles/manual-tester".into(), 200),
        ("GET", "/categories/testing/feed.xml".into(), 200),
        ("GET", style, 200),
        ("GET", "/static/style.css".into(), 200),
        ("GET", "/favicon.ico".into(), 200),
        ("GET", "/robots.txt".into(), 200),
        ("GET", "/no/such/page".into(), 404),
        ("GET", "/roles/Not_A_Slug".into(), 404),
        ("GET", "/Roles/manual-tester".into(), 301),
        ("POST", "/roles".into(), 405),
        ("HEAD", "/roles".into(), 200),
        ("GET", format!("/roles?q={}", "x".repeat(5000)), 414),
    ];
    for (method, path, status) in cases {
        let response = client
            .request(method.parse().unwrap(), format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        let what = format!("{method} {}", &path[..path.len().min(60)]);
        assert_eq!(response.status().as_u16(), status, "{what}");
        assert_security_headers(&response, &what, true);
    }
}

#[tokio::test]
async fn the_error_page_has_no_inline_style() {
    let app = spawn_app().await;
    let body = app.text("/no/such/page").await;
    assert!(
        !body.contains("<style") && !body.contains("style="),
        "{body}"
    );
    // The same (content-hashed) stylesheet as every other page.
    let home = app.text("/").await;
    let stylesheet = home
        .lines()
        .find(|l| l.starts_with(r#"<link rel="stylesheet""#))
        .expect("pages link the stylesheet");
    assert!(body.contains(stylesheet), "{body}");
    let css = app.text("/static/style.css").await;
    assert!(
        css.contains(".error-page main"),
        "the error page's rules are in the stylesheet"
    );
}

#[tokio::test]
async fn the_preview_reload_script_is_allowed_from_this_origin_only() {
    let app = spawn_app_with(Options {
        watch: true,
        ..Options::default()
    })
    .await;
    let response = app.get("/roles/manual-tester").await;
    let csp = header(&response, "content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe"), "{csp}");
    let html = scraper::Html::parse_document(&response.text().await.unwrap());
    let scripts = crate::helpers::attrs(&html, "script[src]", "src");
    assert_eq!(
        scripts,
        ["/__preview/reload.js"],
        "same-origin, no inline script"
    );
    assert_eq!(app.get("/__preview/reload.js").await.status(), 200);
}

/// A site not served over https must not pin browsers to https.
#[tokio::test]
async fn no_hsts_over_http() {
    let site = Site::new().await;
    let app = site.start(&site.db_url()).await;
    let response = reqwest::get(format!("{app}/roles")).await.unwrap();
    assert_security_headers(&response, "GET /roles over http", false);
}

#[tokio::test]
async fn oversized_requests_get_clear_error_pages() {
    let app = spawn_app().await;
    let url = |path: &str| format!("{}{path}", app.address);
    let long_path = format!("/roles/{}", "a".repeat(3000));
    let long_query = format!("/roles?{}", "a=1&".repeat(400));
    for (request, status, heading) in [
        (app.client.get(url(&long_path)), 414, "Address too long"),
        (app.client.get(url(&long_query)), 414, "Address too long"),
        (
            app.client
                .get(url("/roles"))
                .header("x-big", "b".repeat(20_000)),
            431,
            "Request headers too large",
        ),
        (
            app.client.post(url("/roles")).body(vec![b'x'; 100_000]),
            413,
            "Request too large",
        ),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), status);
        let html = scraper::Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&html, "h1"), [heading]);
    }
    // Well within the limits, the same routes answer normally.
    assert_eq!(app.get("/roles?a=1").await.status(), 200);
}

#[tokio::test]
async fn readiness_liveness_and_metrics() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
    }
    assert_eq!(app.text("/readyz").await, "ready");
    assert_eq!(app.get("/roles/manual-tester").await.status(), 200);
    assert_eq!(app.get("/roles/no-such-role").await.status(), 404);

    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(
        header(&response, "content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = response.text().await.unwrap();
    let value = |series: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or_else(|| panic!("no `{series}` in\n{text}"))
    };
    // Other tests in this process count too: at least, not exactly.
    assert!(
        value(r#"career_guide_http_requests_total{route="/roles/{slug}",status="200"}"#) >= 1.0
    );
    assert!(
        value(r#"career_guide_http_requests_total{route="/roles/{slug}",status="404"}"#) >= 1.0
    );
    assert!(
        value(r#"career_guide_http_request_duration_seconds_count{route="/roles/{slug}"}"#) >= 2.0
    );
    assert!(value("career_guide_content_version") >= 1.0);
    assert!(value("career_guide_content_published_timestamp_seconds") > 1.6e9);
    value("career_guide_page_cache_hits_total");
    value("career_guide_page_cache_misses_total");
    value(r#"career_guide_publish_errors_total{kind="rejected"}"#);
}

/// The binary as a separate process, so signals reach only it.
struct Process {
    child: Child,
    address: String,
}

impl Process {
    fn start(site: &Site) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_career-guide"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .arg("--content")
            .arg(site.dir.path().join("content"))
            .arg("--wage-data")
            .arg(fixture("oews"))
            .arg("--metro-data")
            .arg(fixture("oews-metro"))
            .args(["--database", &site.db_url()])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("BASE_URL", "https://careers.test")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        Self {
            child,
            address: format!("http://127.0.0.1:{port}"),
        }
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    async fn wait_ready(&self) {
        eventually("ready", async || {
            reqwest::get(format!("{}/readyz", self.address))
                .await
                .is_ok_and(|r| r.status() == 200)
        })
        .await;
    }

    /// A counter from `/metrics`, by its name and labels as printed.
    async fn counter(&self, series: &str) -> u64 {
        let body = reqwest::get(format!("{}/metrics", self.address))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        body.lines()
            .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or_else(|| panic!("{series} is not in /metrics"))
    }

    /// Polls `series` until it reaches `value`.
    async fn wait_for_counter(&self, series: &str, value: u64) {
        eventually(&format!("{series} at {value}"), async || {
            self.counter(series).await >= value
        })
        .await;
    }

    async fn h1(&self, path: &str) -> Vec<String> {
        let body = reqwest::get(format!("{}{path}", self.address))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        texts(&scraper::Html::parse_document(&body), "h1")
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn sighup_republishes_and_sigterm_stops_cleanly() {
    let site = Site::new().await;
    let mut server = Process::start(&site);
    server.wait_ready().await;
    let version = "career_guide_content_version";
    let published = server.counter(version).await;
    let file = site.dir.path().join("content/roles/manual-tester.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "title = \"Manual Tester\"",
            "title = \"Manual QA Tester\"",
            1,
        ),
    )
    .unwrap();
    server.signal("HUP");
    server.wait_for_counter(version, published + 1).await;
    assert_eq!(
        server.h1("/roles/manual-tester").await,
        ["Manual QA Tester"]
    );
    // Without a signal, production does not watch the files: the edit went
    // live with the one publish the signal asked for, not before it.
    assert_eq!(server.counter(version).await, published + 1);

    // A broken edit is rejected on SIGHUP: the last good content stays.
    let rejected = "career_guide_publish_errors_total{kind=\"rejected\"}";
    let before = server.counter(rejected).await;
    std::fs::write(&file, "not a profile").unwrap();
    server.signal("HUP");
    server.wait_for_counter(rejected, before + 1).await;
    assert_eq!(
        server.h1("/roles/manual-tester").await,
        ["Manual QA Tester"]
    );
    assert_eq!(server.counter(version).await, published + 1);

    server.signal("TERM");
    let status = eventually_some("stopped by SIGTERM", async || {
        server.child.try_wait().unwrap()
    })
    .await;
    assert!(status.success(), "{status}");
    // Closed cleanly: the write-ahead log was checkpointed and removed.
    let mut wal = site.db_path().into_os_string();
    wal.push("-wal");
    assert!(
        !Path::new(&wal).exists(),
        "the database was not closed cleanly"
    );
}

/// Slowloris: many clients that trickle a request head never complete it.
/// They do not keep others from being served, and the server cuts each of
/// them off once the request-head timeout has passed.
#[tokio::test]
async fn slow_clients_are_cut_off_and_do_not_block_others() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = spawn_app().await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut slow = Vec::new();
    for _ in 0..200 {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: careers.test\r\nX-Slow: a")
            .await
            .unwrap();
        slow.push(stream);
    }
    // Meanwhile, ordinary requests are answered.
    for _ in 0..5 {
        assert_eq!(app.get("/roles/manual-tester").await.status(), 200);
    }
    // Keep trickling: one byte a second per connection, until the server
    // closes it (or answers 408 and closes it).
    let limit = career_guide::http::limits::REQUEST_HEAD_TIMEOUT + Duration::from_secs(10);
    let started = tokio::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for mut stream in slow {
        tasks.spawn(async move {
            let mut buf = [0u8; 512];
            loop {
                if stream.write_all(b"a").await.is_err() {
                    return;
                }
                match tokio::time::timeout(Duration::from_secs(1), stream.read(&mut buf)).await {
                    Ok(Ok(0)) | Ok(Err(_)) => return,
                    Ok(Ok(n)) => assert!(
                        buf[..n].starts_with(b"HTTP/1.1 408"),
                        "{}",
                        String::from_utf8_lossy(&buf[..n])
                    ),
                    Err(_) => {}
                }
            }
        });
    }
    while let Some(done) = tokio::time::timeout_at(started + limit, tasks.join_next())
        .await
        .expect("a slow client was never cut off")
    {
        done.unwrap();
    }
    assert_eq!(app.get("/roles/manual-tester").await.status(), 200);
}
