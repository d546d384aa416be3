//! What the checks that read every file need to know of one role file, and
//! nothing more: a role's prose stays out, so the whole tree's facts fit in a
//! few MiB while the parsed roles themselves are written out in batches.
//!
//! Facts are also what a publish keeps of each file between runs
//! (`db::content_files`): an unchanged file is not parsed again, its facts
//! and its own diagnostics are read back instead.
use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::Date;

use super::diagnostics::Diagnostic;
use super::model::{Category, Role, RoleAnchors, Salary};
use crate::datasets::oews::SocCode;
use crate::domain::{EducationLevel, Slug, SocMatch};

/// The checkable facts of one role file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleFacts {
    pub slug: Slug,
    pub path: PathBuf,
    pub title: String,
    pub category: Slug,
    pub summary: String,
    pub salary: Salary,
    pub updated: Date,
    pub soc_code: Option<SocCode>,
    pub soc_match: Option<SocMatch>,
    pub education_level: EducationLevel,
    /// Whether the file explains a difference from BLS's entry education.
    pub education_level_explained: bool,
    pub draft: bool,
    pub aliases: Vec<Slug>,
    /// Everyday names (checked for collisions across files).
    #[serde(default)]
    pub also_known_as: Vec<String>,
    /// The `accessed` date of each source, in order.
    pub sources_accessed: Vec<Date>,
    pub anchors: RoleAnchors,
}

impl From<&Role> for RoleFacts {
    fn from(role: &Role) -> Self {
        Self {
            slug: role.slug.clone(),
            path: role.path.clone(),
            title: role.title.clone(),
            category: role.category.clone(),
            summary: role.summary.clone(),
            salary: role.salary.clone(),
            updated: role.updated,
            soc_code: role.soc_code.clone(),
            soc_match: role.soc_match,
            education_level: role.education_level,
            education_level_explained: role.education_level_reason.is_some(),
            draft: role.draft,
            aliases: role.aliases.clone(),
            also_known_as: role.also_known_as.clone(),
            sources_accessed: role.sources.iter().map(|s| s.accessed).collect(),
            anchors: role.anchors.clone(),
        }
    }
}

/// Every category and the facts of every role, keyed by slug: what the
/// checks across files read.
#[derive(Debug, Default)]
pub struct Index {
    pub categories: BTreeMap<Slug, Category>,
    pub roles: BTreeMap<Slug, RoleFacts>,
}

impl Index {
    pub fn category_slugs(&self) -> impl Iterator<Item = &Slug> {
        self.categories.keys()
    }
}

/// What a publish remembers of one role file: the hash of its text (and of
/// the loader that read it), its facts, and the diagnostics that depend on
/// the file alone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRecord {
    pub hash: String,
    pub facts: RoleFacts,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileRecord {
    /// Compressed JSON: the anchors repeat the file's path and lines, and a
    /// tenth of the bytes is a tenth of the memory and the writing.
    pub fn encode(&self) -> std::io::Result<Vec<u8>> {
        thread_local! {
            // A compression context per thread: making one per file cost
            // more than compressing the file.
            static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
                const { std::cell::RefCell::new(None) };
        }
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        COMPRESSOR.with_borrow_mut(|compressor| {
            let compressor = match compressor {
                Some(c) => c,
                None => compressor.insert(zstd::bulk::Compressor::new(1)?),
            };
            compressor.compress(&json)
        })
    }

    /// `None` for bytes another build wrote in another shape.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        thread_local! {
            // As for encoding: a context per thread, not one per record.
            static DECOMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
                const { std::cell::RefCell::new(None) };
        }
        /// More than any record needs; a size beyond it is not believed.
        const MAX_SIZE: usize = 64 << 20;
        let json = match zstd::bulk::Decompressor::upper_bound(bytes) {
            // `encode` records the size in the frame.
            Some(size) if size <= MAX_SIZE => DECOMPRESSOR.with_borrow_mut(|decompressor| {
                let decompressor = match decompressor {
                    Some(d) => d,
                    None => decompressor.insert(zstd::bulk::Decompressor::new().ok()?),
                };
                decompressor.decompress(bytes, size).ok()
            })?,
            _ => zstd::decode_all(bytes).ok()?,
        };
        serde_json::from_slice(&json).ok()
    }
}

/// A file parsed this time, ready to be remembered.
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub path: PathBuf,
    pub hash: String,
    /// [`FileRecord::encode`]d.
    pub record: Vec<u8>,
}

/// A role file as last published: its hash, and its [`FileRecord`] still
/// encoded (decoded only when the file turns out unchanged).
#[derive(Debug, Clone)]
pub struct KnownFile {
    pub hash: String,
    pub record: Vec<u8>,
}

/// Role files as last published, by path.
pub type KnownFiles = std::collections::HashMap<PathBuf, KnownFile>;

/// Identifies a file's text as this build of the loader reads it: a new
/// build (which may parse or render differently) reads every file afresh.
pub fn file_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(LOADER_BUILD.as_bytes());
    hasher.update([0]);
    hasher.update(text.as_bytes());
    hex::encode(&hasher.finalize()[..16])
}

/// The loader's source files' hash, computed by `build.rs`.
const LOADER_BUILD: &str = env!("CONTENT_LOADER_BUILD");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_text() {
        assert_eq!(file_hash("a"), file_hash("a"));
        assert_ne!(file_hash("a"), file_hash("a "));
    }

    #[test]
    fn bytes_of_another_shape_decode_to_nothing() {
        assert!(FileRecord::decode(b"not zstd").is_none());
        let other_shape = zstd::encode_all(&br#"{"hash": 1}"#[..], 1).unwrap();
        assert!(FileRecord::decode(&other_shape).is_none());
    }
}
