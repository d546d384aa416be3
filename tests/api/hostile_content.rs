//! Hostile content files: raw HTML, `javascript:` links and `<script>` in a
//! title come out sanitized; huge files, binary garbage, non-UTF-8 text and
//! absurd nesting get a clear diagnostic; and the site keeps serving.

use career_guide::content;
use scraper::Html;
use time::macros::date;

use crate::helpers::{Options, copy_tree, eventually, fixture, spawn_app_with, texts};

fn hostile_role() -> String {
    let text = std::fs::read_to_string(fixture("site/roles/manual-tester.md")).unwrap();
    text.replacen(
        r#"title = "Manual Tester""#,
        r#"title = "Hostile <script>alert(1)</script> Tester""#,
        1,
    )
    .replacen(
        "A second paragraph links",
        "Raw <a href=\"javascript:alert(2)\">html link</a>, a [markdown link](javascript:alert(3)), \
         <img src=\"x\" onerror=\"alert(4)\"> <iframe src=\"https://evil.example\"></iframe> \
         <style>body{display:none}</style> <b onclick=\"alert(5)\">bold</b>.\n\nA second paragraph links",
        1,
    )
}

/// Markdown nested `depth` levels deep, as lists and as quotes.
fn deeply_nested(depth: usize) -> String {
    let mut text = String::new();
    for level in 0..depth {
        text.push_str(&"  ".repeat(level));
        text.push_str("- item\n");
    }
    text.push_str(&"> ".repeat(depth));
    text.push_str("quote\n");
    text
}

/// Each broken file, and a word its diagnostic must contain.
fn broken_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut huge = hostile_role().into_bytes();
    huge.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    let garbage: Vec<u8> = (0..64 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut latin1 = hostile_role().into_bytes();
    latin1.extend_from_slice(b"\nCaf\xe9 au lait\n");
    vec![
        ("huge.md", huge, "at most"),
        ("garbage.md", garbage, "UTF-8"),
        ("latin-one.md", latin1, "UTF-8"),
    ]
}

#[test]
fn broken_files_get_a_clear_diagnostic_and_nothing_else_is_lost() {
    let dir = tempfile::TempDir::new().unwrap();
    copy_tree(&fixture("site"), dir.path());
    let (good, _) = content::load(dir.path(), date!(2026 - 11 - 29));
    for (name, bytes, _) in broken_files() {
        std::fs::write(dir.path().join("roles").join(name), bytes).unwrap();
    }
    let mut nested = hostile_role();
    nested.push_str(&deeply_nested(3000));
    std::fs::write(dir.path().join("roles/nested.md"), nested).unwrap();

    let (site, report) = content::load(dir.path(), date!(2026 - 11 - 29));
    for (name, _, expected) in broken_files() {
        let diagnostic = report
            .diagnostics
            .iter()
            .find(|d| d.path.file_name().unwrap() == name)
            .unwrap_or_else(|| panic!("no diagnostic for {name}:\n{report}"));
        assert!(diagnostic.is_error());
        assert!(
            diagnostic.message.contains(expected),
            "{name}: {}",
            diagnostic.message
        );
    }
    // Absurd nesting parses (or is reported); it does not overflow the stack.
    let nested_loaded = site.roles.keys().any(|s| s.as_str() == "nested");
    let nested_reported = report
        .diagnostics
        .iter()
        .any(|d| d.path.ends_with("nested.md"));
    assert!(nested_loaded || nested_reported);
    for slug in good.roles.keys() {
        assert!(site.roles.contains_key(slug), "{slug} lost");
    }
}

#[tokio::test]
async fn hostile_markup_is_sanitized_and_broken_files_never_take_the_site_down() {
    let app = spawn_app_with(Options {
        watch: true,
        ..Options::default()
    })
    .await;
    std::fs::write(
        app.content_dir.join("roles/hostile-tester.md"),
        hostile_role(),
    )
    .unwrap();
    eventually("published", async || {
        app.get("/roles/hostile-tester").await.status() == 200
    })
    .await;

    let page = app.text("/roles/hostile-tester").await;
    let html = Html::parse_document(&page);
    assert_eq!(
        texts(&html, "h1"),
        ["Hostile <script>alert(1)</script> Tester"]
    );
    // Escaped everywhere: in HTML as entities, in JSON-LD as `\u003c`.
    assert!(
        !page.contains("<script>alert"),
        "an unescaped title in the page"
    );
    let scripts = crate::helpers::attrs(&html, "script", "src");
    assert!(
        scripts.iter().all(|s| s.starts_with("/__preview/")),
        "{scripts:?}"
    );
    let executable = texts(&html, "script:not([type='application/ld+json']):not([src])");
    assert!(executable.is_empty(), "inline script: {executable:?}");
    for (selector, attr) in [("a", "href"), ("img", "src"), ("iframe", "src")] {
        for value in crate::helpers::attrs(&html, selector, attr) {
            assert!(
                !value.starts_with("javascript:"),
                "{selector} {attr}={value}"
            );
        }
    }
    for bad in ["iframe", "main style", "[onerror]", "[onclick]"] {
        assert!(
            texts(&html, bad).is_empty() && !has(&html, bad),
            "{bad} survived"
        );
    }

    // Now break the tree every way: the publish is refused and everything
    // that was live stays live.
    for (name, bytes, _) in broken_files() {
        std::fs::write(app.content_dir.join("roles").join(name), bytes).unwrap();
    }
    eventually("rejected", async || {
        let page = app.text("/roles/manual-tester").await;
        page.contains("garbage.md") && page.contains("huge.md")
    })
    .await;
    for path in [
        "/roles/manual-tester",
        "/roles/hostile-tester",
        "/roles",
        "/",
    ] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
}

fn has(html: &Html, selector: &str) -> bool {
    html.select(&scraper::Selector::parse(selector).unwrap())
        .next()
        .is_some()
}
