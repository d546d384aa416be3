//! Reads the content tree on every core and hands the parsed roles out in
//! batches as they come, keeping only their facts: the whole tree is never
//! held in memory at once. A role file whose text (and loader build) is the
//! one last published is not parsed again: its facts and its own
//! diagnostics are taken from what was recorded then.
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use time::Date;

use super::checks;
use super::diagnostics::{Diagnostic, Report, SourceFile};
use super::facts::{FileRecord, Index, KnownFiles, NewRecord, RoleFacts, file_hash};
use super::files::{file_level, insert_unique, named_files, read_text};
use super::model::{Anchor, Role};
use super::parse_category::parse_category;
use super::parse_role::parse_role;
use crate::domain::Slug;

/// Role files parsed per batch: each batch is handed out as one unit.
pub const BATCH: usize = 64;

/// Parsing is CPU-bound; past a few threads the gain is small and each
/// thread's allocator arena costs memory.
const MAX_THREADS: usize = 4;

/// A content tree read and checked.
#[derive(Debug, Default)]
pub struct Loaded {
    pub index: Index,
    pub report: Report,
    /// Markdown files read.
    pub file_count: usize,
    /// Role files parsed this time (new, changed, or read by another build),
    /// with what to remember of each; the others were known.
    pub parsed: Vec<NewRecord>,
}

impl Loaded {
    /// Every role file of the tree (that parsed), by path.
    pub fn role_paths(&self) -> impl Iterator<Item = &Path> {
        self.index.roles.values().map(|r| r.path.as_path())
    }
}

/// What one role file became.
struct FileResult {
    position: usize,
    slug: Slug,
    facts: Option<(RoleFacts, Anchor)>,
    diagnostics: Vec<Diagnostic>,
    record: Option<NewRecord>,
}

/// Reads `dir/categories/**.md` and `dir/roles/**.md`. Roles parsed afresh
/// go to `on_roles` in batches (from several threads, in no set order);
/// roles in `known` with an unchanged hash are not parsed. Then the checks
/// across files run over every file's facts. `today` dates the staleness
/// checks.
pub fn load(
    dir: &Path,
    today: Date,
    known: &KnownFiles,
    on_roles: &(dyn Fn(Vec<Role>) + Sync),
) -> Loaded {
    let mut loaded = Loaded::default();
    if !dir.is_dir() {
        loaded
            .report
            .push(file_level(dir, "content directory not found".into()));
        return loaded;
    }
    let mut out = Vec::new();
    for (path, slug) in named_files(dir, "categories", &mut out) {
        loaded.file_count += 1;
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(message) => {
                out.push(file_level(&path, message));
                continue;
            }
        };
        if let Some(category) = parse_category(&path, slug.clone(), &text, &mut out) {
            let at_start = Anchor(SourceFile::new(&path, &text).error(0..0, ""));
            insert_unique(
                &mut loaded.index.categories,
                slug,
                category,
                at_start,
                |c| &c.path,
                &mut out,
            );
        }
    }
    let files = named_files(dir, "roles", &mut out);
    loaded.file_count += files.len();
    let mut results = read_roles(&files, known, on_roles);
    results.sort_by_key(|r| r.position);
    for result in results {
        out.extend(result.diagnostics);
        if let Some((facts, at_start)) = result.facts {
            loaded.parsed.extend(result.record);
            insert_unique(
                &mut loaded.index.roles,
                result.slug,
                facts,
                at_start,
                |r| &r.path,
                &mut out,
            );
        }
    }
    checks::run(&loaded.index, today, &mut out);
    loaded.report.extend(out);
    loaded.report.sort();
    loaded
}

/// Reads, hashes and (when not known) parses the role files on every core,
/// a batch at a time, taking the next batch when one is done.
fn read_roles(
    files: &[(PathBuf, Slug)],
    known: &KnownFiles,
    on_roles: &(dyn Fn(Vec<Role>) + Sync),
) -> Vec<FileResult> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_THREADS);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let start = next.fetch_add(BATCH, Ordering::Relaxed);
                    if start >= files.len() {
                        break;
                    }
                    let end = (start + BATCH).min(files.len());
                    let mut roles = Vec::new();
                    let batch: Vec<FileResult> = (start..end)
                        .map(|position| {
                            let (path, slug) = &files[position];
                            read_role(position, path, slug, known, &mut roles)
                        })
                        .collect();
                    if !roles.is_empty() {
                        on_roles(roles);
                    }
                    results
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .extend(batch);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read_role(
    position: usize,
    path: &Path,
    slug: &Slug,
    known: &KnownFiles,
    roles: &mut Vec<Role>,
) -> FileResult {
    let mut result = FileResult {
        position,
        slug: slug.clone(),
        facts: None,
        diagnostics: Vec::new(),
        record: None,
    };
    let text = match read_text(path) {
        Ok(text) => text,
        Err(message) => {
            result.diagnostics.push(file_level(path, message));
            return result;
        }
    };
    let at_start = Anchor(SourceFile::new(path, &text).error(0..0, ""));
    let hash = file_hash(&text);
    // A record this build cannot read (another shape) is as good as none:
    // the file is parsed again.
    let unchanged = known
        .get(path)
        .filter(|k| k.hash == hash)
        .and_then(|k| FileRecord::decode(&k.record));
    if let Some(record) = unchanged {
        result.diagnostics = record.diagnostics;
        result.facts = Some((record.facts, at_start));
        return result;
    }
    let mut diagnostics = Vec::new();
    if let Some(role) = parse_role(path, slug.clone(), &text, &mut diagnostics) {
        checks::file(&role, &mut diagnostics);
        let record = FileRecord {
            hash,
            facts: RoleFacts::from(&role),
            diagnostics,
        };
        // A record that cannot be encoded is not kept: the file is parsed
        // again next time, nothing else changes.
        result.record = record.encode().ok().map(|bytes| NewRecord {
            path: path.to_owned(),
            hash: record.hash.clone(),
            record: bytes,
        });
        result.facts = Some((record.facts, at_start));
        roles.push(role);
        result.diagnostics = record.diagnostics;
        return result;
    }
    result.diagnostics = diagnostics;
    result
}
