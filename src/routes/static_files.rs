use actix_files::NamedFile;
use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::state::AppState;

const YEAR: u32 = 31_536_000;

/// `/static/<name>`: hashed names are immutable for a year; plain names (for
/// old links and tools) revalidate after an hour.
pub async fn serve(
    req: HttpRequest,
    file: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (asset, hashed) = state.assets.resolve(&file).ok_or(AppError::NotFound)?;
    let cache = if hashed {
        CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(YEAR),
            CacheDirective::Extension("immutable".into(), None),
        ])
    } else {
        CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(3600)])
    };
    send(&req, &asset.path, cache)
}

/// Browsers ask for `/favicon.ico` on their own.
pub async fn favicon(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (asset, _) = state
        .assets
        .resolve("favicon.ico")
        .ok_or(AppError::NotFound)?;
    send(
        &req,
        &asset.path,
        CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(86_400)]),
    )
}

fn send(
    req: &HttpRequest,
    path: &std::path::Path,
    cache: CacheControl,
) -> Result<HttpResponse, AppError> {
    let file = NamedFile::open(path).map_err(|e| {
        tracing::error!(error = %e, path = %path.display(), "static file listed at start-up is unreadable");
        AppError::NotFound
    })?;
    let mut response = file.prefer_utf8(true).into_response(req);
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        cache.to_string().parse().expect("valid header"),
    );
    Ok(response)
}
