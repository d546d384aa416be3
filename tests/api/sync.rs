//! Content -> database sync: idempotent, prunes removed files, keeps the last
//! good content when a file breaks, and reads again only the files that
//! changed while reporting as a fresh read would.
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

fn published(outcome: Outcome) -> (career_guide::db::sync::SyncStats, Vec<String>) {
    match outcome {
        Outcome::Published { stats, report } => (
            stats,
            report.diagnostics.iter().map(|d| d.to_string()).collect(),
        ),
        Outcome::Rejected { report } => panic!("rejected: {report}"),
    }
}

/// The diagnostics a fresh read of the whole tree gives.
fn fresh_report(dir: &std::path::Path) -> Vec<String> {
    let today = time::OffsetDateTime::now_utc().date();
    let (_, report) = career_guide::content::load(dir, today);
    report.diagnostics.iter().map(|d| d.to_string()).collect()
}

#[tokio::test]
async fn an_unchanged_tree_is_not_parsed_or_written_again_and_reports_the_same() {
    let app = spawn_app().await;
    let pool = &app.state.pool;
    let (stats, report) = published(publish(pool, &app.content_dir).await.unwrap());
    assert_eq!(stats.written_roles, 0, "no file changed since start-up");
    assert_eq!(stats.roles, 8);
    assert!(!report.is_empty(), "the fixture has warnings to carry over");
    assert_eq!(report, fresh_report(&app.content_dir));
}

#[tokio::test]
async fn an_edited_file_alone_is_parsed_and_written() {
    let app = spawn_app().await;
    let pool = &app.state.pool;
    let path = app.content_dir.join("roles/manual-tester.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // A new summary of the wrong length: the page changes and a new
    // warning appears, while the other files' warnings are carried over.
    let edited = text.replacen("summary = \"", "summary = \"Short. ", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let (stats, report) = published(publish(pool, &app.content_dir).await.unwrap());
    assert_eq!(stats.written_roles, 1);
    assert_eq!(report, fresh_report(&app.content_dir));
    assert!(
        report
            .iter()
            .any(|d| d.contains("manual-tester.md") && d.contains("one sentence")),
        "{report:?}"
    );
    let summary: String =
        sqlx::query_scalar("SELECT summary FROM roles WHERE slug = 'manual-tester'")
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(summary.starts_with("Short. "), "{summary}");
}

#[tokio::test]
async fn checks_across_files_still_see_files_that_were_not_parsed() {
    let app = spawn_app().await;
    let pool = &app.state.pool;
    // The category page links to roles; no role file changes, but the
    // target of a link goes away: the unchanged file's link is checked anew.
    let category = std::fs::read_to_string(app.content_dir.join("categories/testing.md")).unwrap();
    let target = category
        .split("](/roles/")
        .nth(1)
        .and_then(|rest| rest.split([')', '#', '?']).next())
        .expect("the fixture category links to a role")
        .to_owned();
    std::fs::remove_file(app.content_dir.join(format!("roles/{target}.md"))).unwrap();
    let Outcome::Rejected { report } = publish(pool, &app.content_dir).await.unwrap() else {
        panic!("a broken link must stop the publish");
    };
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains(&format!("there is no role `{target}`"))),
        "{report}"
    );
    // Nothing was written: the role is still served.
    assert_eq!(app.get(&format!("/roles/{target}")).await.status(), 200);
    let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM content_files")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(
        known, 8,
        "the files of the last good publish are remembered"
    );
}

#[tokio::test]
async fn a_file_that_comes_back_is_read_again() {
    let app = spawn_app().await;
    let pool = &app.state.pool;
    let path = app.content_dir.join("roles/performance-tester.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let (stats, _) = published(publish(pool, &app.content_dir).await.unwrap());
    assert_eq!((stats.removed_roles, stats.written_roles), (1, 0));
    std::fs::write(&path, text).unwrap();
    let (stats, report) = published(publish(pool, &app.content_dir).await.unwrap());
    assert_eq!((stats.removed_roles, stats.written_roles), (0, 1));
    assert_eq!(report, fresh_report(&app.content_dir));
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM roles WHERE slug = 'performance-tester'")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(rows, 1);
    assert_eq!(app.get("/roles/performance-tester").await.status(), 200);
}
