//! Every real file in `content/`: it loads with no error or warning, and the
//! library meets the editorial bar (complete, original, distinct profiles).
use std::collections::{HashMap, HashSet};
use std::path::Path;

use career_guide::content::{self, Site};

fn real_site() -> Site {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = time::OffsetDateTime::now_utc().date();
    let (site, report) = content::load(&dir, today);
    assert!(
        report.diagnostics.is_empty(),
        "content/ has problems:\n{report}"
    );
    site
}

#[test]
fn every_content_file_loads_cleanly() {
    let site = real_site();
    assert_eq!(site.file_count, site.roles.len() + site.categories.len());
}

#[test]
fn the_library_is_broad_and_every_sidebar_is_full() {
    let site = real_site();
    assert!(
        site.categories.len() >= 8,
        "{} categories",
        site.categories.len()
    );
    assert!(site.roles.len() >= 48, "{} roles", site.roles.len());
    for category in site.categories.keys() {
        let count = site
            .roles
            .values()
            .filter(|r| &r.category == category && !r.draft)
            .count();
        assert!(
            count >= 7,
            "category {category} has {count} roles; a sidebar of 6 siblings needs at least 7"
        );
    }
}
