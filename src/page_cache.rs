//! Rendered pages kept in memory: one entry per path and content version,
//! holding everything a response needs (body in each encoding, strong ETags,
//! `Last-Modified`, content type, cache policy), so a request for a page
//! already rendered in this version is answered without a handler, a query,
//! a template or a compressor. Memory is bounded by bytes, not entries.
use std::io::Write;
use std::sync::Arc;
use std::time::SystemTime;

use actix_web::http::header::{self, Encoding, EntityTag, HeaderMap, HeaderName, HeaderValue};
use actix_web::web::Bytes;
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use sha2::{Digest, Sha256};

use crate::metrics::Route;

/// The default budget: a few thousand pages in every encoding.
pub const DEFAULT_MB: u64 = 64;

/// Compression settings. The cache compresses once per page and version,
/// so its levels favour size over speed.
const BROTLI_QUALITY: u32 = 9;
const BROTLI_WINDOW: u32 = 22;
const ZSTD_LEVEL: i32 = 12;
const GZIP_LEVEL: u32 = 9;
/// The export compresses every page of the site in one go: faster levels,
/// a few percent larger files.
pub const EXPORT_BROTLI_QUALITY: u32 = 5;
pub const EXPORT_GZIP_LEVEL: u32 = 3;

pub struct PageCache {
    /// `None` when disabled (`--page-cache-mb 0`, or `serve --watch`).
    store: Option<Cache<Key, Arc<Entry>, ByBytes>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    version: u64,
    path: String,
}

/// A `Key` to look up without allocating: the derived hashes agree, as
/// `&str` and `String` hash alike.
#[derive(Hash)]
struct KeyRef<'a> {
    version: u64,
    path: &'a str,
}

impl quick_cache::Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        self.version == key.version && self.path == key.path
    }
}

pub struct Entry {
    /// The route pattern that rendered it: answers from the cache are
    /// counted under it without matching the path against the routes again.
    pub route: Route,
    pub answer: Answer,
}

pub enum Answer {
    Page(Box<Page>),
    /// A handler's permanent redirect (a renamed role), as its `Location`.
    Redirect(HeaderValue),
}

pub struct Page {
    /// Every header of an answer but the variant's own (`ETag`,
    /// `Content-Encoding`), settled once (names unique but for repeated
    /// fields): an answer appends them to its empty header map as they are,
    /// the cheapest way to fill it.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub modified: SystemTime,
    /// The page's route reads the query string: only requests without one
    /// may be answered from this entry.
    pub reads_query: bool,
    pub identity: Variant,
    pub brotli: Variant,
    pub zstd: Variant,
    pub gzip: Variant,
}

/// The page in one content coding.
pub struct Variant {
    pub body: Bytes,
    pub etag: EntityTag,
    pub etag_header: HeaderValue,
    pub content_encoding: Option<HeaderValue>,
}

impl PageCache {
    pub fn new(budget_bytes: u64) -> Self {
        if budget_bytes == 0 {
            return Self { store: None };
        }
        let estimated_items = usize::try_from(budget_bytes / 32_768).unwrap_or(usize::MAX);
        Self {
            store: Some(Cache::with_weighter(
                estimated_items.max(16),
                budget_bytes,
                ByBytes,
            )),
        }
    }

    pub fn disabled() -> Self {
        Self { store: None }
    }

    pub fn is_enabled(&self) -> bool {
        self.store.is_some()
    }

    pub fn get(&self, version: u64, path: &str) -> Option<Arc<Entry>> {
        let store = self.store.as_ref()?;
        store.get(&KeyRef { version, path })
    }

    /// The entry, or the right to render it: while a `Miss` is alive, other
    /// requests for the same page wait for it instead of rendering the page
    /// again (a burst of requests for a page not yet rendered costs one
    /// render).
    pub async fn get_or_claim(&self, version: u64, path: &str) -> Lookup<'_> {
        let Some(store) = &self.store else {
            return Lookup::Render(Miss(None));
        };
        let key = Key {
            version,
            path: path.to_owned(),
        };
        match store.get_value_or_guard_async(&key).await {
            Ok(entry) => Lookup::Found(entry),
            Err(guard) => Lookup::Render(Miss(Some(guard))),
        }
    }

    /// Stores an entry under the version it was rendered in.
    pub fn insert(&self, version: u64, path: String, entry: Arc<Entry>) {
        if let Some(store) = &self.store {
            store.insert(Key { version, path }, entry);
        }
    }

    /// Forgets every page: called on publish so old versions free their
    /// memory at once instead of waiting to be evicted.
    pub fn clear(&self) {
        if let Some(store) = &self.store {
            store.clear();
        }
    }

    /// Bytes held now.
    pub fn weight(&self) -> u64 {
        self.store.as_ref().map_or(0, Cache::weight)
    }
}

pub enum Lookup<'a> {
    Found(Arc<Entry>),
    Render(Miss<'a>),
}

type Guard<'a> = quick_cache::sync::PlaceholderGuard<
    'a,
    Key,
    Arc<Entry>,
    ByBytes,
    quick_cache::DefaultHashBuilder,
    quick_cache::sync::DefaultLifecycle<Key, Arc<Entry>>,
>;

/// A page being rendered by this request. Dropped without `fill` (the page
/// turned out not to be cacheable), the next waiting request renders it.
pub struct Miss<'a>(Option<Guard<'a>>);

impl Miss<'_> {
    pub fn fill(self, entry: Arc<Entry>) {
        if let Some(guard) = self.0 {
            // Refused only when the entry alone exceeds the budget.
            let _ = guard.insert(entry);
        }
    }
}

#[derive(Clone)]
pub struct ByBytes;

impl Weighter<Key, Arc<Entry>> for ByBytes {
    fn weight(&self, key: &Key, entry: &Arc<Entry>) -> u64 {
        // Headers, the key and the bookkeeping: a rough constant.
        const OVERHEAD: usize = 1024;
        let body = match &entry.answer {
            Answer::Page(p) => {
                p.identity.body.len() + p.brotli.body.len() + p.zstd.body.len() + p.gzip.body.len()
            }
            Answer::Redirect(location) => location.len(),
        };
        (OVERHEAD + key.path.len() + body) as u64
    }
}

impl Page {
    /// Compresses `body` once per encoding. CPU work: call off the async
    /// workers. `headers` are those every answer carries (content type,
    /// cache policy and so on); the page adds `Last-Modified` and `Vary`.
    pub fn new(
        body: Bytes,
        mut headers: HeaderMap,
        modified: SystemTime,
        reads_query: bool,
    ) -> std::io::Result<Self> {
        let last_modified =
            header::HeaderValue::from_str(&header::LastModified(modified.into()).to_string())
                .expect("an HTTP date is visible ASCII");
        headers.insert(header::LAST_MODIFIED, last_modified);
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        Ok(Self {
            headers: headers
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
            modified,
            reads_query,
            brotli: Variant::new(brotli(&body, BROTLI_QUALITY)?.into(), Some("br")),
            zstd: Variant::new(zstd(&body)?.into(), Some("zstd")),
            gzip: Variant::new(gzip(&body, GZIP_LEVEL)?.into(), Some("gzip")),
            identity: Variant::new(body, None),
        })
    }

    /// The variant for a negotiated encoding; `None` for one not kept.
    pub fn variant(&self, encoding: &Encoding) -> Option<&Variant> {
        if *encoding == Encoding::identity() {
            Some(&self.identity)
        } else if *encoding == Encoding::brotli() {
            Some(&self.brotli)
        } else if *encoding == Encoding::zstd() {
            Some(&self.zstd)
        } else if *encoding == Encoding::gzip() {
            Some(&self.gzip)
        } else {
            None
        }
    }
}

/// Encodings kept for every page, in the order `Compress` prefers them.
pub const ENCODINGS: [Encoding; 4] = [
    Encoding::identity(),
    Encoding::brotli(),
    Encoding::zstd(),
    Encoding::gzip(),
];

impl Variant {
    fn new(body: Bytes, coding: Option<&'static str>) -> Self {
        let etag = strong_etag(&body);
        Self {
            etag_header: HeaderValue::from_str(&etag.to_string())
                .expect("a hex ETag is visible ASCII"),
            etag,
            body,
            content_encoding: coding.map(HeaderValue::from_static),
        }
    }
}

/// 128 bits of SHA-256: collisions between two versions of a page are not a
/// practical concern, and the header stays short.
pub fn strong_etag(bytes: &[u8]) -> EntityTag {
    EntityTag::new_strong(hex::encode(&Sha256::digest(bytes)[..16]))
}

pub fn brotli(bytes: &[u8], quality: u32) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, BROTLI_WINDOW);
        writer.write_all(bytes)?;
        writer.flush()?;
    }
    Ok(out)
}

pub fn gzip(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::new(level),
    );
    encoder.write_all(bytes)?;
    encoder.finish()
}

pub fn zstd(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    zstd::encode_all(bytes, ZSTD_LEVEL)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &'static str) -> Arc<Entry> {
        Arc::new(Entry {
            route: crate::metrics::route("/unit-test/page"),
            answer: Answer::Page(Box::new(
                Page::new(
                    Bytes::from_static(body.as_bytes()),
                    HeaderMap::new(),
                    SystemTime::UNIX_EPOCH,
                    false,
                )
                .unwrap(),
            )),
        })
    }

    #[test]
    fn every_encoding_round_trips_with_its_own_tag() {
        let text = "<p>a page</p>".repeat(200);
        let entry = page(Box::leak(text.clone().into_boxed_str()));
        let Answer::Page(p) = &entry.answer else {
            unreachable!()
        };
        let mut tags: Vec<_> = ENCODINGS
            .iter()
            .map(|e| p.variant(e).unwrap().etag.clone())
            .collect();
        tags.dedup();
        assert_eq!(tags.len(), 4);
        let mut gz = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&p.gzip.body[..]), &mut gz)
            .unwrap();
        assert_eq!(gz, text);
        assert_eq!(zstd::decode_all(&p.zstd.body[..]).unwrap(), text.as_bytes());
        let mut br = Vec::new();
        brotli::BrotliDecompress(&mut &p.brotli.body[..], &mut br).unwrap();
        assert_eq!(br, text.as_bytes());
    }

    #[tokio::test]
    async fn a_page_being_rendered_is_waited_for_not_rendered_twice() {
        let cache = PageCache::new(1024 * 1024);
        let Lookup::Render(first) = cache.get_or_claim(1, "/p").await else {
            panic!("nothing cached yet");
        };
        let waiter = cache.get_or_claim(1, "/p");
        let fill = async {
            tokio::task::yield_now().await;
            first.fill(page("<p>once</p>"));
        };
        let (second, ()) = tokio::join!(waiter, fill);
        assert!(matches!(second, Lookup::Found(_)));
        // Not filled: the next request renders.
        let Lookup::Render(miss) = cache.get_or_claim(1, "/q").await else {
            panic!("nothing cached yet");
        };
        drop(miss);
        assert!(matches!(
            cache.get_or_claim(1, "/q").await,
            Lookup::Render(_)
        ));
    }

    #[test]
    fn the_budget_bounds_the_bytes_held() {
        let cache = PageCache::new(64 * 1024);
        for i in 0..200 {
            cache.insert(1, format!("/p/{i}"), page("<p>x</p>"));
        }
        assert!(cache.weight() <= 64 * 1024, "{}", cache.weight());
        assert!(cache.get(2, "/p/199").is_none(), "versions do not mix");
        assert!(PageCache::new(0).get(1, "/p/1").is_none());
    }
}
