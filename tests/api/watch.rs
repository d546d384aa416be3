//! `serve --watch`: edits to the content tree reach the running site, broken
//! edits never take it down, and open pages hear about every re-sync.
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use career_guide::content::{Diagnostic, Report, Severity};
use scraper::Html;
use tokio::task::JoinHandle;

use crate::helpers::{
    Options, POLL, TestApp, WAIT, attrs, copy_tree, spawn_app, spawn_app_with, texts,
};

async fn spawn_watching() -> TestApp {
    spawn_app_with(Options {
        watch: true,
        ..Options::default()
    })
    .await
}

/// GETs `path` until `done` holds for the status and page, and returns them.
async fn wait_for(
    app: &TestApp,
    path: &str,
    what: &str,
    done: impl Fn(u16, &Html) -> bool,
) -> (u16, Html) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let response = app.get(path).await;
        let status = response.status().as_u16();
        let html = Html::parse_document(&response.text().await.unwrap());
        if done(status, &html) {
            return (status, html);
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "GET {path}: still not {what} after {WAIT:?} (status {status}, h1 {:?}, errors {:?})",
            texts(&html, "h1"),
            texts(&html, ".preview-errors pre"),
        );
        tokio::time::sleep(POLL).await;
    }
}

fn title(html: &Html) -> String {
    texts(html, "h1").join(" ")
}

fn banner(html: &Html) -> Vec<String> {
    texts(html, ".preview-errors pre")
}

/// Replaces `from` (which must occur) with `to` in the file, in place.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Requests `path` in a loop until stopped; returns how many requests were
/// made and every one that did not answer 200.
struct Background {
    stop: Arc<AtomicBool>,
    task: JoinHandle<(usize, Vec<String>)>,
}

impl Background {
    fn start(app: &TestApp, path: &str) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let (client, url) = (app.client.clone(), format!("{}{path}", app.address));
        let flag = stop.clone();
        let task = tokio::spawn(async move {
            let (mut count, mut failures) = (0, Vec::new());
            while !flag.load(Ordering::Relaxed) {
                count += 1;
                match client.get(&url).send().await {
                    Ok(r) if r.status() == 200 => {
                        // Read the whole body: a page cut short is a failure too.
                        if let Err(e) = r.text().await {
                            failures.push(format!("body: {e}"));
                        }
                    }
                    Ok(r) => failures.push(format!("status {}", r.status())),
                    Err(e) => failures.push(format!("request: {e}")),
                }
            }
            (count, failures)
        });
        Self { stop, task }
    }

    async fn finish(self) -> (usize, Vec<String>) {
        self.stop.store(true, Ordering::Relaxed);
        self.task.await.unwrap()
    }
}

#[tokio::test]
async fn edits_breaks_fixes_and_deletes_under_a_running_server() {
    let app = spawn_watching().await;
    let background = Background::start(&app, "/roles/quality-engineer");
    let file = app.content_dir.join("roles/manual-tester.md");
    let page = "/roles/manual-tester";

    edit(
        &file,
        r#"title = "Manual Tester""#,
        r#"title = "Manual QA Tester""#,
    );
    wait_for(&app, page, "renamed", |s, h| {
        s == 200 && title(h) == "Manual QA Tester"
    })
    .await;

    // Broken: an unterminated string. The last good content stays live.
    edit(
        &file,
        r#"title = "Manual QA Tester""#,
        r#"title = "Manual QA Tester"#,
    );
    let (status, html) = wait_for(&app, page, "showing the error", |_, h| {
        !banner(h).is_empty()
    })
    .await;
    assert_eq!(status, 200);
    assert_eq!(title(&html), "Manual QA Tester");
    let errors = banner(&html);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let expected = format!("{}:2:", file.display());
    assert!(
        errors[0].starts_with(&expected) && errors[0].contains("error:"),
        "{errors:?}"
    );
    // Every page shows it, not only the broken role's.
    assert_eq!(banner(&app.page("/roles").await), errors);

    edit(
        &file,
        r#"title = "Manual QA Tester"#,
        r#"title = "Manual Test Analyst""#,
    );
    wait_for(&app, page, "fixed", |s, h| {
        s == 200 && title(h) == "Manual Test Analyst" && banner(h).is_empty()
    })
    .await;

    std::fs::remove_file(app.content_dir.join("roles/beta-tester.md")).unwrap();
    wait_for(&app, "/roles/beta-tester", "gone", |s, _| s == 404).await;
    let listed = texts(&app.page("/roles").await, "main a");
    assert!(!listed.iter().any(|t| t == "Beta Tester"), "{listed:?}");

    let (count, failures) = background.finish().await;
    assert!(count > 0);
    assert_eq!(failures, Vec::<String>::new(), "of {count} requests");
}

#[tokio::test]
async fn atomic_saves_and_replaced_directories_are_picked_up() {
    let app = spawn_watching().await;
    let background = Background::start(&app, "/roles/quality-engineer");
    let roles = app.content_dir.join("roles");
    let page = "/roles/manual-tester";

    // Editors' atomic save: write a temporary file, rename it over the original.
    let original = std::fs::read_to_string(roles.join("manual-tester.md")).unwrap();
    let temp = roles.join(".manual-tester.md.tmp");
    std::fs::write(&temp, original.replace("Manual Tester", "Atomic Tester")).unwrap();
    std::fs::rename(&temp, roles.join("manual-tester.md")).unwrap();
    wait_for(&app, page, "atomically saved", |s, h| {
        s == 200 && title(h) == "Atomic Tester"
    })
    .await;

    // The whole `roles/` directory replaced (a branch switch, a sync tool).
    let staged = app.content_dir.with_file_name("roles-staged");
    copy_tree(&roles, &staged);
    edit(
        &staged.join("manual-tester.md"),
        "Atomic Tester",
        "Staged Tester",
    );
    std::fs::remove_dir_all(&roles).unwrap();
    std::fs::rename(&staged, &roles).unwrap();
    wait_for(&app, page, "from the new directory", |s, h| {
        s == 200 && title(h) == "Staged Tester"
    })
    .await;
    // ...and the new directory is watched in turn.
    edit(
        &roles.join("manual-tester.md"),
        "Staged Tester",
        "Watched Tester",
    );
    wait_for(&app, page, "edited in the new directory", |s, h| {
        s == 200 && title(h) == "Watched Tester"
    })
    .await;

    // The content directory itself moved away and re-created.
    let moved = app.content_dir.with_file_name("content-old");
    std::fs::rename(&app.content_dir, &moved).unwrap();
    wait_for(&app, page, "reporting the missing directory", |s, h| {
        s == 200
            && banner(h)
                .iter()
                .any(|e| e.contains("content directory not found"))
    })
    .await;
    copy_tree(&moved, &app.content_dir);
    edit(
        &roles.join("manual-tester.md"),
        "Watched Tester",
        "Restored Tester",
    );
    wait_for(&app, page, "restored", |s, h| {
        s == 200 && title(h) == "Restored Tester" && banner(h).is_empty()
    })
    .await;
    edit(
        &roles.join("manual-tester.md"),
        "Restored Tester",
        "Rewatched Tester",
    );
    wait_for(&app, page, "edited in the re-created directory", |s, h| {
        s == 200 && title(h) == "Rewatched Tester"
    })
    .await;

    let (count, failures) = background.finish().await;
    assert!(count > 0);
    assert_eq!(failures, Vec::<String>::new(), "of {count} requests");
}

/// Reads `data:` lines of a server-sent-events response, skipping comments.
struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    async fn next(&mut self) -> String {
        let read = async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let event: String = self.buffer.drain(..end + 2).collect();
                    match event.lines().find_map(|l| l.strip_prefix("data: ")) {
                        Some(data) => return data.to_owned(),
                        None => continue,
                    }
                }
                let chunk = self.response.chunk().await.unwrap().expect("stream open");
                self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
            }
        };
        tokio::time::timeout(WAIT, read).await.expect("an event")
    }
}

#[tokio::test]
async fn open_pages_hear_about_every_resync() {
    let app = spawn_watching().await;
    let html = app.page("/roles/manual-tester").await;
    assert_eq!(attrs(&html, "script[src]", "src"), ["/__preview/reload.js"]);
    let script = app.get("/__preview/reload.js").await;
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let script = script.text().await.unwrap();
    assert!(
        script.contains("new EventSource(\"/__preview/events\")"),
        "{script}"
    );
    assert!(script.contains("location.reload()"), "{script}");

    let response = app
        .client
        .get(format!("{}/__preview/events", app.address))
        // Compressing would hold events back in the encoder.
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert_ne!(
        response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("gzip")
    );
    let mut events = Events {
        response,
        buffer: String::new(),
    };
    let first: u64 = events.next().await.parse().unwrap();

    let file = app.content_dir.join("roles/manual-tester.md");
    edit(
        &file,
        r#"title = "Manual Tester""#,
        r#"title = "Reloaded Tester""#,
    );
    assert_eq!(events.next().await, (first + 1).to_string());
    // The event comes after the re-sync: a reload shows the new content.
    assert_eq!(
        title(&app.page("/roles/manual-tester").await),
        "Reloaded Tester"
    );

    // A rejected edit is news too: the reloaded page shows the errors.
    edit(&file, "min = 45000", "min = 450000");
    assert_eq!(events.next().await, (first + 2).to_string());
    let errors = banner(&app.page("/roles/manual-tester").await);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("min (450000) is greater than max")),
        "{errors:?}"
    );
}

#[tokio::test]
async fn production_pages_have_no_preview_script_errors_or_endpoints() {
    let app = spawn_app().await;
    // Even with errors recorded, production pages never show them.
    *app.state.preview.errors.write().unwrap() = Some(Report {
        diagnostics: vec![Diagnostic {
            path: "roles/x.md".into(),
            line: 1,
            col: 1,
            severity: Severity::Error,
            message: "recorded".into(),
            snippet: None,
        }],
    });
    for path in [
        "/",
        "/roles",
        "/roles/manual-tester",
        "/categories/testing",
        "/salaries",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("__preview"),
            "GET {path} mentions the preview"
        );
        assert!(!body.contains("EventSource"), "GET {path} has reload code");
        let html = Html::parse_document(&body);
        assert_eq!(
            attrs(&html, "script[src]", "src"),
            Vec::<String>::new(),
            "GET {path}"
        );
        assert!(banner(&html).is_empty(), "GET {path} shows errors");
        assert!(texts(&html, ".preview-errors").is_empty(), "GET {path}");
    }
    for path in ["/__preview/events", "/__preview/reload.js"] {
        assert_eq!(app.get(path).await.status(), 404, "GET {path}");
    }
}
