//! Whole rendered pages, so any change to markup shows up in review: every
//! example of every page type in the registry, and the error pages.
use std::path::Path;

use career_guide::routes::registry::PAGE_TYPES;

use crate::helpers::spawn_app;

/// Asset hashes change with every stylesheet edit; they are not the point here.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\.[0-9a-f]{12}\.(css|svg|png|js)", ".[hash].$1");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

fn snapshot_file(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/api/snapshots")
        .join(format!("{name}.snap"))
}

/// A page type registered without a kept snapshot fails here, before its
/// first rendering is accepted by review.
#[test]
fn every_registered_example_has_a_snapshot() {
    let missing: Vec<String> = PAGE_TYPES
        .iter()
        .flat_map(|page| page.examples.iter())
        .filter(|(name, _)| !snapshot_file(name).exists())
        .map(|(name, path)| format!("{name} ({path})"))
        .collect();
    assert!(missing.is_empty(), "no snapshot kept for {missing:?}");
}

#[tokio::test]
async fn every_page_type_snapshot() {
    let app = spawn_app().await;
    for page in PAGE_TYPES {
        for (name, path) in page.examples {
            let body = app.text(path).await;
            settings().bind(|| insta::assert_snapshot!(*name, body));
        }
    }
    let body = app.text("/no-such-page").await;
    settings().bind(|| insta::assert_snapshot!("not_found_page", body));
    // The error page as every other status shows it.
    let response = app
        .client
        .post(format!("{}/roles", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let body = response.text().await.unwrap();
    settings().bind(|| insta::assert_snapshot!("error_page", body));
}
