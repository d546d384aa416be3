//! Prometheus metrics, served as text at `/metrics` (the shipped nginx
//! configuration keeps that path off the public site).
//!
//! One registry per process, because Prometheus scrapes processes:
//! - requests by route pattern (`/roles/{slug}`, not the raw path, so the
//!   number of series stays bounded) and status, with a latency histogram;
//! - the content version (publishes that went live in this process), the
//!   time of the last one, and publish errors by kind;
//! - page cache hits and misses: a page cache calls [`page_cache_hit`] and
//!   [`page_cache_miss`] on each lookup; both stay 0 without one.
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

use crate::publish::{Outcome, PublishError};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    /// Per bucket, not cumulative; summed when rendered.
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_secs: f64,
}

#[derive(Default)]
struct Registry {
    routes: Mutex<BTreeMap<String, RouteStats>>,
    content_version: AtomicU64,
    published_at: AtomicU64,
    rejected: AtomicU64,
    failed: AtomicU64,
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::default);

/// A page was served from the page cache.
pub fn page_cache_hit() {
    REGISTRY.cache_hits.fetch_add(1, Ordering::Relaxed);
}

/// A page had to be rendered (and was then cached).
pub fn page_cache_miss() {
    REGISTRY.cache_misses.fetch_add(1, Ordering::Relaxed);
}

/// Records the result of one publish: a new version went live, the content
/// was rejected (errors in files), or writing it failed.
pub fn record_publish(result: &Result<Outcome, PublishError>) {
    match result {
        Ok(Outcome::Published { .. }) => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            REGISTRY.published_at.store(now, Ordering::Relaxed);
            REGISTRY.content_version.fetch_add(1, Ordering::Relaxed);
        }
        Ok(Outcome::Rejected { .. }) => {
            REGISTRY.rejected.fetch_add(1, Ordering::Relaxed);
        }
        Err(_) => {
            REGISTRY.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Middleware: counts each response by route and status, and times it.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let start = Instant::now();
    let res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    observe(route, res.status().as_u16(), start.elapsed().as_secs_f64());
    Ok(res)
}

fn observe(route: String, status: u16, secs: f64) {
    let mut routes = REGISTRY
        .routes
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let stats = routes.entry(route).or_default();
    *stats.by_status.entry(status).or_default() += 1;
    if let Some(i) = BUCKETS.iter().position(|&bound| secs <= bound) {
        stats.buckets[i] += 1;
    }
    stats.count += 1;
    stats.sum_secs += secs;
}

/// `GET /metrics`.
pub async fn show() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .body(render())
}

/// The registry in the Prometheus text exposition format.
pub fn render() -> String {
    let r = &*REGISTRY;
    let mut out = String::new();
    let routes = r.routes.lock().unwrap_or_else(PoisonError::into_inner);

    out.push_str(
        "# HELP career_guide_http_requests_total HTTP responses by route pattern and status.\n",
    );
    out.push_str("# TYPE career_guide_http_requests_total counter\n");
    for (route, stats) in routes.iter() {
        for (status, n) in &stats.by_status {
            let _ = writeln!(
                out,
                "career_guide_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                label(route)
            );
        }
    }

    out.push_str("# HELP career_guide_http_request_duration_seconds Time to produce a response, by route pattern.\n");
    out.push_str("# TYPE career_guide_http_request_duration_seconds histogram\n");
    for (route, stats) in routes.iter() {
        let route = label(route);
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(stats.buckets) {
            cumulative += n;
            let _ = writeln!(
                out,
                "career_guide_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
            );
        }
        let _ = writeln!(
            out,
            "career_guide_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
            stats.count
        );
        let _ = writeln!(
            out,
            "career_guide_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
            stats.sum_secs
        );
        let _ = writeln!(
            out,
            "career_guide_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
            stats.count
        );
    }
    drop(routes);

    let gauges = [
        (
            "career_guide_content_version",
            "gauge",
            "Content publishes that went live since the process started.",
            r.content_version.load(Ordering::Relaxed),
        ),
        (
            "career_guide_content_published_timestamp_seconds",
            "gauge",
            "Unix time of the last publish that went live.",
            r.published_at.load(Ordering::Relaxed),
        ),
        (
            "career_guide_page_cache_hits_total",
            "counter",
            "Pages served from the page cache.",
            r.cache_hits.load(Ordering::Relaxed),
        ),
        (
            "career_guide_page_cache_misses_total",
            "counter",
            "Pages rendered because the page cache did not hold them.",
            r.cache_misses.load(Ordering::Relaxed),
        ),
    ];
    for (name, kind, help, value) in gauges {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
        );
    }
    out.push_str("# HELP career_guide_publish_errors_total Publishes that did not go live: content with errors (rejected) or a failed database write (failed).\n");
    out.push_str("# TYPE career_guide_publish_errors_total counter\n");
    let _ = writeln!(
        out,
        "career_guide_publish_errors_total{{kind=\"rejected\"}} {}",
        r.rejected.load(Ordering::Relaxed)
    );
    let _ = writeln!(
        out,
        "career_guide_publish_errors_total{{kind=\"failed\"}} {}",
        r.failed.load(Ordering::Relaxed)
    );
    out
}

/// Route patterns are ours, but escape as the format requires anyway.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative_and_counts_match() {
        observe("/unit-test/{x}".into(), 200, 0.003);
        observe("/unit-test/{x}".into(), 404, 7.0);
        let text = render();
        assert!(text.contains(
            "career_guide_http_requests_total{route=\"/unit-test/{x}\",status=\"404\"} 1"
        ));
        assert!(text.contains(
            "career_guide_http_request_duration_seconds_bucket{route=\"/unit-test/{x}\",le=\"0.005\"} 1"
        ));
        assert!(text.contains(
            "career_guide_http_request_duration_seconds_bucket{route=\"/unit-test/{x}\",le=\"+Inf\"} 2"
        ));
    }
}
