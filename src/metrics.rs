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
//!
//! Counting a request takes no lock and allocates nothing, as it happens on
//! every response, cached pages included: a route pattern is named once
//! ([`route`]) and then counted by its [`Route`] handle (the page cache keeps
//! the handle with each page), in fixed tables of atomic counters. The
//! tables are split into a few shards, one per thread in turn, so the
//! server's worker threads do not write to the same cache lines; `/metrics`
//! adds the shards up.
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU16, AtomicU64, AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CacheControl, CacheDirective};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// Route patterns the registry can tell apart: the site has about 25, so
/// this is room to spare. Past it, further patterns share the last slot,
/// labelled `other`, rather than growing the tables.
const MAX_ROUTES: usize = 64;
/// Enough that the worker threads of a small server each get their own.
const SHARDS: usize = 4;
/// Statuses counted per route and shard without a lock; a route that
/// answers with more distinct statuses counts the rest in [`Registry::spill`].
const STATUS_SLOTS: usize = 8;

/// A route pattern, named once with [`route`], counted with [`observe`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route(u8);

impl Route {
    /// The pattern, as the metrics label it.
    pub fn name(self) -> &'static str {
        // A handle exists only once its name is set.
        REGISTRY.names[usize::from(self.0)]
            .get()
            .copied()
            .unwrap_or("other")
    }
}

/// One route's counters in one shard. Aligned so that two routes, or two
/// shards, never share a cache line.
#[repr(align(64))]
struct Counters {
    statuses: [StatusCount; STATUS_SLOTS],
    /// Per bucket, not cumulative; summed when rendered.
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

/// A status (0 while the slot is free) and how often it was sent.
struct StatusCount {
    status: AtomicU16,
    n: AtomicU64,
}

#[repr(align(64))]
struct Shard {
    routes: [Counters; MAX_ROUTES],
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
}

impl Counters {
    const fn new() -> Self {
        Self {
            statuses: [const {
                StatusCount {
                    status: AtomicU16::new(0),
                    n: AtomicU64::new(0),
                }
            }; STATUS_SLOTS],
            buckets: [const { AtomicU64::new(0) }; BUCKETS.len()],
            count: AtomicU64::new(0),
            sum_nanos: AtomicU64::new(0),
        }
    }

    /// Counts `status` in its slot, taking a free one the first time;
    /// `false` when every slot holds another status.
    fn add_status(&self, status: u16) -> bool {
        for slot in &self.statuses {
            let mut held = slot.status.load(Ordering::Acquire);
            if held == 0 {
                held = match slot.status.compare_exchange(
                    0,
                    status,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                ) {
                    Ok(_) => status,
                    // Taken meanwhile by another thread of this shard.
                    Err(other) => other,
                };
            }
            if held == status {
                slot.n.fetch_add(1, Ordering::Relaxed);
                return true;
            }
        }
        false
    }
}

impl Shard {
    const fn new() -> Self {
        Self {
            routes: [const { Counters::new() }; MAX_ROUTES],
            cache_hits: AtomicU64::new(0),
            cache_misses: AtomicU64::new(0),
        }
    }
}

struct Registry {
    /// Route patterns by `Route` index, filled in order; never removed.
    names: [OnceLock<&'static str>; MAX_ROUTES],
    /// Held only to name a new pattern.
    naming: Mutex<()>,
    shards: [Shard; SHARDS],
    /// Statuses beyond a route's slots, by route index and status.
    spill: Mutex<BTreeMap<(u8, u16), u64>>,
    content_version: AtomicU64,
    published_at: AtomicU64,
    rejected: AtomicU64,
    failed: AtomicU64,
}

static REGISTRY: Registry = Registry {
    names: [const { OnceLock::new() }; MAX_ROUTES],
    naming: Mutex::new(()),
    shards: [const { Shard::new() }; SHARDS],
    spill: Mutex::new(BTreeMap::new()),
    content_version: AtomicU64::new(0),
    published_at: AtomicU64::new(0),
    rejected: AtomicU64::new(0),
    failed: AtomicU64::new(0),
};

/// This thread's shard: threads take the shards in turn as they first count.
fn shard() -> &'static Shard {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SHARD: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS;
    }
    &REGISTRY.shards[SHARD.with(|i| *i)]
}

/// The handle of route `pattern`: the same handle for the same pattern, for
/// the life of the process. Looking up a known pattern takes no lock.
pub fn route(pattern: &str) -> Route {
    let known = |names: &[OnceLock<&'static str>]| {
        names
            .iter()
            .take_while(|name| name.get().is_some())
            .position(|name| name.get() == Some(&pattern))
    };
    let names = &REGISTRY.names;
    if let Some(i) = known(names) {
        return Route(i as u8);
    }
    let _naming = REGISTRY
        .naming
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    // Named by another thread while this one waited.
    if let Some(i) = known(names) {
        return Route(i as u8);
    }
    let last = MAX_ROUTES - 1;
    let i = names
        .iter()
        .position(|name| name.get().is_none())
        .unwrap_or(last);
    let name = if i == last {
        "other"
    } else {
        Box::leak(pattern.to_owned().into_boxed_str())
    };
    let _ = names[i].set(name);
    Route(i as u8)
}

/// The label of a response no route claimed.
pub fn unmatched() -> Route {
    static UNMATCHED: LazyLock<Route> = LazyLock::new(|| route("unmatched"));
    *UNMATCHED
}

/// Counts one response of `route` and its time.
pub fn observe(route: Route, status: StatusCode, elapsed: Duration) {
    let counters = &shard().routes[usize::from(route.0)];
    let status = status.as_u16();
    if !counters.add_status(status) {
        *REGISTRY
            .spill
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry((route.0, status))
            .or_default() += 1;
    }
    let secs = elapsed.as_secs_f64();
    if let Some(i) = BUCKETS.iter().position(|&bound| secs <= bound) {
        counters.buckets[i].fetch_add(1, Ordering::Relaxed);
    }
    counters.count.fetch_add(1, Ordering::Relaxed);
    let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
    counters.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
}

/// A page was served from the page cache.
pub fn page_cache_hit() {
    shard().cache_hits.fetch_add(1, Ordering::Relaxed);
}

/// A page had to be rendered (and was then cached).
pub fn page_cache_miss() {
    shard().cache_misses.fetch_add(1, Ordering::Relaxed);
}

/// How one publish ended, as the publisher reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishResult {
    /// A new content version went live.
    Published,
    /// The content had errors; the last good version stays.
    Rejected,
    /// Writing the content failed.
    Failed,
}

/// Records the result of one publish.
pub fn record_publish(result: PublishResult) {
    let r = &REGISTRY;
    match result {
        PublishResult::Published => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            r.published_at.store(now, Ordering::Relaxed);
            r.content_version.fetch_add(1, Ordering::Relaxed);
        }
        PublishResult::Rejected => {
            r.rejected.fetch_add(1, Ordering::Relaxed);
        }
        PublishResult::Failed => {
            r.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// One route's counts, all shards added up.
#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_nanos: u64,
}

/// Every route counted so far, by pattern.
fn route_stats() -> BTreeMap<&'static str, RouteStats> {
    let r = &REGISTRY;
    let mut routes = BTreeMap::new();
    for (i, name) in r.names.iter().enumerate() {
        let Some(&name) = name.get() else { break };
        let mut stats = RouteStats::default();
        for shard in &r.shards {
            let counters = &shard.routes[i];
            for slot in &counters.statuses {
                let status = slot.status.load(Ordering::Acquire);
                let n = slot.n.load(Ordering::Relaxed);
                if status != 0 && n > 0 {
                    *stats.by_status.entry(status).or_default() += n;
                }
            }
            for (total, n) in stats.buckets.iter_mut().zip(&counters.buckets) {
                *total += n.load(Ordering::Relaxed);
            }
            stats.count += counters.count.load(Ordering::Relaxed);
            stats.sum_nanos += counters.sum_nanos.load(Ordering::Relaxed);
        }
        routes.insert(name, stats);
    }
    let spill = r.spill.lock().unwrap_or_else(PoisonError::into_inner);
    for (&(i, status), &n) in spill.iter() {
        if let Some(&name) = r.names[usize::from(i)].get()
            && let Some(stats) = routes.get_mut(name)
        {
            *stats.by_status.entry(status).or_default() += n;
        }
    }
    drop(spill);
    // Named but not yet answered (a page being cached): no series yet.
    routes.retain(|_, stats| stats.count > 0);
    routes
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
    let r = &REGISTRY;
    let mut out = String::new();
    let routes = route_stats();

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
            stats.sum_nanos as f64 / 1e9
        );
        let _ = writeln!(
            out,
            "career_guide_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
            stats.count
        );
    }
    let (hits, misses) = r.shards.iter().fold((0, 0), |(hits, misses), shard| {
        (
            hits + shard.cache_hits.load(Ordering::Relaxed),
            misses + shard.cache_misses.load(Ordering::Relaxed),
        )
    });
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
            hits,
        ),
        (
            "career_guide_page_cache_misses_total",
            "counter",
            "Pages rendered because the page cache did not hold them.",
            misses,
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
        let route = route("/unit-test/{x}");
        observe(route, StatusCode::OK, Duration::from_millis(3));
        observe(route, StatusCode::NOT_FOUND, Duration::from_secs(7));
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
        assert!(text.contains(
            "career_guide_http_request_duration_seconds_sum{route=\"/unit-test/{x}\"} 7.003\n"
        ));
    }

    #[test]
    fn a_pattern_keeps_its_handle() {
        let a = route("/unit-test/a");
        assert_eq!(route("/unit-test/b"), route("/unit-test/b"));
        assert_eq!(route("/unit-test/a"), a);
        assert_ne!(route("/unit-test/b"), a);
    }

    #[test]
    fn statuses_past_the_slots_are_counted_too() {
        let route = route("/unit-test/many-statuses");
        let statuses: Vec<StatusCode> = (200..200 + 2 * STATUS_SLOTS as u16)
            .map(|code| StatusCode::from_u16(code).unwrap())
            .collect();
        for (i, status) in statuses.iter().enumerate() {
            for _ in 0..=i {
                observe(route, *status, Duration::ZERO);
            }
        }
        let text = render();
        for (i, status) in statuses.iter().enumerate() {
            let line = format!(
                "career_guide_http_requests_total{{route=\"/unit-test/many-statuses\",status=\"{}\"}} {}\n",
                status.as_u16(),
                i + 1
            );
            assert!(text.contains(&line), "{line}");
        }
    }
}
