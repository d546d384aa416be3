//! The modules of `src/` import each other one way: no two files name each
//! other (`crate::a::b` or `super::b`), so each can be read, tested and
//! changed from the bottom up. Comments and unit tests are not imports.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`routes::sitemap`) -> source text without comments and tests.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            if parts.iter().any(|p| p == "tests") || parts == ["lib"] || parts == ["main"] {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: String = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(parts.join("::"), code);
        }
    }
    out
}

/// The longest known module that `path` (`a::b::item`) names.
fn resolve<'a>(known: &'a BTreeMap<String, String>, path: &str) -> Option<&'a str> {
    let segments: Vec<&str> = path.split("::").collect();
    (1..=segments.len())
        .rev()
        .map(|n| segments[..n].join("::"))
        .find_map(|m| known.get_key_value(&m).map(|(k, _)| k.as_str()))
}

fn paths_after<'a>(code: &'a str, prefix: &'a str) -> impl Iterator<Item = String> + 'a {
    code.match_indices(prefix).map(move |(i, _)| {
        code[i + prefix.len()..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == ':')
            .collect::<String>()
            .trim_end_matches(':')
            .to_owned()
    })
}

#[test]
fn no_two_modules_import_each_other() {
    let modules = modules();
    assert!(modules.len() > 50, "the sources are read");
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, code) in &modules {
        let parent: Vec<&str> = name.split("::").collect();
        let parent = parent[..parent.len() - 1].join("::");
        let named = paths_after(code, "crate::").chain(paths_after(code, "super::").map(|p| {
            if parent.is_empty() {
                p
            } else {
                format!("{parent}::{p}")
            }
        }));
        for path in named {
            if let Some(target) = resolve(&modules, &path) {
                let nested = name.starts_with(&format!("{target}::"))
                    || target.starts_with(&format!("{name}::"));
                if target != name && !nested {
                    edges.entry(name).or_default().insert(target);
                }
            }
        }
    }
    let circles: Vec<String> = edges
        .iter()
        .flat_map(|(a, targets)| targets.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a < b && edges.get(b).is_some_and(|t| t.contains(a)))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        circles.is_empty(),
        "modules importing each other: {circles:?}"
    );
}
