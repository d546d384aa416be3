//! Publishing: everything a page depends on (content files and wage data)
//! reaches the database only through here, and every publish makes a new
//! [`ContentVersion`]. Content is loaded and checked first and synced only
//! when nothing is broken, so the last good content keeps being served.
pub mod version;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sqlx::SqlitePool;
use time::OffsetDateTime;
use tokio::sync::{RwLock, RwLockReadGuard, watch};
use tokio::task::{JoinError, JoinHandle};

use crate::content::{self, Report, Site};
use crate::db::sync::{SyncStats, sync_site};
use crate::oews;
pub use version::ContentVersion;

#[derive(Debug)]
pub enum Outcome {
    /// The database now holds the content; the report has warnings only.
    Published { stats: SyncStats, report: Report },
    /// Some file has errors; the database was left as it was.
    Rejected { report: Report },
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("could not write the content to the database")]
    Database(#[from] sqlx::Error),
    #[error("the content loader stopped unexpectedly")]
    Loader(#[from] tokio::task::JoinError),
}

/// The version being served, and the lock that keeps renders and publishes
/// apart: a page rendered while the database changes could mix old and new.
pub struct Published {
    version: watch::Sender<ContentVersion>,
    lock: RwLock<()>,
}

impl Published {
    pub fn new(version: ContentVersion) -> Self {
        Self {
            version: watch::Sender::new(version),
            lock: RwLock::new(()),
        }
    }

    pub fn current(&self) -> ContentVersion {
        self.version.borrow().clone()
    }

    /// The version number alone: the cheap read every cached request makes.
    pub fn number(&self) -> u64 {
        self.version.borrow().number
    }

    /// Hears of every new version (preview reloads).
    pub fn subscribe(&self) -> watch::Receiver<ContentVersion> {
        self.version.subscribe()
    }

    /// Held while a page renders: no publish writes meanwhile, so the page
    /// and the version number read under it belong together.
    pub async fn rendering(&self) -> RwLockReadGuard<'_, ()> {
        self.lock.read().await
    }

    /// Publishes the content tree again (`serve --watch`) and moves to a new
    /// version either way: open preview pages reload to show the new
    /// content or the errors that kept it out. `record` sees the outcome
    /// before the new version is announced.
    pub async fn republish(
        &self,
        pool: &SqlitePool,
        content_dir: &Path,
        record: impl FnOnce(&Result<Outcome, PublishError>),
    ) -> Result<Outcome, PublishError> {
        let _writing = self.lock.write().await;
        let outcome = publish(pool, content_dir).await;
        record(&outcome);
        let number = self.number() + 1;
        let version = match ContentVersion::read(pool, number).await {
            Ok(version) => version,
            Err(e) => {
                tracing::error!(error = %e, "reading the content dates failed; keeping the previous ones");
                ContentVersion {
                    number,
                    ..self.current()
                }
            }
        };
        self.version.send_replace(version);
        outcome
    }
}

/// Start-up: the content files are read and checked while the wage data is
/// imported (the one is work for the cores, the other for the database),
/// then the content is synced and the first version made.
pub async fn startup(
    pool: &SqlitePool,
    content_dir: &Path,
    wage_data_dir: &Path,
) -> anyhow::Result<(Published, Outcome)> {
    let loading = load(content_dir);
    load_wages(pool, wage_data_dir).await?;
    let outcome = sync_loaded(pool, loading.await).await;
    crate::metrics::record_publish(&outcome);
    let outcome = outcome?;
    log_outcome(&outcome);
    let version = ContentVersion::read(pool, 0).await?;
    Ok((Published::new(version), outcome))
}

/// Imports the wage data when its files changed. A broken file never
/// half-loads (the import is one transaction): if an earlier import is in the
/// database the site keeps serving it and logs why; with nothing to serve it
/// does not start.
async fn load_wages(pool: &SqlitePool, dir: &Path) -> anyhow::Result<()> {
    match oews::import_if_changed(pool, dir).await {
        Ok(outcome) => {
            tracing::info!(?outcome, "wage data ready");
            Ok(())
        }
        Err(e) if oews::has_imported_data(pool).await? => {
            tracing::error!(
                error = format!("{:#}", anyhow::Error::from(e)),
                "wage data not updated; serving the previous import"
            );
            Ok(())
        }
        Err(e) => {
            Err(anyhow::Error::from(e).context(format!("loading wage data from {}", dir.display())))
        }
    }
}

pub async fn publish(pool: &SqlitePool, content_dir: &Path) -> Result<Outcome, PublishError> {
    let result = sync_loaded(pool, load(content_dir).await).await;
    crate::metrics::record_publish(&result);
    result
}

/// The content tree read and checked on the blocking threads; started at
/// once, awaited when the tree is needed.
fn load(content_dir: &Path) -> JoinHandle<(Site, Report, Duration)> {
    let dir: PathBuf = content_dir.to_owned();
    let today = OffsetDateTime::now_utc().date();
    tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let (site, report) = content::load(&dir, today);
        (site, report, started.elapsed())
    })
}

async fn sync_loaded(
    pool: &SqlitePool,
    loaded: Result<(Site, Report, Duration), JoinError>,
) -> Result<Outcome, PublishError> {
    let (site, report, load_time) = loaded?;
    if report.has_errors() {
        return Ok(Outcome::Rejected { report });
    }
    let started = Instant::now();
    let stats = sync_site(pool, &site).await?;
    tracing::info!(
        files = site.file_count,
        load_ms = load_time.as_millis() as u64,
        sync_ms = started.elapsed().as_millis() as u64,
        "content read, checked and synced"
    );
    Ok(Outcome::Published { stats, report })
}

/// Logs an outcome: each diagnostic with its file and line, then a summary.
pub fn log_outcome(outcome: &Outcome) {
    match outcome {
        Outcome::Published { stats, report } => {
            for d in &report.diagnostics {
                tracing::warn!("{}", d.to_string().trim_end());
            }
            tracing::info!(
                roles = stats.roles,
                categories = stats.categories,
                removed_roles = stats.removed_roles,
                removed_categories = stats.removed_categories,
                warnings = report.warning_count(),
                "content published"
            );
        }
        Outcome::Rejected { report } => {
            for d in &report.diagnostics {
                tracing::error!("{}", d.to_string().trim_end());
            }
            tracing::error!(
                errors = report.error_count(),
                "content has errors; the previous content stays live until they are fixed"
            );
        }
    }
}
