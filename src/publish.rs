//! Publishing: everything a page depends on (content files and wage data)
//! reaches the database only through here, and every publish makes a new
//! [`ContentVersion`]. Content is loaded and checked first and synced only
//! when nothing is broken, so the last good content keeps being served.
pub mod version;

use std::path::{Path, PathBuf};
use std::time::Instant;

use sqlx::SqlitePool;
use time::OffsetDateTime;
use tokio::sync::mpsc;
use tokio::sync::{RwLock, RwLockReadGuard, watch};
use tokio::task::JoinHandle;

use crate::content::loader::{self, Loaded};
use crate::content::{Report, Role};
use crate::datasets::oews;
use crate::datasets::projections;
use crate::db::content_files;
use crate::db::sync::{SyncStats, SyncWriter};
use crate::metrics::PublishResult;
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
    data: &DataDirs<'_>,
) -> anyhow::Result<(Published, Outcome)> {
    let loading = Loading::start(pool, content_dir).await?;
    load_wages(pool, data.wages).await?;
    load_projections(pool, data.projections).await?;
    load_onet(pool, data.onet).await?;
    let outcome = loading.sync(pool).await;
    // After the content: parsing the metro file beside the content's two
    // parsing threads slowed both and raised the peak memory (both measured
    // in docs/benchmarks.md).
    load_metros(pool, data.metros).await?;
    report(&outcome);
    let outcome = outcome?;
    log_outcome(&outcome);
    let version = ContentVersion::read(pool, 0).await?;
    Ok((Published::new(version), outcome))
}

/// Where the public data sets are.
pub struct DataDirs<'a> {
    pub wages: &'a Path,
    pub projections: &'a Path,
    pub onet: &'a Path,
    pub metros: &'a Path,
}

impl<'a> DataDirs<'a> {
    pub fn of(settings: &'a crate::config::Settings) -> Self {
        Self {
            wages: &settings.wage_data_dir,
            projections: &settings.projections_data_dir,
            onet: &settings.onet_data_dir,
            metros: &settings.metro_data_dir,
        }
    }
}

/// Imports one data set when its files changed. A broken file never
/// half-loads (each import is one transaction): if an earlier import is in
/// the database the site keeps serving it and logs why; with nothing to
/// serve it does not start.
async fn load<T: std::fmt::Debug, E: Into<anyhow::Error>>(
    what: &str,
    dir: &Path,
    imported: Result<T, E>,
    has_earlier_import: impl std::future::Future<Output = Result<bool, sqlx::Error>>,
) -> anyhow::Result<()> {
    match imported {
        Ok(outcome) => {
            tracing::info!(?outcome, "{what} ready");
            Ok(())
        }
        Err(e) if has_earlier_import.await? => {
            tracing::error!(
                error = format!("{:#}", e.into()),
                "{what} not updated; serving the previous import"
            );
            Ok(())
        }
        Err(e) => Err(e
            .into()
            .context(format!("loading {what} from {}", dir.display()))),
    }
}

async fn load_wages(pool: &SqlitePool, dir: &Path) -> anyhow::Result<()> {
    let imported = oews::import_if_changed(pool, dir).await;
    if imported.is_ok() {
        crate::db::checkpoint_soon(pool);
    }
    load("wage data", dir, imported, oews::has_imported_data(pool)).await
}

async fn load_projections(pool: &SqlitePool, dir: &Path) -> anyhow::Result<()> {
    let imported = projections::import_if_changed(pool, dir).await;
    load(
        "employment projections",
        dir,
        imported,
        projections::has_imported_data(pool),
    )
    .await
}

async fn load_onet(pool: &SqlitePool, dir: &Path) -> anyhow::Result<()> {
    let imported = crate::datasets::onet::import_if_changed(pool, dir).await;
    load(
        "O*NET ratings",
        dir,
        imported,
        crate::datasets::onet::has_imported_data(pool),
    )
    .await
}

async fn load_metros(pool: &SqlitePool, dir: &Path) -> anyhow::Result<()> {
    let imported = oews::metro::import_if_changed(pool, dir).await;
    load(
        "metro wage data",
        dir,
        imported,
        oews::metro::has_imported_data(pool),
    )
    .await
}

/// Tells the metrics how a publish ended.
fn report(result: &Result<Outcome, PublishError>) {
    crate::metrics::record_publish(match result {
        Ok(Outcome::Published { .. }) => PublishResult::Published,
        Ok(Outcome::Rejected { .. }) => PublishResult::Rejected,
        Err(_) => PublishResult::Failed,
    });
}

pub async fn publish(pool: &SqlitePool, content_dir: &Path) -> Result<Outcome, PublishError> {
    let result = match Loading::start(pool, content_dir).await {
        Ok(loading) => loading.sync(pool).await,
        Err(e) => Err(e),
    };
    report(&result);
    result
}

/// Parsed roles waiting to be written: enough to keep the database busy,
/// few enough that the tree is never held whole.
const QUEUE_BATCHES: usize = 16;

/// A content tree being read on the blocking threads; its roles arrive in
/// batches while the checks across files wait for the last file.
struct Loading {
    roles: mpsc::Receiver<Vec<Role>>,
    done: JoinHandle<Loaded>,
    started: Instant,
}

impl Loading {
    /// Starts reading the tree; files unchanged since the last publish are
    /// not parsed again.
    async fn start(pool: &SqlitePool, content_dir: &Path) -> Result<Self, PublishError> {
        let started = Instant::now();
        let known = content_files::known(pool).await?;
        let (sender, roles) = mpsc::channel(QUEUE_BATCHES);
        let dir: PathBuf = content_dir.to_owned();
        let today = OffsetDateTime::now_utc().date();
        let done = tokio::task::spawn_blocking(move || {
            loader::load(&dir, today, &known, &|batch| {
                // The receiver is gone only when the publish has failed.
                let _ = sender.blocking_send(batch);
            })
        });
        Ok(Self {
            roles,
            done,
            started,
        })
    }

    /// Writes the roles as they arrive, then, when every file is checked
    /// and none has errors, the rest, and commits. With errors the
    /// transaction is dropped and the database keeps the previous content.
    async fn sync(mut self, pool: &SqlitePool) -> Result<Outcome, PublishError> {
        let mut writer = SyncWriter::begin(pool).await?;
        let mut failed = None;
        while let Some(roles) = self.roles.recv().await {
            // After a failed write the rest is only drained, so that the
            // loader is never left waiting on a full queue.
            if failed.is_none()
                && let Err(e) = writer.write_roles(&roles).await
            {
                failed = Some(e);
            }
        }
        let loaded = self.done.await?;
        let parsed_and_written = self.started.elapsed();
        if let Some(e) = failed {
            return Err(e.into());
        }
        if loaded.report.has_errors() {
            return Ok(Outcome::Rejected {
                report: loaded.report,
            });
        }
        let stats = writer.finish(&loaded).await?;
        crate::db::checkpoint_soon(pool);
        // Where a slow publish spends its time: the files (read, parsed,
        // checked, their roles written as they come), then the rest of the
        // sync and the commit.
        tracing::debug!(
            files_ms = parsed_and_written.as_millis() as u64,
            finish_ms = (self.started.elapsed() - parsed_and_written).as_millis() as u64,
            "publish phases"
        );
        tracing::info!(
            files = loaded.file_count,
            parsed = loaded.parsed.len(),
            written_roles = stats.written_roles,
            ms = self.started.elapsed().as_millis() as u64,
            "content read, checked and synced"
        );
        Ok(Outcome::Published {
            stats,
            report: loaded.report,
        })
    }
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
