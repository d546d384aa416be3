//! Faults at start-up and during a publish: a database that is missing,
//! corrupt, truncated, read-only or locked, and a write that fails. Content
//! is the source of truth, so the site rebuilds or keeps what it served.
use std::path::{Path, PathBuf};

use career_guide::config::Settings;
use career_guide::startup::Application;
use sqlx::Connection;
use tempfile::TempDir;

use crate::helpers::{Options, copy_tree, eventually, fixture, spawn_app_with, texts};

/// A content tree and a database directory, and a way to start the real
/// server on them with any database URL.
pub(crate) struct Site {
    pub(crate) dir: TempDir,
}

impl Site {
    pub(crate) async fn new() -> Self {
        let dir = TempDir::new().unwrap();
        copy_tree(&fixture("site"), &dir.path().join("content"));
        Self { dir }
    }

    pub(crate) fn db_path(&self) -> PathBuf {
        self.dir.path().join("site.db")
    }

    pub(crate) fn db_url(&self) -> String {
        format!("sqlite://{}", self.db_path().display())
    }

    fn settings(&self, database_url: &str) -> Settings {
        Settings {
            bind: "127.0.0.1:0".into(),
            content_dir: self.dir.path().join("content"),
            wage_data_dir: fixture("oews"),
            projections_data_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bls-ep-2024-34"),
            onet_data_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/onet-30.1-skills"),
            metro_data_dir: fixture("oews-metro"),
            static_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("static"),
            database_url: database_url.into(),
            base_url: None,
            watch: false,
            drafts: false,
            page_cache_mb: 16,
            sqlite_mmap_mb: 0,
        }
    }

    /// Builds and runs the server; returns its address.
    pub(crate) async fn start(&self, database_url: &str) -> String {
        let app = Application::build(self.settings(database_url))
            .await
            .expect("the app builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

    /// A complete, good database file, as a previous run leaves it.
    async fn write_good_database(&self) {
        let pool = career_guide::db::connect(&self.db_url(), 0).await.unwrap();
        let outcome = career_guide::publish::publish(&pool, &self.dir.path().join("content"))
            .await
            .unwrap();
        assert!(matches!(
            outcome,
            career_guide::publish::Outcome::Published { .. }
        ));
        pool.close().await;
    }

    fn moved_aside(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("site.db.damaged-"))
            .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
            .collect()
    }
}

/// The site serves the full fixture content: published, not half-synced.
async fn assert_serves_content(address: &str, case: &str) {
    for (path, status) in [
        ("/readyz", 200),
        ("/roles/manual-tester", 200),
        ("/categories/testing", 200),
        ("/roles/no-such-role", 404),
    ] {
        let response = reqwest::get(format!("{address}{path}")).await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{case}: GET {path}");
    }
    let roles = reqwest::get(format!("{address}/roles")).await.unwrap();
    let html = scraper::Html::parse_document(&roles.text().await.unwrap());
    let names = texts(&html, "main h2, main h3");
    assert!(
        names.iter().any(|n| n.contains("Manual Tester")),
        "{case}: role list {names:?}"
    );
}

#[tokio::test]
async fn a_missing_database_is_created() {
    let site = Site::new().await;
    let address = site.start(&site.db_url()).await;
    assert_serves_content(&address, "missing").await;
    assert!(site.db_path().exists());
}

#[tokio::test]
async fn a_corrupt_database_is_moved_aside_and_rebuilt() {
    let site = Site::new().await;
    std::fs::write(
        site.db_path(),
        b"this is not an SQLite database, just junk ".repeat(200),
    )
    .unwrap();
    let address = site.start(&site.db_url()).await;
    assert_serves_content(&address, "corrupt").await;
    assert_eq!(
        site.moved_aside().len(),
        1,
        "the damaged file is kept for inspection"
    );
}

#[tokio::test]
async fn a_truncated_database_is_moved_aside_and_rebuilt() {
    let site = Site::new().await;
    site.write_good_database().await;
    let len = std::fs::metadata(site.db_path()).unwrap().len();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(site.db_path())
        .unwrap();
    file.set_len(len / 3).unwrap();
    drop(file);
    let address = site.start(&site.db_url()).await;
    assert_serves_content(&address, "truncated").await;
    assert_eq!(site.moved_aside().len(), 1);
}

#[tokio::test]
async fn a_database_with_a_damaged_table_page_is_moved_aside_and_rebuilt() {
    let site = Site::new().await;
    site.write_good_database().await;
    // The top page of the duties table: no migration reads it, and a start
    // trusts the rows of unchanged files without reading them.
    let mut conn = sqlx::SqliteConnection::connect(&site.db_url())
        .await
        .unwrap();
    let page_size: i64 = sqlx::query_scalar("PRAGMA page_size")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let root: i64 =
        sqlx::query_scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'role_duties'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    conn.close().await.unwrap();
    let mut bytes = std::fs::read(site.db_path()).unwrap();
    let start = usize::try_from((root - 1) * page_size).unwrap();
    bytes[start..start + 64].fill(0xA5);
    std::fs::write(site.db_path(), bytes).unwrap();

    let address = site.start(&site.db_url()).await;
    assert_serves_content(&address, "damaged page").await;
    assert_eq!(site.moved_aside().len(), 1);
}

#[tokio::test]
async fn a_read_only_database_is_left_alone_and_the_site_built_in_memory() {
    let site = Site::new().await;
    site.write_good_database().await;
    let before = std::fs::read(site.db_path()).unwrap();
    // `mode=ro` opens the file the way SQLite opens a write-protected file
    // (file permissions would not stop the root user tests may run as).
    let address = site.start(&format!("{}?mode=ro", site.db_url())).await;
    assert_serves_content(&address, "read-only").await;
    assert_eq!(
        std::fs::read(site.db_path()).unwrap(),
        before,
        "the file is untouched"
    );
    assert!(site.moved_aside().is_empty());
}

#[tokio::test]
async fn a_database_locked_by_another_process_is_left_alone() {
    let site = Site::new().await;
    site.write_good_database().await;
    let mut holder = sqlx::SqliteConnection::connect(&site.db_url())
        .await
        .unwrap();
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut holder)
        .await
        .unwrap();
    // Start-up waits out the lock's busy timeout, then builds in memory.
    let address = site.start(&site.db_url()).await;
    assert_serves_content(&address, "locked").await;
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
    assert!(site.moved_aside().is_empty());
}

/// A publish whose database write fails (as on a full disk) changes nothing
/// that is served; the next good publish goes through.
#[tokio::test]
async fn a_failed_write_during_a_publish_keeps_the_previous_content() {
    let app = spawn_app_with(Options {
        watch: true,
        ..Options::default()
    })
    .await;
    let failed_before = failed_publishes(&app).await;
    for statement in [
        "CREATE TRIGGER full_disk_insert BEFORE INSERT ON roles
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
        "CREATE TRIGGER full_disk_update BEFORE UPDATE ON roles
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    ] {
        sqlx::query(statement)
            .execute(&app.state.pool)
            .await
            .unwrap();
    }
    let file = app.content_dir.join("roles/manual-tester.md");
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
    eventually("a failed publish", async || {
        failed_publishes(&app).await > failed_before
    })
    .await;
    let page = app.page("/roles/manual-tester").await;
    assert_eq!(
        texts(&page, "h1"),
        ["Manual Tester"],
        "the previous content stays live"
    );
    assert_eq!(app.get("/readyz").await.status(), 200);

    for statement in [
        "DROP TRIGGER full_disk_insert",
        "DROP TRIGGER full_disk_update",
    ] {
        sqlx::query(statement)
            .execute(&app.state.pool)
            .await
            .unwrap();
    }
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap() + "\n").unwrap();
    eventually("the fixed write live", async || {
        texts(&app.page("/roles/manual-tester").await, "h1") == ["Manual QA Tester"]
    })
    .await;
}

async fn failed_publishes(app: &crate::helpers::TestApp) -> u64 {
    let text = app.text("/metrics").await;
    text.lines()
        .find_map(|l| l.strip_prefix(r#"career_guide_publish_errors_total{kind="failed"} "#))
        .and_then(|v| v.parse().ok())
        .expect("the failed-publish counter")
}
