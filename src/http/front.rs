//! The outermost layer: every request enters here and every response leaves
//! here. In order, it
//! - refuses oversized requests (see [`super::limits`]) before any page work;
//! - answers from the page cache ([`super::cached::hit`]) when it holds the
//!   page, without running any other layer or handler;
//! - adds the security headers (see [`super::security_headers`]) to every
//!   response;
//! - counts every response in the metrics, by route and status, with its time;
//! - logs every request once it is answered, as one event: request id,
//!   method, target, route, status and latency.
//!
//! A cached page is the site's most frequent answer, and it should cost
//! little more than writing its bytes. So this is one hand-written layer
//! rather than a stack of `from_fn` ones (each boxes a future per request):
//! a cached answer is built and returned without a boxed future, a lock, a
//! span or a look-up of the path in the route table (the cache knows each
//! page's route), under a request id drawn here. Requests the cache cannot
//! answer go on to the layers inside, the first of them tracing-actix-web's
//! `TracingLogger`: its root span carries its request id, so anything logged
//! while handling them can be traced back to the request, and this layer's
//! log line uses the same id.
use std::cell::Cell;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::future::{Ready, ready};
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode, Uri};
use actix_web::{Error, HttpMessage, HttpRequest, web};
use futures_util::future::{Either, LocalBoxFuture};
use tracing_actix_web::RequestId as TracingId;

use super::{cached, limits, security_headers};
use crate::error::error_page;
use crate::metrics::{self, Route};
use crate::state::AppState;

/// The layer, for `App::wrap`; wrapped last, so that it is the outermost.
pub struct Front {
    state: web::Data<AppState>,
    security: &'static [(HeaderName, HeaderValue)],
}

impl Front {
    pub fn new(state: &web::Data<AppState>) -> Self {
        Self {
            state: state.clone(),
            security: security_headers::for_state(state),
        }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Front
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Transform = FrontService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(FrontService {
            service,
            state: self.state.clone(),
            security: self.security,
        }))
    }
}

pub struct FrontService<S> {
    service: S,
    state: web::Data<AppState>,
    security: &'static [(HeaderName, HeaderValue)],
}

type Outcome = Result<ServiceResponse<BoxBody>, Error>;

impl<S, B> Service<ServiceRequest> for FrontService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Future = Either<Ready<Outcome>, LocalBoxFuture<'static, Outcome>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let started = Instant::now();
        if let Some(status) = limits::refusal(&req) {
            let (request, _) = req.into_parts();
            let res = ServiceResponse::new(request, error_page(status));
            let id = RequestId::new();
            let res = finish(res, None, self.security, started, &id, None);
            return Either::Left(ready(Ok(res)));
        }
        // Complete, security headers included (a cached page keeps them).
        if let Some((res, route)) = cached::hit(&req, &self.state, self.security) {
            let res = req.into_response(res).map_into_boxed_body();
            let res = finish(res, Some(route), &[], started, &RequestId::new(), None);
            return Either::Left(ready(Ok(res)));
        }
        // Layers inside rewrite both (HEAD is routed as GET, a path to its
        // canonical form): the log shows what the client asked for.
        let asked = Asked {
            method: req.method().clone(),
            target: req.uri().clone(),
        };
        let response = self.service.call(req);
        let security = self.security;
        Either::Right(Box::pin(async move {
            match response.await {
                Ok(res) => {
                    let res = res.map_into_boxed_body();
                    // The id `TracingLogger` gave the request's span.
                    let logged = res.request().extensions().get::<TracingId>().copied();
                    let drawn;
                    let id: &dyn fmt::Display = match &logged {
                        Some(id) => id,
                        None => {
                            drawn = RequestId::new();
                            &drawn
                        }
                    };
                    Ok(finish(res, None, security, started, id, Some(&asked)))
                }
                // No layer of ours fails this way (each answers with an error
                // page instead); actix-web would answer with the error's
                // status and no route to count it under.
                Err(error) => {
                    let status = error.as_response_error().status_code();
                    let id = RequestId::new();
                    log_failure(&id, &asked, status, started.elapsed(), &error);
                    Err(error)
                }
            }
        }))
    }
}

/// The method and target as the client sent them.
struct Asked {
    method: Method,
    target: Uri,
}

/// Headers, metrics and the log line: the same for every response.
fn finish(
    mut res: ServiceResponse<BoxBody>,
    route: Option<Route>,
    security: &[(HeaderName, HeaderValue)],
    started: Instant,
    id: &dyn fmt::Display,
    asked: Option<&Asked>,
) -> ServiceResponse<BoxBody> {
    security_headers::insert_all(res.headers_mut(), security);
    let route = route.unwrap_or_else(|| route_of(res.request()));
    let elapsed = started.elapsed();
    metrics::observe(route, res.status(), elapsed);
    let request = res.request();
    let (method, target) = match asked {
        Some(asked) => (&asked.method, &asked.target),
        None => (request.method(), request.uri()),
    };
    log(id, method, target, route, &res, elapsed);
    res
}

/// The route the request was matched to: as the cache layer recorded it,
/// or else the pattern the router matched (after the layers inside: a
/// redirect to a canonical path counts under the page's route).
fn route_of(req: &HttpRequest) -> Route {
    if let Some(route) = req.extensions().get::<Route>() {
        return *route;
    }
    match req.match_pattern() {
        Some(pattern) => metrics::route(&pattern),
        None => metrics::unmatched(),
    }
}

/// One event per request: `info`, or `warn`/`error` when a handler failed
/// (its error is attached to the response) with a client or server error.
fn log(
    id: &dyn fmt::Display,
    method: &Method,
    target: &Uri,
    route: Route,
    res: &ServiceResponse<BoxBody>,
    elapsed: Duration,
) {
    let status = res.status().as_u16();
    let route = route.name();
    let latency_ms = elapsed.as_secs_f64() * 1e3;
    match res.response().error() {
        None => tracing::info!(
            request_id = %id, %method, %target, route, status, latency_ms, "request"
        ),
        Some(error) if res.status().is_client_error() => tracing::warn!(
            request_id = %id, %method, %target, route, status, latency_ms, ?error, "request"
        ),
        Some(error) => tracing::error!(
            request_id = %id, %method, %target, route, status, latency_ms, ?error, "request"
        ),
    }
}

fn log_failure(
    id: &dyn fmt::Display,
    asked: &Asked,
    status: StatusCode,
    elapsed: Duration,
    error: &Error,
) {
    tracing::error!(
        request_id = %id,
        method = %asked.method,
        target = %asked.target,
        status = status.as_u16(),
        latency_ms = elapsed.as_secs_f64() * 1e3,
        ?error,
        "request"
    );
}

/// The id of a request answered here, without `TracingLogger` (refused, or
/// from the cache): 128 random bits, written as a version 4 UUID like the
/// ids `TracingLogger` draws.
///
/// Drawn from a per-thread generator seeded at random: it takes no system
/// call and no lock per request, and it is only turned into text when the
/// request is actually logged.
#[derive(Clone, Copy)]
struct RequestId(u64, u64);

impl RequestId {
    fn new() -> Self {
        thread_local! {
            // The standard library keys each `RandomState` from the
            // operating system's randomness: a seed distinct per thread.
            static STATE: Cell<u64> = Cell::new(RandomState::new().hash_one(0_u8));
        }
        STATE.with(|state| Self(split_mix(state), split_mix(state)))
    }
}

/// SplitMix64: a fast generator whose sequences from different seeds do not
/// overlap in practice; enough to tell requests apart, not for secrets.
fn split_mix(state: &Cell<u64>) -> u64 {
    let next = state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
    state.set(next);
    let mut z = next;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(high, low) = *self;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            (high & 0x0fff) | 0x4000,
            ((low >> 48) & 0x3fff) | 0x8000,
            low & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_version_4_uuids_and_differ() {
        let ids: Vec<String> = (0..1000).map(|_| RequestId::new().to_string()).collect();
        for id in &ids {
            let groups: Vec<&str> = id.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{id}");
            assert!(groups[2].starts_with('4'), "{id}");
            assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{id}");
            assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        }
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        let other_thread = std::thread::spawn(|| RequestId::new().to_string())
            .join()
            .unwrap();
        assert!(!ids.contains(&other_thread));
    }
}
