//! Builds the application: the shared state (see `AppState::build`), the
//! actix `App` every request goes through, and the HTTP server.
use std::net::TcpListener;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, Condition, from_fn};
use actix_web::{App, Error, HttpServer, web};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use crate::config::{BaseUrl, Settings};
use crate::state::AppState;
use crate::watch::{self, ContentWatcher};
use crate::{http, routes};

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
    /// Re-syncs content on change (`--watch`); lives as long as the server.
    _watcher: Option<ContentWatcher>,
}

/// The whole site as an actix `App`: used by the server and, without a
/// socket, by `export`, so both send the same bytes.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    let preview_routes = state.settings.watch;
    App::new()
        // Listed innermost first: canonical redirects see HEAD as
        // GET; validators and Vary see the compressed response.
        .wrap(from_fn(http::canonical::redirect))
        .wrap(from_fn(http::methods::head_and_allow))
        .wrap(Compress::default())
        .wrap(from_fn(http::encoding::vary))
        .wrap(from_fn(http::conditional::validate))
        .wrap(Condition::new(
            preview_routes,
            from_fn(http::revalidate_always),
        ))
        // Pages of cached types not yet rendered in this content version are
        // rendered through every layer above and stored.
        .wrap(from_fn(http::cached::render))
        // The request's span, with its request id, around everything the
        // cache cannot answer.
        .wrap(TracingLogger::default())
        // Outermost: refuses oversized requests, answers pages already
        // cached before every layer above, and gives every response, cached
        // or not, the security headers, its count and its log line.
        .wrap(http::front::Front::new(&state))
        .app_data(state)
        .configure(routes::configure)
        // Preview endpoints exist only with --watch: 404 in production.
        .configure(move |cfg| {
            if preview_routes {
                routes::preview::configure(cfg);
            }
        })
        .default_service(web::to(http::not_found))
}

impl Application {
    /// Binds the listener (port 0 picks a free one), builds the state and
    /// prepares the server; `run_until_stopped` serves.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("binding {}", settings.bind))?;
        let address = listener.local_addr()?;
        let base_url = match &settings.base_url {
            Some(url) => url.clone(),
            None => BaseUrl::parse(&format!("http://{address}")).map_err(anyhow::Error::msg)?,
        };
        let state = web::Data::new(AppState::build(settings, base_url).await?);

        let watcher = if state.settings.watch {
            let watcher = watch::start(state.clone()).context("starting `--watch`")?;
            Some(watcher)
        } else {
            None
        };
        crate::signals::spawn(state.clone()).context("listening for signals")?;

        let app_state = state.clone();
        let server = HttpServer::new(move || app(app_state.clone()))
            .client_request_timeout(http::limits::REQUEST_HEAD_TIMEOUT)
            .keep_alive(http::limits::KEEP_ALIVE)
            .max_connections(http::limits::MAX_CONNECTIONS_PER_WORKER)
            // A response leaves as soon as it is written: with Nagle's
            // algorithm, the last piece of one written in several (a page
            // larger than the write buffer) could wait for the client's
            // acknowledgement of the others.
            .tcp_nodelay(true)
            .shutdown_timeout(http::limits::SHUTDOWN_GRACE.as_secs())
            .listen(listener)?
            .run();
        tracing::info!(%address, "listening");
        Ok(Self {
            port: address.port(),
            server,
            state,
            _watcher: watcher,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until SIGTERM or SIGINT, then closes the database cleanly
    /// (checkpointing its write-ahead log) once the last request finished.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await?;
        self.state.pool.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}
