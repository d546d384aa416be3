//! Loads the whole content tree into one index keyed by slug.
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use time::Date;

use super::checks;
use super::diagnostics::{Diagnostic, Report, SourceFile};
use super::model::{Anchor, Category, Role};
use super::parse_category::parse_category;
use super::parse_role::parse_role;
use crate::domain::Slug;

/// Every category and role that parsed, keyed by slug.
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub categories: BTreeMap<Slug, Category>,
    pub roles: BTreeMap<Slug, Role>,
    /// Number of markdown files read.
    pub file_count: usize,
}

impl Site {
    pub fn category_slugs(&self) -> impl Iterator<Item = &Slug> {
        self.categories.keys()
    }
}

/// Reads `dir/categories/**.md` and `dir/roles/**.md`, parses every file, then
/// runs the checks that need all files. `today` dates the staleness check.
pub fn load(dir: &Path, today: Date) -> (Site, Report) {
    let mut report = Report::default();
    let mut site = Site::default();
    if !dir.is_dir() {
        report.push(file_level(dir, "content directory not found".into()));
        return (site, report);
    }
    let mut out = Vec::new();
    for (slug, parsed) in parse_kind(dir, "categories", parse_category, &mut out) {
        site.file_count += 1;
        if let Some((category, at_start)) = parsed {
            insert_unique(
                &mut site.categories,
                slug,
                category,
                at_start,
                |c| &c.path,
                &mut out,
            );
        }
    }
    for (slug, parsed) in parse_kind(dir, "roles", parse_role, &mut out) {
        site.file_count += 1;
        if let Some((role, at_start)) = parsed {
            insert_unique(&mut site.roles, slug, role, at_start, |r| &r.path, &mut out);
        }
    }
    checks::run(&site, today, &mut out);
    report.extend(out);
    report.sort();
    (site, report)
}

/// Two files may not claim one slug (e.g. `roles/a/x.md` and `roles/b/x.md`).
/// `at_start` points at the start of the second file.
fn insert_unique<T>(
    map: &mut BTreeMap<Slug, T>,
    slug: Slug,
    value: T,
    at_start: Anchor,
    path_of: impl Fn(&T) -> &PathBuf,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(existing) = map.get(&slug) {
        out.push(at_start.error(format!(
            "duplicate slug `{slug}`: {} already uses it",
            path_of(existing).display()
        )));
    } else {
        map.insert(slug, value);
    }
}

/// What one file of a kind became: its slug, and the parsed value with a
/// position at the file's start (for the duplicate check), if it parsed.
type Parsed<T> = (Slug, Option<(T, Anchor)>);

/// Reads and parses every `.md` file under `dir/kind`, in a stable order, on
/// every core. Each file's text is dropped as soon as it is parsed, so the
/// tree is never held as text and as parsed values at once.
fn parse_kind<T: Send>(
    dir: &Path,
    kind: &str,
    parse: fn(&Path, Slug, &str, &mut Vec<Diagnostic>) -> Option<T>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Parsed<T>> {
    let files = named_files(dir, kind, out);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_LOADER_THREADS);
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<(Vec<Parsed<T>>, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    let parsed = chunk
                        .iter()
                        .map(|(path, slug)| {
                            let value = match read_text(path) {
                                Ok(text) => parse(path, slug.clone(), &text, &mut out).map(|v| {
                                    (v, Anchor(SourceFile::new(path, &text).error(0..0, "")))
                                }),
                                Err(message) => {
                                    out.push(file_level(path, message));
                                    None
                                }
                            };
                            (slug.clone(), value)
                        })
                        .collect();
                    (parsed, out)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a content parser thread panicked"))
            .collect()
    });
    let mut parsed = Vec::with_capacity(files.len());
    for (values, diagnostics) in results {
        parsed.extend(values);
        out.extend(diagnostics);
    }
    parsed
}

/// Parsing is CPU-bound; past a few threads the gain is small and each
/// thread's allocator arena costs memory.
const MAX_LOADER_THREADS: usize = 4;

/// The content files of `kind` (`roles`, `categories`) by slug, found by
/// the same rules the loader uses; problems are left to the loader to report.
pub fn markdown_files(dir: &Path, kind: &str) -> Vec<(PathBuf, Slug)> {
    named_files(dir, kind, &mut Vec::new())
}

fn named_files(dir: &Path, kind: &str, out: &mut Vec<Diagnostic>) -> Vec<(PathBuf, Slug)> {
    let mut paths = Vec::new();
    collect_markdown(&dir.join(kind), &mut paths, out);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            match Slug::parse(stem) {
                Ok(slug) => Some((path, slug)),
                Err(e) => {
                    out.push(file_level(
                        &path,
                        format!("the file name is not a valid slug: {e}"),
                    ));
                    None
                }
            }
        })
        .collect()
}

/// The longest profile is a few dozen KiB; anything this large is a mistake
/// (a pasted binary, a runaway generator) and is not parsed at all.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A content file's text, or why it cannot be used.
fn read_text(path: &Path) -> Result<String, String> {
    let len = fs::metadata(path)
        .map_err(|e| format!("cannot read the file: {e}"))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {len} bytes; a content file may be at most {MAX_FILE_BYTES} bytes"
        ));
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn collect_markdown(dir: &Path, paths: &mut Vec<PathBuf>, out: &mut Vec<Diagnostic>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            out.push(file_level(dir, format!("cannot read the directory: {e}")));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_editor_litter(&name) {
            continue;
        }
        if path.is_dir() {
            collect_markdown(&path, paths, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            paths.push(path);
        }
    }
}

fn file_level(path: &Path, message: String) -> Diagnostic {
    Diagnostic::file_level(path, super::Severity::Error, message)
}

/// Editors leave hidden and backup files (`.x.md.swp`, `x.md~`) around: the
/// loader and the watcher both pass over them.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~')
}
