//! `serve --watch`: re-publishes the content tree whenever a file in it
//! changes. A broken edit is rejected by `publish`, so the database (and the
//! site) keep the last good content while the errors are shown in preview.
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use actix_web::web;
use notify_debouncer_full::file_id::{FileId, get_file_id};
use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::mpsc;

use crate::state::AppState;

/// Editors write a file in several steps (temp file, rename, metadata);
/// wait for the burst to settle before loading the tree.
pub const DEBOUNCE: Duration = Duration::from_millis(200);
/// How often to look for the content directory while it is missing.
const ROOT_POLL: Duration = Duration::from_millis(500);

type FsDebouncer = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Keeps the watch alive: dropping it stops watching, and the re-sync task
/// ends once the last pending event is handled.
pub struct ContentWatcher {
    _debouncer: Arc<Mutex<FsDebouncer>>,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot watch the content directory {}", path.display())]
pub struct WatchError {
    path: PathBuf,
    #[source]
    source: notify::Error,
}

/// Starts watching `state.settings.content_dir` recursively and spawns the
/// task that re-publishes on every debounced batch of changes.
pub fn start(state: web::Data<AppState>) -> Result<ContentWatcher, WatchError> {
    let dir = state.settings.content_dir.clone();
    let failed = |source| WatchError {
        path: dir.clone(),
        source,
    };
    let (tx, rx) = mpsc::unbounded_channel();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |batch: DebounceEventResult| {
        // The receiver is gone only when the server is shutting down.
        let _ = tx.send(batch);
    })
    .map_err(failed)?;
    debouncer
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(failed)?;
    let root = Root {
        watched: get_file_id(&dir).ok(),
        path: dir,
    };
    let debouncer = Arc::new(Mutex::new(debouncer));
    tokio::spawn(resync_loop(state, rx, Arc::downgrade(&debouncer), root));
    Ok(ContentWatcher {
        _debouncer: debouncer,
    })
}

async fn resync_loop(
    state: web::Data<AppState>,
    mut rx: mpsc::UnboundedReceiver<DebounceEventResult>,
    debouncer: Weak<Mutex<FsDebouncer>>,
    mut root: Root,
) {
    loop {
        let mut changed = if root.watched.is_some() {
            match rx.recv().await {
                Some(batch) => is_relevant(&batch),
                None => return,
            }
        } else {
            // No directory, no events: look for it to come back.
            tokio::select! {
                batch = rx.recv() => match batch {
                    Some(batch) => is_relevant(&batch),
                    None => return,
                },
                () = tokio::time::sleep(ROOT_POLL) => false,
            }
        };
        // Batches that queued up while the last publish ran are covered by
        // this one publish, which reads the whole tree.
        while let Ok(batch) = rx.try_recv() {
            changed |= is_relevant(&batch);
        }
        changed |= root.refresh(&debouncer).await;
        if changed {
            republish(&state).await;
        }
    }
}

/// Publishes the tree; the outcome is logged and kept for preview pages.
pub async fn republish(state: &AppState) {
    let _ = state.republish().await;
}

/// Whether a batch can change what the loader reads. Reads (our own, while
/// publishing) and metadata changes cannot; neither can editors' swap and
/// backup files, which the loader skips too.
fn is_relevant(batch: &DebounceEventResult) -> bool {
    let events = match batch {
        Ok(events) => events,
        Err(errors) => {
            for e in errors {
                tracing::warn!(error = %e, "content watcher error; re-reading the content");
            }
            return true;
        }
    };
    events.iter().any(|event| {
        let kind_matters = match event.kind {
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
            EventKind::Other => event.need_rescan(),
            _ => true,
        };
        kind_matters && (event.need_rescan() || event.paths.iter().any(|p| is_content_path(p)))
    })
}

/// A markdown file, or something that may be a directory (no extension).
fn is_content_path(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if crate::content::site::is_editor_litter(name) {
        return false;
    }
    match Path::new(name).extension() {
        Some(ext) => ext == "md",
        None => true,
    }
}

/// The watched content directory and the identity of the directory the
/// watch is on. Deleting the directory ends the watch; moving it away leaves
/// the watch on the moved directory. Either way, a directory created later
/// at the same path needs a new watch.
struct Root {
    path: PathBuf,
    watched: Option<FileId>,
}

impl Root {
    /// Re-establishes the watch when the directory at `path` is no longer the
    /// one watched. Returns true when it changed (so the tree is re-read).
    async fn refresh(&mut self, debouncer: &Weak<Mutex<FsDebouncer>>) -> bool {
        let current = get_file_id(&self.path).ok();
        if current == self.watched {
            return false;
        }
        let Some(debouncer) = debouncer.upgrade() else {
            return false;
        };
        let path = self.path.clone();
        let rewatch = tokio::task::spawn_blocking(move || {
            let mut debouncer = debouncer.lock().unwrap_or_else(PoisonError::into_inner);
            // The old watch may already be gone with its directory.
            let _ = debouncer.unwatch(&path);
            match current {
                Some(_) => debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map(|()| current),
                None => Ok(None),
            }
        })
        .await;
        self.watched = match rewatch {
            Ok(Ok(id)) => {
                if id.is_some() {
                    tracing::info!(dir = %self.path.display(), "content directory replaced; watching the new one");
                } else {
                    tracing::warn!(dir = %self.path.display(), "content directory removed; waiting for it to come back");
                }
                id
            }
            Ok(Err(e)) => {
                tracing::warn!(dir = %self.path.display(), error = %e, "cannot watch the content directory; retrying");
                None
            }
            Err(e) => {
                tracing::error!(error = %e, "content watcher task failed; retrying");
                None
            }
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::is_content_path;
    use std::path::Path;

    #[test]
    fn only_markdown_and_directories_matter() {
        assert!(is_content_path(Path::new("content/roles/x.md")));
        assert!(is_content_path(Path::new("content/roles")));
        assert!(!is_content_path(Path::new("content/roles/.x.md.swp")));
        assert!(!is_content_path(Path::new("content/roles/x.md~")));
        assert!(!is_content_path(Path::new("content/roles/x.md.tmp")));
        assert!(!is_content_path(Path::new("content/roles/notes.txt")));
    }
}
