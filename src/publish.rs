//! Content files -> database: load and check every file, and sync only when
//! nothing is broken, so the last good content keeps being served.
use std::path::{Path, PathBuf};

use sqlx::SqlitePool;
use time::OffsetDateTime;

use crate::content::{self, Report};
use crate::db::sync::{SyncStats, sync_site};

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

pub async fn publish(pool: &SqlitePool, content_dir: &Path) -> Result<Outcome, PublishError> {
    let result = load_and_sync(pool, content_dir).await;
    crate::metrics::record_publish(&result);
    result
}

async fn load_and_sync(pool: &SqlitePool, content_dir: &Path) -> Result<Outcome, PublishError> {
    let dir: PathBuf = content_dir.to_owned();
    let today = OffsetDateTime::now_utc().date();
    let (site, report) = tokio::task::spawn_blocking(move || content::load(&dir, today)).await?;
    if report.has_errors() {
        return Ok(Outcome::Rejected { report });
    }
    let stats = sync_site(pool, &site).await?;
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
