//! What each page is made from, as one hash, so that an export can skip the
//! pages whose inputs did not change since the last one. A page's inputs
//! are: the program (templates are compiled in), the assets, `BASE_URL` and
//! the wage data (all pages), plus its own files and the cards of the roles
//! it lists. Pages whose inputs are not worked out here (home, indexes,
//! the site feed, sitemap, assets, the 404 page) get the site's hash:
//! everything above plus every content file, so they are rendered again
//! when anything changed, and only then.
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::content::site::markdown_files;
use crate::datasets::oews;
use crate::db::content_files;
use crate::db::queries::{self, RoleSummary};
use crate::state::AppState;
use crate::urls;

pub struct Fingerprints {
    /// Request path -> hash of everything the page is made from.
    pages: HashMap<String, String>,
    /// Everything any page is made from.
    site: String,
    /// The program's file, for the next export.
    pub program: Source,
}

/// The program file's hash, and what identified the file when it was read.
/// While size, modification and change times and inode are the same, the
/// hash of the last export is used without reading the file again (the
/// test make and rsync use, with the change time, which no program sets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub stamp: String,
    pub sha256: String,
}

impl Fingerprints {
    /// The hash of what the page at `path` is made from.
    pub fn get(&self, path: &str) -> &str {
        self.pages.get(path).unwrap_or(&self.site)
    }
}

/// `program`: the program of the last export. Role files are known by the
/// hashes the publish just recorded (`content_files`); the few category
/// files are read here.
pub async fn pages(state: &AppState, program: Option<Source>) -> anyhow::Result<Fingerprints> {
    let pool = &state.pool;
    let recorded = content_files::hashes(pool).await?;
    // The files are listed and hashed on another thread while the queries run.
    let content_dir = state.settings.content_dir.clone();
    let files = tokio::task::spawn_blocking(move || {
        let exe = std::env::current_exe()?;
        let program = source(&exe, program.as_ref())
            .ok_or_else(|| std::io::Error::other("cannot read the program's file"))?;
        let roles = file_hashes(&content_dir, "roles", &recorded);
        let categories = file_hashes(&content_dir, "categories", &HashMap::new());
        std::io::Result::Ok((program, roles, categories))
    });
    let cards = queries::all_roles(pool, false).await?;
    let socs: HashMap<String, String> = queries::role_soc_codes(pool).await?.into_iter().collect();
    let salary_codes = oews::salary_page_codes(pool).await?;
    // The projections are data pages show, like the wages.
    let mut wage_hashes = oews::wage_import_hashes(pool).await?;
    wage_hashes.extend(crate::datasets::projections::import_hashes(pool).await?);
    wage_hashes.extend(crate::datasets::onet::import_hashes(pool).await?);
    let (program, role_files, category_files) = files.await??;
    let global = global(
        state,
        &program.sha256,
        &wage_hashes,
        &profile_links(&cards, &socs),
    );
    let mut site = Sha256::new();
    site.update(&global);
    for files in [&role_files, &category_files] {
        for (slug, sha) in files.iter().collect::<BTreeMap<_, _>>() {
            field(&mut site, slug);
            field(&mut site, sha);
        }
    }
    let site = hex::encode(site.finalize());

    // Each card is hashed once; pages hash the digests of the cards they
    // show (a role's sidebar shows six: hashing the cards themselves took
    // most of this phase).
    let cards: Vec<Card> = cards
        .iter()
        .map(|summary| Card {
            summary,
            digest: card_digest(summary),
        })
        .collect();
    let mut by_category: HashMap<&str, Vec<&Card>> = HashMap::new();
    for card in &cards {
        by_category
            .entry(card.summary.category_slug.as_str())
            .or_default()
            .push(card);
    }
    let mut pages = HashMap::new();
    let none = String::new();
    let latest_update = state.published.current().latest_update;
    for (category, members) in &by_category {
        let category_file = category_files.get(*category).unwrap_or(&none);
        let mut hash = Sha256::new();
        hash.update(&global);
        hash.update(category_file);
        members.iter().for_each(|c| hash.update(c.digest));
        let listing = hash.finalize();
        pages.insert(urls::category(category), hex::encode(listing));
        // The category's feed lists a subset of the same cards; with none,
        // its date is the site's latest update.
        let mut feed = Sha256::new();
        feed.update(listing);
        field(&mut feed, &format!("{:?}", latest_update));
        pages.insert(urls::category_feed(category), hex::encode(feed.finalize()));

        for role in members {
            let slug = &role.summary.slug;
            let mut hash = Sha256::new();
            hash.update(&global);
            hash.update(role_files.get(slug).unwrap_or(&none));
            hash.update(category_file);
            // The sidebar shows the category's roles nearest in work, so
            // any of them may appear: every card of the category counts.
            members
                .iter()
                .filter(|s| s.summary.slug != *slug)
                .for_each(|c| hash.update(c.digest));
            pages.insert(urls::role(slug), hex::encode(hash.finalize()));
        }
    }
    let mut by_code: HashMap<&str, Vec<&Card>> = HashMap::new();
    for c in &cards {
        if let Some(code) = socs.get(&c.summary.slug) {
            by_code.entry(code.as_str()).or_default().push(c);
        }
    }
    for code in salary_codes {
        let mut hash = Sha256::new();
        hash.update(&global);
        for c in by_code.get(code.as_str()).into_iter().flatten() {
            hash.update(c.digest);
        }
        pages.insert(urls::salary(&code), hex::encode(hash.finalize()));
    }
    Ok(Fingerprints {
        pages,
        site,
        program,
    })
}

/// What every page depends on.
/// Career moves and pinned moves link to profiles by SOC code and show
/// their titles, on role and occupation pages alike: a digest of every
/// published role's slug, title and SOC code.
fn profile_links(cards: &[RoleSummary], socs: &HashMap<String, String>) -> String {
    let mut hash = Sha256::new();
    for card in cards.iter().filter(|c| !c.draft) {
        field(&mut hash, &card.slug);
        field(&mut hash, &card.title);
        field(&mut hash, socs.get(&card.slug).map_or("", String::as_str));
    }
    hex::encode(hash.finalize())
}

fn global(state: &AppState, program: &str, wage_hashes: &[String], profiles: &str) -> Vec<u8> {
    let mut hash = Sha256::new();
    field(&mut hash, profiles);
    hash.update(program);
    hash.update(state.base_url.as_str());
    for asset in state.assets.iter() {
        field(&mut hash, &asset.hashed);
    }
    for sha in wage_hashes {
        field(&mut hash, sha);
    }
    hash.finalize().to_vec()
}

/// Slug -> hash of its file, for the files of one kind: the hash
/// `recorded` for the file's path, or else its bytes' hash.
fn file_hashes(
    dir: &Path,
    kind: &str,
    recorded: &HashMap<String, String>,
) -> HashMap<String, String> {
    markdown_files(dir, kind)
        .into_iter()
        .filter_map(|(path, slug)| {
            let hash = match recorded.get(path.to_string_lossy().as_ref()) {
                Some(hash) => hash.clone(),
                None => hex::encode(Sha256::digest(std::fs::read(&path).ok()?)),
            };
            Some((slug.to_string(), hash))
        })
        .collect()
}

/// The file's `Source`: `previous` when the file is still that one, else
/// read and hashed. `None` when it cannot be read.
fn source(path: &Path, previous: Option<&Source>) -> Option<Source> {
    let stamp = stamp(&std::fs::metadata(path).ok()?);
    if let Some(previous) = previous.filter(|p| p.stamp == stamp) {
        return Some(previous.clone());
    }
    let bytes = std::fs::read(path).ok()?;
    Some(Source {
        stamp,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

#[cfg(unix)]
fn stamp(meta: &std::fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    format!(
        "{} {}.{:09} {}.{:09} {}",
        meta.size(),
        meta.mtime(),
        meta.mtime_nsec(),
        meta.ctime(),
        meta.ctime_nsec(),
        meta.ino()
    )
}

#[cfg(not(unix))]
fn stamp(meta: &std::fs::Metadata) -> String {
    format!("{} {:?}", meta.len(), meta.modified().ok())
}

/// A role as lists show it, and its digest.
struct Card<'a> {
    summary: &'a RoleSummary,
    digest: [u8; 32],
}

/// The hash of a role as lists show it: what a change to another role can
/// alter on a page that lists it.
fn card_digest(c: &RoleSummary) -> [u8; 32] {
    let mut hash = Sha256::new();
    for value in [
        &c.slug,
        &c.title,
        &c.summary,
        &c.category_slug,
        &c.currency,
        &c.updated.to_string(),
    ] {
        field(&mut hash, value);
    }
    field(
        &mut hash,
        &format!("{} {} {}", c.salary_min, c.salary_max, c.draft),
    );
    hash.finalize().into()
}

/// One value, delimited so that ("ab", "c") and ("a", "bc") differ.
fn field(hash: &mut Sha256, value: &str) {
    hash.update((value.len() as u64).to_le_bytes());
    hash.update(value);
}
