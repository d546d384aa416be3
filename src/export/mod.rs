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
//! only when its bytes change, and files of pages that are gone are
//! removed. No reader ever sees a half-written file (see `output`: a new
//! export is staged beside the directory and moved in by one rename, an
//! existing one is updated through a temporary name and a rename per file).
//!
//! Pages are rendered, compressed and written on one thread per core, each
//! with its own `App`. The log line `export phases` (with
//! `RUST_LOG=career_guide::export=info`) tells where the time went.
mod fingerprint;
mod manifest;
mod output;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::test::TestRequest;
use actix_web::web;
use anyhow::{Context, bail};
use futures_util::{StreamExt, TryStreamExt, stream};

use crate::config::{BaseUrl, Settings};
use crate::db::queries;
use crate::routes::instances;
use crate::routes::registry::PAGE_TYPES;
use crate::state::AppState;
use crate::{page_cache, startup, urls};
use manifest::Manifest;
use output::Dest;
use output::write_if_changed;

/// Pages in flight on each render thread: while some wait on SQLite, the
/// thread renders or compresses another.
const IN_FLIGHT: usize = 4;
/// The database read through a memory map, in MiB: more than a site of
/// 10,000 roles needs (SQLite maps no more than the file).
const EXPORT_MMAP_MB: u64 = 1024;
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

/// How an export is written.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A `.gz` and a `.br` sibling of every text file, for servers that
    /// send them as they are (nginx `gzip_static`, `brotli_static`). Hosts
    /// that compress on their own (Netlify, Cloudflare Pages, most CDNs)
    /// have no use for them: without, an export writes a third of the
    /// files and compresses nothing.
    pub precompress: bool,
}

/// One file of the site: where it is requested, where it is written.
struct Target {
    path: String,
    file: String,
    status: StatusCode,
}

pub async fn run(
    settings: Settings,
    base_url: BaseUrl,
    out: &Path,
    options: Options,
) -> anyhow::Result<Stats> {
    let settings = Settings {
        // Every page is rendered once anyway; a cache would only hold memory.
        page_cache_mb: 0,
        // Every role's rows are read: a map saves copying each page in.
        sqlite_mmap_mb: EXPORT_MMAP_MB,
        watch: false,
        drafts: false,
        ..settings
    };
    let started = Instant::now();
    let state = web::Data::new(AppState::build(settings, base_url).await?);
    let publish = started.elapsed();
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
    let dest = {
        let out = out.to_owned();
        tokio::task::spawn_blocking(move || Dest::prepare(&out)).await??
    };

    let phase = Instant::now();
    let mut previous = Manifest::read(&dest.dir);
    if previous.precompressed != options.precompress {
        // Every text file gains or loses its siblings: no page is current.
        previous.pages.clear();
    }
    let (fingerprints, targets) = tokio::try_join!(
        fingerprint::pages(&state, previous.program.take()),
        targets(&state)
    )?;
    let fingerprint = phase.elapsed();

    let phase = Instant::now();
    let mut stats = Stats {
        pages: targets.len(),
        ..Stats::default()
    };
    let mut manifest = Manifest {
        program: Some(fingerprints.program.clone()),
        precompressed: options.precompress,
        ..Manifest::default()
    };
    let mut to_render = Vec::new();
    for target in targets {
        let fingerprint = fingerprints.get(&target.path);
        match current_files(&target, fingerprint, &previous, &dest.existing) {
            Some(files) => {
                manifest.files.extend(files);
                manifest.pages.insert(target.path, fingerprint.to_owned());
            }
            None => to_render.push(target),
        }
    }
    let dirs: BTreeSet<&Path> = to_render
        .iter()
        .filter_map(|t| Path::new(&t.file).parent())
        .collect();
    for dir in dirs {
        let dir = dest.dir.join(dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let plan = phase.elapsed();

    let phase = Instant::now();
    let dest = std::sync::Arc::new(dest);
    let (exported, threads) = render_all(state.clone(), to_render, dest.clone(), options).await?;
    let dest = std::sync::Arc::into_inner(dest).expect("the render threads are done");
    let pages = phase.elapsed();
    let mut spent = Spent::default();
    for page in exported {
        stats.rendered += 1;
        stats.written += page.written;
        spent.add(&page.spent);
        let fingerprint = fingerprints.get(&page.path).to_owned();
        manifest.pages.insert(page.path, fingerprint);
        manifest.files.extend(page.files);
    }

    let phase = Instant::now();
    let aliases = queries::aliases(&state.pool).await?;
    for (file, text) in redirect_files(&aliases) {
        let written = dest
            .write(file, text.as_bytes())
            .with_context(|| format!("writing {}", dest.dir.join(file).display()))?;
        stats.written += usize::from(written);
        manifest.files.insert(file.to_owned());
    }
    stats.removed = previous.remove_stale(&manifest, &dest.dir)?;
    manifest.write(&dest.dir)?;
    tokio::task::spawn_blocking(move || dest.finish()).await??;
    tracing::info!(
        publish_ms = publish.as_millis(),
        fingerprint_ms = fingerprint.as_millis(),
        plan_ms = plan.as_millis(),
        pages_ms = pages.as_millis(),
        threads,
        compress_ms = spent.compress.as_millis(),
        write_ms = spent.write.as_millis(),
        finish_ms = phase.elapsed().as_millis(),
        "export phases"
    );
    Ok(stats)
}

/// The page's files when its inputs are those of the last export and all
/// its files are still there: it need not be rendered again.
fn current_files(
    target: &Target,
    fingerprint: &str,
    previous: &Manifest,
    existing: &HashSet<String>,
) -> Option<Vec<String>> {
    if previous.pages.get(&target.path).map(String::as_str) != Some(fingerprint)
        || !existing.contains(&target.file)
    {
        return None;
    }
    let mut files = vec![target.file.clone()];
    for sibling in compressed_names(&target.file) {
        if previous.files.contains(&sibling) {
            if !existing.contains(&sibling) {
                return None;
            }
            files.push(sibling);
        }
    }
    Some(files)
}

/// Renders the targets on one thread per core, each with its own `App` on
/// its own single-threaded runtime, taking the next target when a page is
/// done (the pages differ a lot in size). Returns the pages and how many
/// threads rendered them.
async fn render_all(
    state: web::Data<AppState>,
    targets: Vec<Target>,
    dest: std::sync::Arc<Dest>,
    options: Options,
) -> anyhow::Result<(Vec<Exported>, usize)> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(targets.len());
    let pages = tokio::task::spawn_blocking(move || {
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    std::thread::Builder::new()
                        .name("export-render".to_owned())
                        .spawn_scoped(scope, || {
                            let result = render_thread(&state, &targets, &next, &dest, options);
                            if result.is_err() {
                                // The others stop taking targets.
                                next.store(targets.len(), Ordering::Relaxed);
                            }
                            result
                        })
                })
                .collect::<std::io::Result<_>>()?;
            let mut pages = Vec::with_capacity(targets.len());
            for worker in workers {
                let done = worker
                    .join()
                    .map_err(|_| anyhow::anyhow!("a render thread panicked"))??;
                pages.extend(done);
            }
            anyhow::Ok(pages)
        })
    })
    .await??;
    Ok((pages, threads))
}

fn render_thread(
    state: &web::Data<AppState>,
    targets: &[Target],
    next: &AtomicUsize,
    dest: &Dest,
    options: Options,
) -> anyhow::Result<Vec<Exported>> {
    actix_web::rt::System::new().block_on(async {
        let app = actix_web::test::init_service(startup::app(state.clone())).await;
        let claimed = std::iter::from_fn(|| targets.get(next.fetch_add(1, Ordering::Relaxed)));
        stream::iter(claimed)
            .map(|target| export_one(&app, target, dest, options))
            .buffer_unordered(IN_FLIGHT)
            .try_collect()
            .await
    })
}

/// Every URL of every page type the registry marks as exported (cached
/// pages and static files), plus the 404 page; the longest pages first.
async fn targets(state: &AppState) -> anyhow::Result<Vec<Target>> {
    let mut targets = Vec::new();
    for page in PAGE_TYPES.iter().filter(|p| p.is_exported()) {
        targets.extend(
            instances::of(state, page)
                .await?
                .into_iter()
                .map(|i| Target {
                    file: urls::export_file(&i.path),
                    path: i.path,
                    status: StatusCode::OK,
                }),
        );
    }
    targets.push(Target {
        path: NOT_FOUND_PATH.to_owned(),
        file: "404.html".to_owned(),
        status: StatusCode::NOT_FOUND,
    });
    // The longest pages first, so that no thread ends with one alone.
    targets.sort_by_key(|t| ![urls::ROLES, urls::SALARIES].contains(&t.path.as_str()));
    Ok(targets)
}

struct Exported {
    path: String,
    written: usize,
    files: Vec<String>,
    spent: Spent,
}

/// Time the render threads spent compressing and writing, summed over the
/// pages (the rest of their time is rendering).
#[derive(Default)]
struct Spent {
    compress: Duration,
    write: Duration,
}

impl Spent {
    fn add(&mut self, other: &Spent) {
        self.compress += other.compress;
        self.write += other.write;
    }
}

/// Renders one page and writes its file and, for text (unless the options
/// say not to), its `.gz` and `.br` siblings (compressed only when the text
/// changed or a sibling is missing). Compression and writing run right
/// here: this is one of the export's own threads.
async fn export_one<S, B>(
    app: &S,
    target: &Target,
    dest: &Dest,
    options: Options,
) -> anyhow::Result<Exported>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
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
    let compressible = options.precompress
        && res
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_compressible);
    let body = actix_web::body::to_bytes(res.into_body())
        .await
        .map_err(|e| {
            anyhow::anyhow!("GET {}: reading the body failed: {}", target.path, e.into())
        })?;
    let mut spent = Spent::default();

    let write = |file: &str, bytes: &[u8], spent: &mut Spent| {
        let started = Instant::now();
        let written = dest
            .write(file, bytes)
            .with_context(|| format!("writing {}", dest.dir.join(file).display()));
        spent.write += started.elapsed();
        written
    };
    let changed = write(&target.file, &body, &mut spent)?;
    let mut written = usize::from(changed);
    let mut files = vec![target.file.clone()];
    if compressible {
        let [gz, br] = compressed_names(&target.file);
        for (file, encode) in [
            (gz, compress_gzip as fn(&[u8]) -> std::io::Result<Vec<u8>>),
            (br, compress_brotli),
        ] {
            if changed || !dest.existing.contains(&file) {
                let started = Instant::now();
                let bytes = encode(&body)?;
                spent.compress += started.elapsed();
                written += usize::from(write(&file, &bytes, &mut spent)?);
            }
            files.push(file);
        }
    }
    Ok(Exported {
        path: target.path.clone(),
        written,
        files,
        spent,
    })
}

fn compress_gzip(body: &[u8]) -> std::io::Result<Vec<u8>> {
    page_cache::gzip(body, page_cache::EXPORT_GZIP_LEVEL)
}

fn compress_brotli(body: &[u8]) -> std::io::Result<Vec<u8>> {
    page_cache::brotli(body, page_cache::EXPORT_BROTLI_QUALITY)
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
