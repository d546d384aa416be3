//! Process signals besides the ones actix-web handles itself (SIGTERM and
//! SIGINT stop the server gracefully: no new connections, in-flight requests
//! finish within `http::limits::SHUTDOWN_GRACE`).
//!
//! - SIGHUP re-reads `content/` and publishes it, the production counterpart
//!   of `serve --watch`: content with errors is rejected and the previous
//!   content stays live.
//! - SIGTERM and SIGINT also mark the process as draining, so `/readyz`
//!   answers 503 while the last requests finish.
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::web;
use tokio::signal::unix::{SignalKind, signal};

use crate::state::AppState;

static DRAINING: AtomicBool = AtomicBool::new(false);

/// Whether a stop signal was received.
pub fn draining() -> bool {
    DRAINING.load(Ordering::Relaxed)
}

/// Spawns the signal listeners on the current runtime. Each listener ends
/// with the runtime.
pub fn spawn(state: web::Data<AppState>) -> std::io::Result<()> {
    let mut hangup = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        while hangup.recv().await.is_some() {
            tracing::info!("SIGHUP: re-reading the content");
            crate::watch::republish(&state).await;
        }
    });
    for kind in [SignalKind::terminate(), SignalKind::interrupt()] {
        let mut stop = signal(kind)?;
        tokio::spawn(async move {
            if stop.recv().await.is_some() {
                tracing::info!("stop signal received: draining");
                DRAINING.store(true, Ordering::Relaxed);
            }
        });
    }
    Ok(())
}
