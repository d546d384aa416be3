//! Editor preview (`serve --watch` only): a server-sent-events stream that
//! announces every re-sync, and the script that reloads the open page on one.
//! Never registered in production, so these paths are 404 there.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::HttpResponse;
use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header::{CacheControl, CacheDirective, ContentEncoding};
use actix_web::web::{self, Bytes};
use tokio::sync::watch;

use crate::publish::ContentVersion;
use crate::state::AppState;

pub const EVENTS_PATH: &str = "/__preview/events";
pub const RELOAD_JS_PATH: &str = "/__preview/reload.js";

/// A comment line this often lets the server notice pages that were closed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The first event tells the page the generation it was rendered at (nearly);
/// any later, different one means the content changed. A reconnect after a
/// server restart gets a different number too, so the page reloads then.
const RELOAD_JS: &str = r#"// Editor preview: reload when the content is re-synced.
(() => {
  let seen = null;
  const events = new EventSource("/__preview/events");
  events.onmessage = (event) => {
    if (seen !== null && event.data !== seen) location.reload();
    seen = event.data;
  };
})();
"#;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(EVENTS_PATH, web::get().to(events))
        .route(RELOAD_JS_PATH, web::get().to(reload_js));
}

async fn reload_js() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .body(RELOAD_JS)
}

async fn events(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        // The compression middleware buffers, which would hold events back.
        .insert_header(ContentEncoding::Identity)
        .body(GenerationEvents::new(state.published.subscribe()))
}

type Versions = watch::Receiver<ContentVersion>;
type NextFrame = Pin<Box<dyn Future<Output = Option<(Bytes, Versions)>>>>;

/// `data: <version number>` now and after every change, until the server stops.
struct GenerationEvents {
    next: Option<NextFrame>,
}

impl GenerationEvents {
    fn new(mut rx: Versions) -> Self {
        let first = Box::pin(async move {
            let generation = rx.borrow_and_update().number;
            Some((frame(generation), rx))
        });
        Self { next: Some(first) }
    }
}

fn frame(generation: u64) -> Bytes {
    Bytes::from(format!("data: {generation}\n\n"))
}

/// Waits for the next change, or sends a comment line after a quiet while.
async fn next_frame(mut rx: Versions) -> Option<(Bytes, Versions)> {
    match tokio::time::timeout(KEEP_ALIVE, rx.changed()).await {
        Ok(Ok(())) => {
            let generation = rx.borrow_and_update().number;
            Some((frame(generation), rx))
        }
        // The sender is gone: the server is shutting down.
        Ok(Err(_)) => None,
        Err(_) => Some((Bytes::from_static(b": keep-alive\n\n"), rx)),
    }
}

impl MessageBody for GenerationEvents {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        let Some(next) = this.next.as_mut() else {
            return Poll::Ready(None);
        };
        match next.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some((bytes, rx))) => {
                this.next = Some(Box::pin(next_frame(rx)));
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(None) => {
                this.next = None;
                Poll::Ready(None)
            }
        }
    }
}
