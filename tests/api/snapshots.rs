//! Whole rendered pages, so any change to markup shows up in review.
use crate::helpers::spawn_app;

/// Asset hashes change with every stylesheet edit; they are not the point here.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\.[0-9a-f]{12}\.(css|svg|png|js)", ".[hash].$1");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[tokio::test]
async fn role_page_snapshot() {
    let app = spawn_app().await;
    let body = app.text("/roles/quality-engineer").await;
    settings().bind(|| insta::assert_snapshot!("role_page", body));
}

#[tokio::test]
async fn category_page_snapshot() {
    let app = spawn_app().await;
    let body = app.text("/categories/testing").await;
    settings().bind(|| insta::assert_snapshot!("category_page", body));
}
