//! Every real file in `content/`: it loads with no error or warning, and the
//! library meets the editorial bar (complete, original, distinct profiles).
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use career_guide::content::{self, Site};
use sha2::{Digest, Sha256};

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
        site.categories.len() >= 16,
        "{} categories",
        site.categories.len()
    );
    assert!(site.roles.len() >= 128, "{} roles", site.roles.len());
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

/// The markdown body of every role file, by file name.
fn role_bodies() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/roles");
    let mut bodies: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let body = text.splitn(3, "+++").nth(2).unwrap_or_default().to_owned();
            (p.file_name().unwrap().to_string_lossy().into_owned(), body)
        })
        .collect();
    bodies.sort();
    bodies
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Paragraphs and list items of eight words or more, whitespace-normalised.
fn blocks(body: &str) -> Vec<String> {
    body.split("\n\n")
        .flat_map(|block| {
            if block.trim_start().starts_with("- ") {
                block.lines().map(str::to_owned).collect::<Vec<_>>()
            } else {
                vec![block.to_owned()]
            }
        })
        .map(|b| {
            b.trim()
                .trim_start_matches("- ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|b| !b.starts_with('#') && b.split(' ').count() >= 8)
        .collect()
}

#[test]
fn no_paragraph_appears_in_two_profiles() {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut repeated = Vec::new();
    for (file, body) in role_bodies() {
        for block in blocks(&body) {
            if let Some(other) = seen.insert(block.clone(), file.clone())
                && other != file
            {
                repeated.push(format!("{file} and {other}: {block}"));
            }
        }
    }
    assert!(
        repeated.is_empty(),
        "repeated paragraphs:\n{}",
        repeated.join("\n")
    );
}

#[test]
fn no_two_profiles_read_alike() {
    const MAX_OVERLAP: f64 = 0.05;
    let shingles: Vec<(String, HashSet<Vec<String>>)> = role_bodies()
        .into_iter()
        .map(|(file, body)| {
            (
                file,
                words(&body).windows(5).map(<[String]>::to_vec).collect(),
            )
        })
        .collect();
    for (i, (a, sa)) in shingles.iter().enumerate() {
        for (b, sb) in &shingles[i + 1..] {
            let overlap = sa.intersection(sb).count() as f64 / sa.union(sb).count() as f64;
            assert!(
                overlap < MAX_OVERLAP,
                "{a} and {b} share {:.1}% of their 5-word shingles",
                overlap * 100.0
            );
        }
    }
}

#[test]
fn every_profile_is_complete() {
    let site = real_site();
    for role in site.roles.values() {
        let file = role.path.display();
        assert!(
            (800..=1600).contains(&role.word_count),
            "{file}: {} words of body",
            role.word_count
        );
        assert!(
            role.duties.len() >= 8,
            "{file}: {} duties",
            role.duties.len()
        );
        assert!(
            role.faqs.len() >= 3,
            "{file}: {} questions",
            role.faqs.len()
        );
        assert!(role.cover_letter_html.is_some(), "{file}: no cover letter");
        assert!(
            role.cover_letter_word_count >= 150,
            "{file}: a {}-word cover letter",
            role.cover_letter_word_count
        );
        assert!(role.soc_code.is_some(), "{file}: no soc_code");
        assert!(role.soc_match.is_some(), "{file}: no soc_match");
        assert!(
            (3..=12).contains(&role.skills.len()),
            "{file}: {} skills",
            role.skills.len()
        );
        assert!(
            !role.draft,
            "{file}: drafts do not belong in the published library"
        );
    }
}

/// Fingerprints of every eight-word run of the example page our profiles
/// are modelled on (`../shared/seed`, beside the project in its working
/// environment): the first 16 hex digits of the SHA-256 of the run's
/// lower-cased words joined by spaces. Kept in the repository, so the check
/// below runs everywhere, without the page's text.
const SEED_RUNS: &str = "tests/fixtures/seed-runs.txt";

fn run_fingerprint(run: &[String]) -> String {
    let digest = Sha256::digest(run.join(" ").as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn seed_fingerprints_from(seed_dir: &Path) -> Option<BTreeSet<String>> {
    let entries = std::fs::read_dir(seed_dir).ok()?;
    let mut runs = BTreeSet::new();
    for entry in entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        runs.extend(words(&text).windows(8).map(run_fingerprint));
    }
    Some(runs)
}

fn seed_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed")
}

/// No eight-word run of the example page appears in our content.
#[test]
fn nothing_is_copied_from_the_example_page() {
    let kept = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_RUNS))
        .expect("the example page's fingerprints are kept in the repository");
    let seed_runs: BTreeSet<String> = kept.lines().map(str::to_owned).collect();
    assert!(seed_runs.len() > 1000, "{SEED_RUNS} holds the whole page");
    // Where the page itself is at hand, the kept fingerprints are its own.
    if let Some(fresh) = seed_fingerprints_from(&seed_dir()) {
        assert_eq!(
            fresh, seed_runs,
            "{SEED_RUNS} is stale: run the ignored test `write_seed_fingerprints`"
        );
    }
    for (file, body) in role_bodies() {
        let copied: Vec<String> = words(&body)
            .windows(8)
            .filter(|w| seed_runs.contains(&run_fingerprint(w)))
            .map(|w| w.join(" "))
            .collect();
        assert!(
            copied.is_empty(),
            "{file} repeats the example page: {copied:?}"
        );
    }
}

/// Rewrites the kept fingerprints from `../shared/seed`.
#[test]
#[ignore = "writes tests/fixtures/seed-runs.txt from ../shared/seed"]
fn write_seed_fingerprints() {
    let runs = seed_fingerprints_from(&seed_dir()).expect("../shared/seed is present");
    let mut text: String = runs.into_iter().map(|r| r + "\n").collect();
    text.shrink_to_fit();
    std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_RUNS), text).unwrap();
}

/// Each role's range sits inside the BLS 10th-90th percentile band of its
/// occupation, read from the wage data the project ships.
#[test]
fn salary_ranges_are_honest_against_bls_wages() {
    let site = real_site();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/oews-2025");
    let bands =
        career_guide::commands::check::wage_bands(&data).expect("the shipped wage data parses");
    let mut problems = Vec::new();
    content::wage_checks::check(&site.role_facts(), &bands, &mut problems);
    let problems: Vec<String> = problems.iter().map(|d| d.headline()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every profile cites at least two sources, one of them the BLS, each an
/// https address checked within the last 18 months; a related occupation
/// says why.
#[test]
fn every_profile_cites_its_sources() {
    let site = real_site();
    for role in site.roles.values() {
        let file = role.path.display();
        assert!(
            role.sources.len() >= 2,
            "{file}: {} sources",
            role.sources.len()
        );
        assert!(
            role.sources
                .iter()
                .any(|s| s.url.starts_with("https://www.bls.gov/")),
            "{file}: no BLS source"
        );
        for source in &role.sources {
            assert!(source.url.starts_with("https://"), "{file}: {}", source.url);
            assert!(
                !source.title.is_empty() && !source.publisher.is_empty(),
                "{file}"
            );
        }
        let related = role.soc_match == Some(career_guide::domain::SocMatch::Related);
        assert_eq!(
            related,
            role.soc_match_reason.is_some(),
            "{file}: a related occupation and its reason go together"
        );
    }
}

/// The library reaches the jobs most people do: at least 30 of the 50
/// detailed occupations with the highest U.S. employment have a profile.
#[test]
fn the_most_common_occupations_have_profiles() {
    let site = real_site();
    let national = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/oews-2025/national.csv");
    let mut reader = csv::Reader::from_path(national).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (code, level, employment) = (column("soc_code"), column("level"), column("employment"));
    let mut detailed: Vec<(u64, String)> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[level] == "3")
        .filter_map(|r| Some((r[employment].parse().ok()?, r[code].to_owned())))
        .collect();
    detailed.sort_by(|a, b| b.cmp(a));
    let profiled: std::collections::HashSet<&str> = site
        .roles
        .values()
        .filter_map(|r| r.soc_code.as_ref().map(|c| c.as_str()))
        .collect();
    let covered: Vec<&str> = detailed[..50]
        .iter()
        .map(|(_, c)| c.as_str())
        .filter(|c| profiled.contains(c))
        .collect();
    assert!(
        covered.len() >= 30,
        "{} of the top 50: {covered:?}",
        covered.len()
    );
}
