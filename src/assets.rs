//! Static files with content-hashed names (`style.3f9a1c2b7d0e.css`), so they
//! can be cached for a year: a changed file gets a new name.
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

#[derive(Debug, Clone)]
pub struct Asset {
    pub path: PathBuf,
    /// Hashed name: `style.3f9a1c2b7d0e.css`.
    pub hashed: String,
}

#[derive(Debug, Default, Clone)]
pub struct Assets {
    /// Logical name (`style.css`) -> asset.
    by_name: HashMap<String, Asset>,
    /// Hashed name -> logical name.
    by_hashed: HashMap<String, String>,
}

impl Assets {
    /// Reads every file directly in `dir`.
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let mut assets = Self::default();
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if !path.is_file() {
                continue;
            }
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                continue;
            };
            let digest = hex::encode(Sha256::digest(fs::read(&path)?));
            let hashed = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{}.{ext}", &digest[..12]),
                None => format!("{name}.{}", &digest[..12]),
            };
            assets.by_hashed.insert(hashed.clone(), name.clone());
            assets.by_name.insert(name, Asset { path, hashed });
        }
        Ok(assets)
    }

    /// The URL templates link to: `/static/<hashed name>`. Falls back to the
    /// plain name so a missing file shows up as a 404, not a panic.
    pub fn url(&self, name: &str) -> String {
        match self.by_name.get(name) {
            Some(asset) => crate::urls::asset(&asset.hashed),
            None => crate::urls::asset(name),
        }
    }

    /// Every asset, in name order.
    pub fn iter(&self) -> impl Iterator<Item = &Asset> {
        let mut assets: Vec<&Asset> = self.by_name.values().collect();
        assets.sort_by(|a, b| a.hashed.cmp(&b.hashed));
        assets.into_iter()
    }

    /// Resolves a requested file name; `true` when it was the hashed name
    /// (and so may be cached forever).
    pub fn resolve(&self, requested: &str) -> Option<(&Asset, bool)> {
        if let Some(name) = self.by_hashed.get(requested) {
            return self.by_name.get(name).map(|a| (a, true));
        }
        self.by_name.get(requested).map(|a| (a, false))
    }
}

/// The assets of the running site, for the code that answers without the
/// app state: error pages come from middleware too (405, 413, 414), before
/// any handler could hand them the state.
static SHARED: OnceLock<Assets> = OnceLock::new();

/// Makes `assets` the ones [`url`] links to. The first call wins: a process
/// serves one static directory, and every `AppState` of it loads the same.
pub fn share(assets: &Assets) {
    SHARED.get_or_init(|| assets.clone());
}

/// [`Assets::url`] of the shared assets; before any are shared, the plain
/// name, which the static route still serves.
pub fn url(name: &str) -> String {
    match SHARED.get() {
        Some(assets) => assets.url(name),
        None => crate::urls::asset(name),
    }
}
