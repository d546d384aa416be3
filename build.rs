//! `sqlx::migrate!` embeds the migrations at compile time: rebuild when one
//! is added or edited.
//!
//! `CONTENT_LOADER_BUILD` identifies the code that turns content files into
//! database rows (`src/content`, `src/domain`, the writers of role and
//! search rows in `src/db` and `src/search/words.rs`, the migrations, and the
//! crates in `Cargo.lock`, such as the markdown renderer): a publish parses
//! again every file it read with a different loader.
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let inputs = [
        "src/content",
        "src/domain",
        "src/db/sync.rs",
        "src/db/search_index.rs",
        "src/search/words.rs",
        "migrations",
        "Cargo.lock",
    ];
    let mut files = BTreeMap::new();
    for dir in inputs {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for (path, bytes) in &files {
        path.hash(&mut hasher);
        bytes.hash(&mut hasher);
    }
    println!(
        "cargo:rustc-env=CONTENT_LOADER_BUILD={:016x}",
        hasher.finish()
    );
}

fn collect(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    if dir.is_file() {
        if let Ok(bytes) = std::fs::read(dir) {
            files.insert(dir.to_owned(), bytes);
        }
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if let Ok(bytes) = std::fs::read(&path) {
            files.insert(path, bytes);
        }
    }
}
