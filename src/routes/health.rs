use actix_web::{HttpResponse, web};

use crate::db::queries;
use crate::state::AppState;

/// 200 when the database answers, 503 when it does not.
pub async fn check(state: web::Data<AppState>) -> HttpResponse {
    match queries::ping(&state.pool).await {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database did not answer");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
    }
}
