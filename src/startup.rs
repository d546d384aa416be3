//! Builds the application: database, content, wage data, HTTP server.
use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, Condition, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use crate::assets::Assets;
use crate::config::{BaseUrl, Settings};
use crate::http::conditional::ContentClock;
use crate::publish::{self, Outcome};
use crate::state::{AppState, Preview};
use crate::watch::{self, ContentWatcher};
use crate::{db, http, oews, routes};

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
    /// Re-syncs content on change (`--watch`); lives as long as the server.
    _watcher: Option<ContentWatcher>,
}

/// Imports the wage data when its files changed. A broken file never
/// half-loads (the import is one transaction): if an earlier import is in the
/// database the site keeps serving it and logs why; with nothing to serve it
/// does not start.
async fn load_wages(pool: &sqlx::SqlitePool, dir: &std::path::Path) -> anyhow::Result<()> {
    match oews::import_if_changed(pool, dir).await {
        Ok(outcome) => {
            tracing::info!(?outcome, "wage data ready");
            Ok(())
        }
        Err(e) if oews::has_imported_data(pool).await? => {
            tracing::error!(
                error = format!("{:#}", anyhow::Error::from(e)),
                "wage data not updated; serving the previous import"
            );
            Ok(())
        }
        Err(e) => {
            Err(anyhow::Error::from(e).context(format!("loading wage data from {}", dir.display())))
        }
    }
}

impl Application {
    /// Opens the database, publishes the content, binds the listener (port 0
    /// picks a free one) and prepares the server; `run_until_stopped` serves.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let (pool, opened) = db::recovery::open(&settings.database_url).await?;
        tracing::info!(?opened, "database open");
        load_wages(&pool, &settings.wage_data_dir).await?;
        let outcome = publish::publish(&pool, &settings.content_dir).await?;
        publish::log_outcome(&outcome);
        let assets = Assets::load(&settings.static_dir).with_context(|| {
            format!(
                "reading static files from {}",
                settings.static_dir.display()
            )
        })?;

        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("binding {}", settings.bind))?;
        let address = listener.local_addr()?;
        let base_url = match &settings.base_url {
            Some(url) => url.clone(),
            None => BaseUrl::parse(&format!("http://{address}")).map_err(anyhow::Error::msg)?,
        };
        let preview = Preview::default();
        if let Outcome::Rejected { report } = outcome {
            *preview.errors.write().expect("fresh lock") = Some(report);
        }
        let state = web::Data::new(AppState {
            pool,
            settings,
            base_url,
            assets: Arc::new(assets),
            preview,
            content_clock: ContentClock::new(),
        });

        let watcher = if state.settings.watch {
            let watcher = watch::start(state.clone()).context("starting `--watch`")?;
            Some(watcher)
        } else {
            None
        };
        let preview_routes = state.settings.watch;
        crate::signals::spawn(state.clone()).context("listening for signals")?;

        let app_state = state.clone();
        let server = HttpServer::new(move || {
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
                .wrap(from_fn(http::limits::check))
                .wrap(from_fn(crate::metrics::record))
                .wrap(TracingLogger::default())
                .wrap(from_fn(http::security_headers::add))
                .app_data(app_state.clone())
                .configure(routes::configure)
                // Preview endpoints exist only with --watch: 404 in production.
                .configure(|cfg| {
                    if preview_routes {
                        routes::preview::configure(cfg);
                    }
                })
                .default_service(web::to(http::not_found))
        })
        .client_request_timeout(http::limits::REQUEST_HEAD_TIMEOUT)
        .keep_alive(http::limits::KEEP_ALIVE)
        .max_connections(http::limits::MAX_CONNECTIONS_PER_WORKER)
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
