//! Logging: `RUST_LOG` sets the level (default `info`). Each request is
//! logged once answered, as one event with its request id, method, target,
//! route, status and latency (see `http::front`); what is logged while a
//! request is handled carries its request id through the request's span.
//! Spans are not printed themselves: the request's event already says all
//! their closing line would.
//! `LOG_FORMAT=json` prints one JSON object per line (for log collectors);
//! anything else, or nothing, keeps the human-readable format.
//! Lines go through a non-blocking writer: a request thread only queues its
//! line, and a dedicated thread writes to stdout, so a slow terminal or pipe
//! never holds up a response.
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Keep the guard until exit: dropping it flushes the queued lines.
/// `default_level` applies when `RUST_LOG` is not set.
pub fn init(default_level: &str) -> WorkerGuard {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let (writer, guard) = tracing_appender::non_blocking(std::io::stdout());
    // `try_init` so tests that start several servers do not panic.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(writer);
    let _ = if json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.try_init()
    };
    guard
}
