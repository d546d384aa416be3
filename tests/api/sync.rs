//! Content -> database sync: idempotent, prunes removed files, keeps the last
//! good content when a file breaks.
use career_guide::publish::{Outcome, publish};
use sqlx::SqlitePool;

use crate::helpers::spawn_app;

async fn snapshot(pool: &SqlitePool) -> Vec<(String, String, String, i64)> {
    sqlx::query_as(
        "SELECT r.slug, r.title, r.overview_html,
           (SELECT COUNT(*) FROM role_faqs f WHERE f.role_slug = r.slug)
           + (SELECT COUNT(*) FROM role_duties d WHERE d.role_slug = r.slug)
         FROM roles r ORDER BY r.slug",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn syncing_twice_leaves_the_same_rows() {
    let app = spawn_app().await;
    let pool = &app.state.pool;
    let before = snapshot(pool).await;
    assert_eq!(before.len(), 8);
    let Outcome::Published { stats, .. } = publish(pool, &app.content_dir).await.unwrap() else {
        panic!("fixture content must publish");
    };
    assert_eq!((stats.removed_roles, stats.removed_categories), (0, 0));
    assert_eq!(snapshot(pool).await, before);
}

#[tokio::test]
async fn a_removed_file_disappears_from_the_site() {
    let app = spawn_app().await;
    std::fs::remove_file(app.content_dir.join("roles/manual-tester.md")).unwrap();
    let Outcome::Published { stats, .. } =
        publish(&app.state.pool, &app.content_dir).await.unwrap()
    else {
        panic!("content must still publish");
    };
    assert_eq!(stats.removed_roles, 1);
    assert_eq!(app.get("/roles/manual-tester").await.status(), 404);
    let duties: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM role_duties WHERE role_slug = 'manual-tester'")
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    assert_eq!(duties, 0, "child rows go with their role");
}

#[tokio::test]
async fn a_broken_file_is_reported_and_the_old_content_stays() {
    let app = spawn_app().await;
    let path = app.content_dir.join("roles/manual-tester.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("min = 45000", "min = 450000");
    std::fs::write(&path, text).unwrap();
    let Outcome::Rejected { report } = publish(&app.state.pool, &app.content_dir).await.unwrap()
    else {
        panic!("a broken file must be rejected");
    };
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.headline())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains(
            "roles/manual-tester.md:13:7: error: `salary`: min (450000) is greater than max (70000)"
        ),
        "{errors:?}"
    );
    let html = app.page("/roles/manual-tester").await;
    assert_eq!(
        crate::helpers::texts(&html, ".salary-range strong"),
        ["$45K–$70K"]
    );
}
