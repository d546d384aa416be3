//! What each page is made from, as one hash, so that an export can skip the
//! pages whose inputs did not change since the last one. A page's inputs
//! are: the program (templates are compiled in), the assets, `BASE_URL` and
//! the wage data (all pages), plus its own files and the cards of the roles
//! it lists. Pages whose inputs are not worked out here (home, indexes,
//! the site feed, sitemap) are always rendered: they are few.
use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::content::site::markdown_files;
use crate::db::queries::{self, RoleSummary};
use crate::oews;
use crate::routes::SIDEBAR_SIZE;
use crate::state::AppState;
use crate::urls;

/// Request path -> hash of everything the page is made from.
pub async fn pages(state: &AppState) -> anyhow::Result<HashMap<String, String>> {
    let pool = &state.pool;
    let global = global(state).await?;
    let content_dir = state.settings.content_dir.clone();
    let (role_files, category_files) = tokio::task::spawn_blocking(move || {
        (
            file_hashes(&content_dir, "roles"),
            file_hashes(&content_dir, "categories"),
        )
    })
    .await?;
    let cards = queries::all_roles(pool, false).await?;
    let socs: HashMap<String, String> = queries::role_soc_codes(pool).await?.into_iter().collect();

    let mut by_category: HashMap<&str, Vec<&RoleSummary>> = HashMap::new();
    for card in &cards {
        by_category
            .entry(card.category_slug.as_str())
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
        members.iter().for_each(|c| card(&mut hash, c));
        let listing = hash.finalize();
        pages.insert(urls::category(category), hex::encode(listing));
        // The category's feed lists a subset of the same cards; with none,
        // its date is the site's latest update.
        let mut feed = Sha256::new();
        feed.update(listing);
        field(&mut feed, &format!("{:?}", latest_update));
        pages.insert(urls::category_feed(category), hex::encode(feed.finalize()));

        for role in members {
            let mut hash = Sha256::new();
            hash.update(&global);
            hash.update(role_files.get(&role.slug).unwrap_or(&none));
            hash.update(category_file);
            // The sidebar: the first roles of the category other than this.
            members
                .iter()
                .filter(|s| s.slug != role.slug)
                .take(SIDEBAR_SIZE as usize)
                .for_each(|c| card(&mut hash, c));
            pages.insert(urls::role(&role.slug), hex::encode(hash.finalize()));
        }
    }
    let mut by_code: HashMap<&str, Vec<&RoleSummary>> = HashMap::new();
    for c in &cards {
        if let Some(code) = socs.get(&c.slug) {
            by_code.entry(code.as_str()).or_default().push(c);
        }
    }
    for code in oews::salary_page_codes(pool).await? {
        let mut hash = Sha256::new();
        hash.update(&global);
        for c in by_code.get(code.as_str()).into_iter().flatten() {
            card(&mut hash, c);
        }
        pages.insert(urls::salary(&code), hex::encode(hash.finalize()));
    }
    Ok(pages)
}

/// What every page depends on.
async fn global(state: &AppState) -> anyhow::Result<Vec<u8>> {
    let mut hash = Sha256::new();
    let exe = std::env::current_exe()?;
    let program = tokio::task::spawn_blocking(move || std::fs::read(exe)).await??;
    hash.update(Sha256::digest(&program));
    hash.update(state.base_url.as_str());
    for asset in state.assets.iter() {
        field(&mut hash, &asset.hashed);
    }
    for sha in oews::wage_import_hashes(&state.pool).await? {
        field(&mut hash, &sha);
    }
    Ok(hash.finalize().to_vec())
}

fn file_hashes(dir: &Path, kind: &str) -> HashMap<String, String> {
    markdown_files(dir, kind)
        .into_iter()
        .filter_map(|(path, slug)| {
            let bytes = std::fs::read(&path).ok()?;
            Some((slug.to_string(), hex::encode(Sha256::digest(bytes))))
        })
        .collect()
}

/// A role as lists show it: what a change to another role can alter here.
fn card(hash: &mut Sha256, c: &RoleSummary) {
    for value in [
        &c.slug,
        &c.title,
        &c.summary,
        &c.category_slug,
        &c.currency,
        &c.updated.to_string(),
    ] {
        field(hash, value);
    }
    field(
        hash,
        &format!("{} {} {}", c.salary_min, c.salary_max, c.draft),
    );
}

/// One value, delimited so that ("ab", "c") and ("a", "bc") differ.
fn field(hash: &mut Sha256, value: &str) {
    hash.update((value.len() as u64).to_le_bytes());
    hash.update(value);
}
