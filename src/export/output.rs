//! Where an export writes, and how it keeps the directory whole.
//!
//! Into a directory that is missing or empty, the whole site is written
//! into a sibling staging directory, each file straight to its name, and
//! moved into place by one rename at the end: the export directory never
//! holds part of a site, and the rename per file (most of the cost of
//! writing some 34,000 files) is saved. Into an existing export, each
//! changed file is written under a temporary name and renamed over the old
//! one, so a server reading the directory sees either file whole.
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The directory being written and what it already holds.
pub struct Dest {
    /// Where files are written now: the export directory or its stage.
    pub dir: PathBuf,
    /// Every file already there, relative to `dir` with `/` separators.
    pub existing: HashSet<String>,
    /// Into a stage no one reads: files are written straight to their name.
    staged: bool,
    /// The export directory, when `dir` is its stage.
    target: Option<PathBuf>,
}

impl Dest {
    /// Prepares `out`: a stage beside it when it is missing or empty,
    /// otherwise `out` itself (created if needed) with its files listed.
    pub fn prepare(out: &Path) -> anyhow::Result<Self> {
        // Without a stage (a parent directory that cannot be written, say)
        // the export is written in place, file by file.
        if let Some(stage) = stage_for(out).filter(|_| is_missing_or_empty(out))
            && new_stage(&stage).is_ok()
        {
            return Ok(Dest {
                dir: stage,
                existing: HashSet::new(),
                staged: true,
                target: Some(out.to_owned()),
            });
        }
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        Ok(Dest {
            dir: out.to_owned(),
            existing: existing_files(out),
            staged: false,
            target: None,
        })
    }

    /// Writes `bytes` to `file` (relative to `dir`, whose directory exists)
    /// unless it already holds them, so that its mtime stays. Returns
    /// whether it wrote.
    pub fn write(&self, file: &str, bytes: &[u8]) -> std::io::Result<bool> {
        let path = self.dir.join(file);
        if self.staged {
            std::fs::write(&path, bytes)?;
            return Ok(true);
        }
        write_file(&path, bytes, self.existing.contains(file))
    }

    /// Moves a staged site into place; nothing to do otherwise.
    pub fn finish(self) -> anyhow::Result<()> {
        let Some(target) = self.target else {
            return Ok(());
        };
        // Replaces a missing or empty directory in one step.
        if std::fs::rename(&self.dir, &target).is_ok() {
            return Ok(());
        }
        // The target cannot be replaced (a mount point, say): move the
        // stage's entries in, directories whole.
        std::fs::create_dir_all(&target)
            .with_context(|| format!("creating {}", target.display()))?;
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            let to = target.join(entry.file_name());
            std::fs::rename(entry.path(), &to)
                .with_context(|| format!("moving the export into {}", to.display()))?;
        }
        std::fs::remove_dir(&self.dir)
            .with_context(|| format!("removing {}", self.dir.display()))?;
        Ok(())
    }
}

/// `.NAME.export-stage` beside `out`; none for a path without a name.
fn stage_for(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?.to_str()?;
    let parent = out.parent().unwrap_or(Path::new(""));
    Some(parent.join(format!(".{name}.export-stage")))
}

/// An empty stage: one left by an export that was stopped is not trusted.
fn new_stage(stage: &Path) -> std::io::Result<()> {
    if stage.exists() {
        std::fs::remove_dir_all(stage)?;
    }
    std::fs::create_dir_all(stage)
}

fn is_missing_or_empty(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Every file under `dir`, relative to it with `/` separators: one listing
/// instead of a metadata call per file.
fn existing_files(dir: &Path) -> HashSet<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut HashSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let relative = format!("{prefix}{name}");
            match entry.file_type() {
                Ok(t) if t.is_dir() => walk(&entry.path(), &format!("{relative}/"), out),
                Ok(_) => {
                    out.insert(relative);
                }
                Err(_) => {}
            }
        }
    }
    let mut files = HashSet::new();
    walk(dir, "", &mut files);
    files
}

fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Writes `bytes` unless the file already holds them (so its mtime stays),
/// through a temporary name and a rename: never half-written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_file(path, bytes, true)
}

/// `write_if_changed` in a directory that exists, for a file known to be
/// absent (`exists` false: nothing to compare with) or present.
fn write_file(path: &Path, bytes: &[u8], exists: bool) -> std::io::Result<bool> {
    if exists && std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let tmp = sibling(path, "tmp-export");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_export_is_staged_beside_and_moved_in_whole() {
        let root = tempfile::TempDir::new().unwrap();
        let out = root.path().join("site");
        let dest = Dest::prepare(&out).unwrap();
        assert_eq!(dest.dir, root.path().join(".site.export-stage"));
        std::fs::create_dir_all(dest.dir.join("roles")).unwrap();
        assert!(dest.write("roles/a.html", b"a").unwrap());
        assert!(!out.exists(), "nothing is visible before the end");
        dest.finish().unwrap();
        assert_eq!(std::fs::read(out.join("roles/a.html")).unwrap(), b"a");
        assert!(!root.path().join(".site.export-stage").exists());
    }

    #[test]
    fn an_empty_directory_is_replaced_and_a_stale_stage_dropped() {
        let root = tempfile::TempDir::new().unwrap();
        let out = root.path().join("site");
        std::fs::create_dir(&out).unwrap();
        let stale = root.path().join(".site.export-stage");
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("half.html"), b"x").unwrap();
        let dest = Dest::prepare(&out).unwrap();
        assert!(!dest.dir.join("half.html").exists());
        dest.write("index.html", b"home").unwrap();
        dest.finish().unwrap();
        assert!(out.join("index.html").exists());
        assert!(!out.join("half.html").exists());
    }

    #[test]
    fn without_a_stage_an_empty_directory_is_written_in_place() {
        let root = tempfile::TempDir::new().unwrap();
        let out = root.path().join("site");
        // Something that is not a directory holds the stage's name, as a
        // parent that cannot be written would stop the stage.
        std::fs::write(root.path().join(".site.export-stage"), b"not a directory").unwrap();
        let dest = Dest::prepare(&out).unwrap();
        assert_eq!(dest.dir, out);
        assert!(dest.write("index.html", b"home").unwrap());
        dest.finish().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"home");
    }

    #[test]
    fn an_existing_export_is_written_in_place_file_by_file() {
        let root = tempfile::TempDir::new().unwrap();
        let out = root.path().join("site");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("index.html"), b"home").unwrap();
        let dest = Dest::prepare(&out).unwrap();
        assert_eq!(dest.dir, out);
        assert!(dest.existing.contains("index.html"));
        assert!(!dest.write("index.html", b"home").unwrap(), "same bytes");
        assert!(dest.write("index.html", b"new").unwrap());
        assert!(dest.write("feed.xml", b"feed").unwrap());
        dest.finish().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"new");
        assert!(!root.path().join(".site.export-stage").exists());
    }
}
