//! `.export-manifest.json` in the export directory: the files the last
//! export wrote, the input hash of each page and of the program, so the
//! next export knows what it may skip and what to remove.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fingerprint::Source;

const FILE: &str = ".export-manifest.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Request path -> hash of the page's inputs.
    pub pages: BTreeMap<String, String>,
    /// Every file written, relative to the export directory.
    pub files: BTreeSet<String>,
    /// The hash of the program that wrote the export.
    #[serde(default)]
    pub program: Option<Source>,
    /// Whether text files have `.gz` and `.br` siblings (they always had,
    /// before the option).
    #[serde(default = "yes")]
    pub precompressed: bool,
}

fn yes() -> bool {
    true
}

impl Manifest {
    /// The last export's manifest; empty (export everything) when there is
    /// none or it cannot be read.
    pub fn read(dir: &Path) -> Self {
        Self::try_read(dir).unwrap_or_default()
    }

    pub fn try_read(dir: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read(dir.join(FILE))?;
        Ok(serde_json::from_slice(&text)?)
    }

    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let text = serde_json::to_vec_pretty(self)?;
        super::write_if_changed(&dir.join(FILE), &text)?;
        Ok(())
    }

    /// Removes the files this manifest lists that `next` does not.
    pub fn remove_stale(&self, next: &Manifest, dir: &Path) -> std::io::Result<usize> {
        let mut removed = 0;
        for file in self.files.difference(&next.files) {
            match std::fs::remove_file(dir.join(file)) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(removed)
    }
}
