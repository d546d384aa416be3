//! What every request handler can reach.
use std::sync::{Arc, RwLock};

use sqlx::SqlitePool;

use crate::assets::Assets;
use crate::config::{BaseUrl, Settings};
use crate::content::Report;
use crate::http::conditional::ContentClock;

pub struct AppState {
    pub pool: SqlitePool,
    pub settings: Settings,
    pub base_url: BaseUrl,
    pub assets: Arc<Assets>,
    pub preview: Preview,
    /// `Last-Modified` of every page: see `ContentClock` for why.
    pub content_clock: ContentClock,
}

/// Editor preview (`serve --watch`): the errors of the last rejected edit, and
/// a counter that goes up after every re-sync attempt, so open pages reload
/// to show either the new content or the errors that kept it out.
#[derive(Default)]
pub struct Preview {
    pub errors: RwLock<Option<Report>>,
    pub generation: tokio::sync::watch::Sender<u64>,
}

impl AppState {
    /// Drafts are visible only in preview.
    pub fn drafts(&self) -> bool {
        self.settings.drafts
    }
}
