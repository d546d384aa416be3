//! One error type for every handler, mapped to a status and an HTML page.
//! Internal causes are logged with the request's span, never shown.
use actix_web::http::StatusCode;
use actix_web::http::header::{CacheControl, CacheDirective, ContentType};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::views::{Layout, SITE_NAME};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("page not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("template rendering failed")]
    Render(#[from] askama::Error),
    #[error("encoding a JSON alternate failed")]
    Encode(#[from] serde_json::Error),
}

/// A URL segment that is not a well-formed slug or SOC code names no page.
impl From<crate::domain::SlugError> for AppError {
    fn from(e: crate::domain::SlugError) -> Self {
        tracing::debug!(error = %e, "not a slug");
        AppError::NotFound
    }
}

impl From<crate::datasets::oews::SocCodeError> for AppError {
    fn from(e: crate::datasets::oews::SocCodeError) -> Self {
        tracing::debug!(error = %e, "not a SOC code");
        AppError::NotFound
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    status: u16,
    heading: &'a str,
    message: &'a str,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, cause = ?self, "request failed");
        }
        match self {
            // Written for the reader: what was wrong and what is accepted.
            AppError::BadRequest(message) => error_page_saying(status, Some(message)),
            _ => error_page(status),
        }
    }
}

/// The styled error page for `status`, with a plain-text fallback should the
/// page itself fail to render.
pub fn error_page(status: StatusCode) -> HttpResponse {
    error_page_saying(status, None)
}

/// The error page for `status`, with `detail` (a message for the reader)
/// in place of the generic one.
fn error_page_saying(status: StatusCode, detail: Option<&str>) -> HttpResponse {
    let (heading, generic) = match status {
        StatusCode::NOT_FOUND => (
            "Page not found",
            "There is no page at this address. It may have moved, or the link may be mistyped.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "Method not allowed",
            "This address does not accept that kind of request.",
        ),
        StatusCode::URI_TOO_LONG => (
            "Address too long",
            "This address is longer than any page on this site.",
        ),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => (
            "Request headers too large",
            "The request carried more header data than this site accepts.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "Request too large",
            "This site does not accept request bodies of that size.",
        ),
        s if s.is_client_error() => ("Bad request", "The request could not be understood."),
        _ => (
            "Something went wrong",
            "We could not show this page just now. Please try again in a moment.",
        ),
    };
    let page = ErrorPage {
        layout: Layout::error(format!("{heading} ({}) – {SITE_NAME}", status.as_u16())),
        status: status.as_u16(),
        heading,
        message: detail.unwrap_or(generic),
    };
    let mut response = HttpResponse::build(status);
    response.insert_header(CacheControl(vec![CacheDirective::NoStore]));
    match page.render() {
        Ok(body) => response.content_type(ContentType::html()).body(body),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            response
                .content_type(ContentType::plaintext())
                .body(format!("{} {heading}", status.as_u16()))
        }
    }
}
