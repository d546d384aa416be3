//! Logging: `RUST_LOG` sets the level (default `info`). Request spans from
//! tracing-actix-web are printed when they close, with status and latency.
//! `LOG_FORMAT=json` prints one JSON object per line (for log collectors);
//! anything else, or nothing, keeps the human-readable format.
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    // `try_init` so tests that start several servers do not panic.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::CLOSE)
        .with_target(false);
    let _ = if json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.try_init()
    };
}
