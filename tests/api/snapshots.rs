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

/// Every other page type, whole. The JSON-LD of `/salaries` and the sitemap
/// are part of the page like any other markup.
#[tokio::test]
async fn every_page_type_snapshot() {
    let app = spawn_app().await;
    for (name, path) in [
        ("home_page", "/"),
        ("roles_index_page", "/roles"),
        ("salaries_page", "/salaries"),
        ("salary_page", "/salaries/15-1253"),
        ("site_feed", "/feed.xml"),
        ("category_feed", "/categories/testing/feed.xml"),
        ("sitemap", "/sitemap.xml"),
        ("robots_txt", "/robots.txt"),
        ("not_found_page", "/no-such-page"),
    ] {
        let body = app.text(path).await;
        settings().bind(|| insta::assert_snapshot!(name, body));
    }
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
