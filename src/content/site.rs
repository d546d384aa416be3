//! The whole content tree parsed into one index keyed by slug (the rules
//! that find its files are in `files`).
use std::collections::BTreeMap;
use std::path::Path;

use time::Date;

use std::sync::Mutex;

use super::diagnostics::Report;
use super::facts::{KnownFiles, RoleFacts};
pub use super::files::{is_editor_litter, markdown_files};
use super::loader;
use super::model::{Category, Role};
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

    /// Each role's checkable facts (for the wage checks).
    pub fn role_facts(&self) -> Vec<RoleFacts> {
        self.roles.values().map(RoleFacts::from).collect()
    }
}

/// Reads and parses every file of the tree, then runs the checks that need
/// all files (for `check` and tests; publishing streams the tree instead,
/// see `loader`). `today` dates the staleness checks.
pub fn load(dir: &Path, today: Date) -> (Site, Report) {
    let parsed = Mutex::new(Vec::new());
    let loaded = loader::load(dir, today, &KnownFiles::new(), &|roles| {
        parsed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend(roles)
    });
    let mut roles = BTreeMap::new();
    for role in parsed
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
    {
        // Of two files with one slug, the one the index kept.
        if loaded
            .index
            .roles
            .get(&role.slug)
            .is_some_and(|facts| facts.path == role.path)
        {
            roles.insert(role.slug.clone(), role);
        }
    }
    let site = Site {
        categories: loaded.index.categories,
        roles,
        file_count: loaded.file_count,
    };
    (site, loaded.report)
}
