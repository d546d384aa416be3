use std::path::{Path, PathBuf};

use actix_web::web;
use career_guide::config::{BaseUrl, Settings};
use career_guide::startup::Application;
use career_guide::state::AppState;
use scraper::{Html, Selector};
use tempfile::TempDir;

pub const BASE_URL: &str = "https://careers.test";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: web::Data<AppState>,
    /// A private copy of the fixture content; tests may edit it.
    pub content_dir: PathBuf,
    _dir: TempDir,
}

#[derive(Clone, Default)]
pub struct Options {
    pub watch: bool,
    pub drafts: bool,
    /// `None`: a small cache, as in production.
    pub page_cache_mb: Option<u64>,
    /// The content tree to copy (default: the `site` fixture).
    pub content: Option<PathBuf>,
    /// Wage data fixture under tests/fixtures (default `oews`).
    pub wages: Option<&'static str>,
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    spawn_fixtures("site", "oews", options).await
}

/// The server on other fixtures: `site` content and `oews` wage data, both
/// directories under tests/fixtures.
pub async fn spawn_fixtures(site: &str, oews: &str, options: Options) -> TestApp {
    let dir = TempDir::new().unwrap();
    let content_dir = dir.path().join("content");
    let source = options.content.clone().unwrap_or_else(|| fixture(site));
    copy_tree(&source, &content_dir);
    let database_url = format!("sqlite://{}", dir.path().join("test.db").display());
    let settings = Settings {
        bind: "127.0.0.1:0".into(),
        content_dir: content_dir.clone(),
        wage_data_dir: fixture(options.wages.unwrap_or(oews)),
        projections_data_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bls-ep-2024-34"),
        onet_data_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/onet-30.1-skills"),
        metro_data_dir: fixture("oews-metro"),
        static_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("static"),
        database_url,
        base_url: Some(BaseUrl::parse(BASE_URL).unwrap()),
        watch: options.watch,
        drafts: options.drafts,
        page_cache_mb: options.page_cache_mb.unwrap_or(16),
        sqlite_mmap_mb: 0,
    };
    let app = Application::build(settings).await.expect("the app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        state,
        content_dir,
        _dir: dir,
    }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// The body of `GET path`, whatever its status.
    pub async fn text(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("a readable body")
    }

    /// GETs `path`, asserts 200 and parses the HTML.
    pub async fn page(&self, path: &str) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        Html::parse_document(&response.text().await.unwrap())
    }
}

/// Texts of every element matching `selector`, whitespace-collapsed.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// How long a test waits for something the server does in the background
/// (a publish after an edit or a signal), polling every [`POLL`].
pub const WAIT: std::time::Duration = std::time::Duration::from_secs(20);
pub const POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// Polls `check` until it returns a value, and returns it; fails the test
/// naming `what` after [`WAIT`]. Every test that waits for the server waits
/// through this: never a fixed sleep that a slow machine would outlast.
pub async fn eventually_some<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still not {what} after {WAIT:?}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// [`eventually_some`] for a condition.
pub async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    eventually_some(what, async || check().await.then_some(())).await
}
