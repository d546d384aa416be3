//! `career-guide export DIR`: the whole public site as static files, for any
//! static host or CDN. Every page is requested from the same actix `App` the
//! server runs (without a socket), so the files hold exactly the bytes
//! `serve` sends for the same content and `BASE_URL`.
//!
//! Pages become `roles/<slug>.html` etc. (see `urls::export_file`), each
//! text file gets `.gz` and `.br` siblings, and role aliases become
//! redirects in `_redirects` (Netlify, Cloudflare Pages) and
//! `_redirects.nginx` (an nginx include). The export is incremental: pages
//! whose inputs did not change are not rendered again, a file is rewritten
//! only when its bytes change (always through a temporary name and a
//! rename), and files of pages that are gone are removed.
mod fingerprint;
mod manifest;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::test::TestRequest;
use actix_web::web;
use anyhow::{Context, bail};
use futures_util::{StreamExt, stream};

use crate::config::{BaseUrl, Settings};
use crate::db::queries;
use crate::routes::sitemap;
use crate::state::AppState;
use crate::{page_cache, startup, urls};
use manifest::Manifest;

/// Requests in flight at once: rendering waits on SQLite, compression runs
/// on blocking threads.
const CONCURRENCY: usize = 16;
/// Any path no route claims: its answer is the 404 page.
const NOT_FOUND_PATH: &str = "/__export/not-found";
pub const REDIRECTS_FILE: &str = "_redirects";
pub const NGINX_REDIRECTS_FILE: &str = "_redirects.nginx";

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Pages and files the site consists of.
    pub pages: usize,
    /// Pages rendered this time (the rest had unchanged inputs).
    pub rendered: usize,
    /// Files written because their bytes changed (or were missing).
    pub written: usize,
    /// Files of the previous export that no longer belong to the site.
    pub removed: usize,
}

/// One file of the site: where it is requested, where it is written.
struct Target {
    path: String,
    file: String,
    status: StatusCode,
}

pub async fn run(settings: Settings, base_url: BaseUrl, out: &Path) -> anyhow::Result<Stats> {
    let settings = Settings {
        // Every page is rendered once anyway; a cache would only hold memory.
        page_cache_mb: 0,
        watch: false,
        drafts: false,
        ..settings
    };
    let state = web::Data::new(AppState::build(settings, base_url).await?);
    if let Some(report) = state
        .preview
        .errors
        .read()
        .map_err(|_| anyhow::anyhow!("content report lock poisoned"))?
        .as_ref()
    {
        bail!(
            "the content has {} error(s) (see `career-guide check`); nothing exported",
            report.error_count()
        );
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let previous = Manifest::read(out);
    let fingerprints = fingerprint::pages(&state).await?;
    let targets = targets(&state).await?;
    let app = actix_web::test::init_service(startup::app(state.clone())).await;

    let mut stats = Stats {
        pages: targets.len(),
        ..Stats::default()
    };
    let mut manifest = Manifest::default();
    let results: Vec<anyhow::Result<Exported>> = stream::iter(&targets)
        .map(|target| {
            let unchanged = fingerprints
                .get(&target.path)
                .filter(|fp| previous.is_current(&target.path, fp, out));
            export_one(&app, target, out, unchanged.is_some())
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    for result in results {
        let exported = result?;
        stats.rendered += usize::from(exported.rendered);
        stats.written += exported.written;
        if let Some(fp) = fingerprints.get(&exported.path) {
            manifest.pages.insert(exported.path.clone(), fp.clone());
        }
        manifest.files.extend(exported.files);
    }
    let aliases = queries::aliases(&state.pool).await?;
    for (file, text) in redirect_files(&aliases) {
        let path = out.join(file);
        stats.written += usize::from(write_if_changed(&path, text.as_bytes())?);
        manifest.files.insert(file.to_owned());
    }
    stats.removed = previous.remove_stale(&manifest, out)?;
    manifest.write(out)?;
    Ok(stats)
}

/// Everything a crawler can reach, plus the 404 page.
async fn targets(state: &AppState) -> anyhow::Result<Vec<Target>> {
    let ok = |path: String| Target {
        file: urls::export_file(&path),
        path,
        status: StatusCode::OK,
    };
    let mut targets: Vec<Target> = Vec::new();
    for entry in sitemap::entries(state).await? {
        let path = entry
            .loc
            .strip_prefix(state.base_url.as_str())
            .unwrap_or(&entry.loc)
            .to_owned();
        targets.push(ok(path));
    }
    targets.extend(sitemap::files(state).await?.into_iter().map(ok));
    targets.push(ok(urls::SITE_FEED.to_owned()));
    for category in queries::categories(&state.pool, false).await? {
        targets.push(ok(urls::category_feed(&category.slug)));
    }
    targets.push(ok(urls::ROBOTS.to_owned()));
    targets.push(ok(urls::FAVICON.to_owned()));
    targets.extend(state.assets.iter().map(|a| ok(urls::asset(&a.hashed))));
    targets.push(Target {
        path: NOT_FOUND_PATH.to_owned(),
        file: "404.html".to_owned(),
        status: StatusCode::NOT_FOUND,
    });
    Ok(targets)
}

struct Exported {
    path: String,
    rendered: bool,
    written: usize,
    files: Vec<String>,
}

async fn export_one<S, B>(
    app: &S,
    target: &Target,
    out: &Path,
    unchanged: bool,
) -> anyhow::Result<Exported>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let files = |compressed: bool| {
        let mut files = vec![target.file.clone()];
        if compressed {
            files.extend(compressed_names(&target.file));
        }
        files
    };
    if unchanged {
        let compressed = out.join(format!("{}.gz", target.file)).exists();
        return Ok(Exported {
            path: target.path.clone(),
            rendered: false,
            written: 0,
            files: files(compressed),
        });
    }
    let res = app
        .call(TestRequest::get().uri(&target.path).to_request())
        .await
        .map_err(|e| anyhow::anyhow!("GET {}: {e}", target.path))?;
    if res.status() != target.status {
        bail!(
            "GET {}: status {} (expected {})",
            target.path,
            res.status(),
            target.status
        );
    }
    let compressible = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(is_compressible);
    let body = actix_web::body::to_bytes(res.into_body())
        .await
        .map_err(|e| {
            anyhow::anyhow!("GET {}: reading the body failed: {}", target.path, e.into())
        })?;
    let path = out.join(&target.file);
    let written =
        tokio::task::spawn_blocking(move || write_with_siblings(&path, &body, compressible))
            .await??;
    Ok(Exported {
        path: target.path.clone(),
        rendered: true,
        written,
        files: files(compressible),
    })
}

/// Text compresses; images (but SVG) and icons are sent as they are.
fn is_compressible(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.starts_with("text/")
        || essence.ends_with("+xml")
        || essence.ends_with("xml")
        || essence == "application/javascript"
        || essence == "application/json"
}

fn compressed_names(file: &str) -> [String; 2] {
    [format!("{file}.gz"), format!("{file}.br")]
}

/// Writes the file and, for text, its `.gz` and `.br` siblings (compressed
/// only when the text changed or a sibling is missing). Returns how many
/// files were written.
fn write_with_siblings(path: &Path, body: &[u8], compress: bool) -> std::io::Result<usize> {
    let changed = write_if_changed(path, body)?;
    let mut written = usize::from(changed);
    if compress {
        let gz = sibling(path, "gz");
        let br = sibling(path, "br");
        if changed || !gz.exists() {
            written += usize::from(write_if_changed(
                &gz,
                &page_cache::gzip(body, page_cache::EXPORT_GZIP_LEVEL)?,
            )?);
        }
        if changed || !br.exists() {
            written += usize::from(write_if_changed(
                &br,
                &page_cache::brotli(body, page_cache::EXPORT_BROTLI_QUALITY)?,
            )?);
        }
    }
    Ok(written)
}

fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Writes `bytes` unless the file already holds them (so its mtime stays),
/// through a temporary name and a rename: never half-written.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = sibling(path, "tmp-export");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(true)
}

/// `_redirects` (`/from /to 301`) and the nginx include with the same
/// redirects.
fn redirect_files(aliases: &[(String, String)]) -> BTreeMap<&'static str, String> {
    let mut netlify = String::new();
    let mut nginx = String::from("# Generated by `career-guide export`: former role URLs.\n");
    for (alias, role) in aliases {
        let (from, to) = (urls::role(alias), urls::role(role));
        netlify.push_str(&format!("{from} {to} 301\n"));
        nginx.push_str(&format!("location = {from} {{ return 301 {to}; }}\n"));
    }
    BTreeMap::from([(REDIRECTS_FILE, netlify), (NGINX_REDIRECTS_FILE, nginx)])
}

/// Used by tests and benchmarks: how many files an export holds per kind.
pub fn count_files(out: &Path) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let Ok(manifest) = Manifest::try_read(out) else {
        return counts;
    };
    for file in manifest.files {
        let kind = file.rsplit('.').next().unwrap_or("").to_owned();
        *counts.entry(kind).or_default() += 1;
    }
    counts
}
