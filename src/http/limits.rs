//! Request size limits and the server's connection limits and timeouts.
//!
//! No route takes a request body, and no page needs a long address or large
//! headers, so anything far past what a browser sends is refused early with a
//! clear status and the usual error page: 414 for a long address or query,
//! 431 for large headers, 413 for a body. (Past actix-http's own hard limits,
//! 96 headers or a 128 KiB head, the framework answers a plain 431 itself.)
use std::time::Duration;

use actix_web::dev::ServiceRequest;
use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_LENGTH;

/// Path and query together. Real addresses here are well under 200 bytes.
pub const MAX_URI_BYTES: usize = 2048;
pub const MAX_QUERY_BYTES: usize = 1024;
/// Names and values of all headers together; browsers send 1-4 KiB.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
pub const MAX_HEADER_COUNT: usize = 64;
/// Declared body size.
pub const MAX_BODY_BYTES: u64 = 16 * 1024;

/// How long a client may take to send a request's head: a slowloris client
/// trickling headers is cut off after this.
pub const REQUEST_HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// An idle keep-alive connection is closed after this.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Open connections per worker thread: a bound on file descriptors and
/// memory, whatever clients do. Past it, new connections wait in the
/// listen backlog.
pub const MAX_CONNECTIONS_PER_WORKER: usize = 1024;
/// On SIGTERM or SIGINT: stop accepting, and give in-flight requests this
/// long to finish before their connections are closed.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The status a request is refused with, if any. Checked by the outermost
/// layer ([`super::front`]) before any page work, the page cache included.
pub fn refusal(req: &ServiceRequest) -> Option<StatusCode> {
    let uri = req.uri();
    let query_len = uri.query().map_or(0, str::len);
    if query_len > MAX_QUERY_BYTES || uri.path().len() + query_len > MAX_URI_BYTES {
        return Some(StatusCode::URI_TOO_LONG);
    }
    let headers = req.headers();
    let header_bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > MAX_HEADER_COUNT || header_bytes > MAX_HEADER_BYTES {
        return Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    }
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > MAX_BODY_BYTES) {
        return Some(StatusCode::PAYLOAD_TOO_LARGE);
    }
    None
}
