//! Loads the whole content tree into one index keyed by slug.
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use time::Date;

use super::checks;
use super::diagnostics::{Diagnostic, Report, SourceFile};
use super::model::{Category, Role};
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
    for (path, slug, text) in read_kind(dir, "categories", &mut out) {
        site.file_count += 1;
        if let Some(category) = parse_category(&path, slug.clone(), &text, &mut out) {
            insert_unique(
                &mut site.categories,
                slug,
                category,
                &path,
                &text,
                |c| &c.path,
                &mut out,
            );
        }
    }
    for (path, slug, text) in read_kind(dir, "roles", &mut out) {
        site.file_count += 1;
        if let Some(role) = parse_role(&path, slug.clone(), &text, &mut out) {
            insert_unique(
                &mut site.roles,
                slug,
                role,
                &path,
                &text,
                |r| &r.path,
                &mut out,
            );
        }
    }
    checks::run(&site, today, &mut out);
    report.extend(out);
    report.sort();
    (site, report)
}

/// Two files may not claim one slug (e.g. `roles/a/x.md` and `roles/b/x.md`).
fn insert_unique<T>(
    map: &mut BTreeMap<Slug, T>,
    slug: Slug,
    value: T,
    path: &Path,
    text: &str,
    path_of: impl Fn(&T) -> &PathBuf,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(existing) = map.get(&slug) {
        let message = format!(
            "duplicate slug `{slug}`: {} already uses it",
            path_of(existing).display()
        );
        out.push(SourceFile::new(path, text).error(0..0, message));
    } else {
        map.insert(slug, value);
    }
}

/// Every `.md` file under `dir/kind`, recursively, in a stable order, with the
/// slug its file name gives. Unreadable files and bad names are reported.
fn read_kind(dir: &Path, kind: &str, out: &mut Vec<Diagnostic>) -> Vec<(PathBuf, Slug, String)> {
    named_files(dir, kind, out)
        .into_iter()
        .filter_map(|(path, slug)| match fs::read_to_string(&path) {
            Ok(text) => Some((path, slug, text)),
            Err(e) => {
                out.push(file_level(&path, format!("cannot read the file: {e}")));
                None
            }
        })
        .collect()
}

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
