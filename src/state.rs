//! What every request handler can reach, built without the HTTP server so
//! that `serve`, `export` and the tests share it.
use std::sync::{PoisonError, RwLock};

use anyhow::Context;
use sqlx::SqlitePool;

use crate::assets::Assets;
use crate::config::{BaseUrl, Settings};
use crate::content::Report;
use crate::db;
use crate::page_cache::PageCache;
use crate::publish::{self, Outcome, Published};

pub struct AppState {
    pub pool: SqlitePool,
    pub settings: Settings,
    pub base_url: BaseUrl,
    pub assets: Assets,
    pub preview: Preview,
    /// The content version being served, and the publish/render lock.
    pub published: Published,
    pub pages: PageCache,
    /// Every occupation's career moves (from O*NET, OEWS and projections).
    pub moves: std::sync::Arc<crate::moves::MovesIndex>,
}

/// Editor preview (`serve --watch`): the errors of the last rejected edit.
/// Open pages reload on every new content version.
#[derive(Default)]
pub struct Preview {
    pub errors: RwLock<Option<Report>>,
}

impl Preview {
    pub fn set_errors(&self, errors: Option<Report>) {
        // A panic elsewhere while holding the lock must not stop the preview.
        *self.errors.write().unwrap_or_else(PoisonError::into_inner) = errors;
    }
}

impl AppState {
    /// Opens the database, publishes the wage data and the content, and
    /// reads the static files.
    pub async fn build(settings: Settings, base_url: BaseUrl) -> anyhow::Result<Self> {
        let (pool, opened) =
            db::recovery::open(&settings.database_url, settings.sqlite_mmap_mb).await?;
        tracing::info!(?opened, "database open");
        let (published, outcome) = publish::startup(
            &pool,
            &settings.content_dir,
            &publish::DataDirs::of(&settings),
        )
        .await?;
        // Computed from the data sets, which change only at start-up.
        let moves = crate::moves::MovesIndex::load(&pool).await?;
        let assets = Assets::load(&settings.static_dir).with_context(|| {
            format!(
                "reading static files from {}",
                settings.static_dir.display()
            )
        })?;
        crate::assets::share(&assets);
        let preview = Preview::default();
        if let Outcome::Rejected { report } = outcome {
            preview.set_errors(Some(report));
        }
        // Preview pages change with every save and show the editor's errors:
        // they are always rendered afresh.
        let pages = if settings.watch {
            PageCache::disabled()
        } else {
            PageCache::new(settings.page_cache_mb.saturating_mul(1024 * 1024))
        };
        Ok(Self {
            pool,
            settings,
            base_url,
            assets,
            preview,
            published,
            pages,
            moves,
        })
    }

    /// Publishes the content tree again (`serve --watch` on every save):
    /// the errors of a rejected edit go to the preview, and pages rendered
    /// for the previous version are dropped.
    pub async fn republish(&self) -> Result<Outcome, publish::PublishError> {
        let record = |outcome: &Result<Outcome, publish::PublishError>| match outcome {
            Ok(outcome) => {
                publish::log_outcome(outcome);
                self.preview.set_errors(match outcome {
                    Outcome::Published { .. } => None,
                    Outcome::Rejected { report } => Some(report.clone()),
                });
            }
            Err(e) => {
                tracing::error!(error = %e, cause = ?e, "re-sync failed; the previous content stays live");
            }
        };
        let outcome = self
            .published
            .republish(&self.pool, &self.settings.content_dir, record)
            .await;
        self.pages.clear();
        outcome
    }

    /// Drafts are visible only in preview.
    pub fn drafts(&self) -> bool {
        self.settings.drafts
    }
}
