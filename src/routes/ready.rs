//! Readiness, separate from liveness (`/healthz`): a load balancer sends
//! traffic only to an instance that has content to serve and is not
//! shutting down.
use actix_web::{HttpResponse, web};

use crate::state::AppState;

/// 200 when the database is open and holds published content; 503 before
/// that, when the database does not answer, and while draining for shutdown.
pub async fn check(state: web::Data<AppState>) -> HttpResponse {
    let reason = if crate::signals::draining() {
        Some("shutting down")
    } else {
        match has_content(&state.pool).await {
            Ok(true) => None,
            Ok(false) => Some("no content published yet"),
            Err(e) => {
                tracing::error!(error = %e, "readiness check: database did not answer");
                Some("database unavailable")
            }
        }
    };
    let mut response = match reason {
        None => HttpResponse::Ok(),
        Some(_) => HttpResponse::ServiceUnavailable(),
    };
    response
        .content_type("text/plain; charset=utf-8")
        .insert_header(("cache-control", "no-store"))
        .body(reason.unwrap_or("ready"))
}

/// The read model has content once a publish went through (here or in an
/// earlier run against the same database file).
async fn has_content(pool: &sqlx::SqlitePool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM categories)")
        .fetch_one(pool)
        .await
}
