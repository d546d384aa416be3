//! Where the content's files are and how they are read: the rules the
//! loader, the watcher and the export share.
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::diagnostics::Diagnostic;
use super::model::Anchor;
use crate::domain::Slug;

/// Two files may not claim one slug (e.g. `roles/a/x.md` and `roles/b/x.md`).
/// `at_start` points at the start of the second file.
pub(super) fn insert_unique<T>(
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

/// The content files of `kind` (`roles`, `categories`) by slug, found by
/// the same rules the loader uses; problems are left to the loader to report.
pub fn markdown_files(dir: &Path, kind: &str) -> Vec<(PathBuf, Slug)> {
    named_files(dir, kind, &mut Vec::new())
}

pub(super) fn named_files(
    dir: &Path,
    kind: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, Slug)> {
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
pub(super) fn read_text(path: &Path) -> Result<String, String> {
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

pub(super) fn file_level(path: &Path, message: String) -> Diagnostic {
    Diagnostic::file_level(path, super::Severity::Error, message)
}

/// Editors leave hidden and backup files (`.x.md.swp`, `x.md~`) around: the
/// loader and the watcher both pass over them.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~')
}
