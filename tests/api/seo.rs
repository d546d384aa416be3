//! What search engines read: robots.txt, the sitemap, feeds, head metadata
//! and JSON-LD, parsed and checked against the visible pages.
use std::collections::{BTreeSet, HashMap};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::helpers::{BASE_URL, Options, TestApp, attrs, spawn_app, spawn_app_with, texts};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

pub const PUBLISHED_ROLES: [&str; 7] = [
    "accessibility-tester",
    "manual-tester",
    "performance-tester",
    "quality-engineer",
    "release-manager",
    "security-tester",
    "test-automation-engineer",
];

/// The path of an absolute site URL, which the test app serves.
pub fn path_of(url: &str) -> &str {
    url.strip_prefix(BASE_URL)
        .filter(|p| p.starts_with('/'))
        .unwrap_or_else(|| panic!("{url} is not an absolute URL under {BASE_URL}"))
}

async fn body(app: &TestApp, path: &str, content_type: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    assert_eq!(response.headers()["content-type"], content_type, "{path}");
    response.text().await.unwrap()
}

/// `(loc, lastmod)` of every `<url>` in the sitemap.
async fn sitemap(app: &TestApp) -> Vec<(String, Option<String>)> {
    let xml = body(app, "/sitemap.xml", "application/xml; charset=utf-8").await;
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    root.children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert_eq!(url.tag_name().name(), "url");
            let child = |name: &str| {
                url.children()
                    .find(|n| n.has_tag_name((SITEMAP_NS, name)))
                    .and_then(|n| n.text())
                    .map(str::to_owned)
            };
            (child("loc").expect("every url has a loc"), child("lastmod"))
        })
        .collect()
}

/// Every page a crawler finds from `/robots.txt` alone.
pub async fn crawl(app: &TestApp) -> Vec<String> {
    let robots = body(app, "/robots.txt", "text/plain; charset=utf-8").await;
    let sitemap_url = robots
        .lines()
        .find_map(|l| l.strip_prefix("Sitemap: "))
        .expect("robots.txt names the sitemap");
    assert_eq!(sitemap_url, format!("{BASE_URL}/sitemap.xml"));
    assert!(
        !robots.lines().any(|l| l.trim() == "Disallow: /"),
        "{robots}"
    );
    sitemap(app).await.into_iter().map(|(loc, _)| loc).collect()
}

#[tokio::test]
async fn the_sitemap_lists_every_published_page_and_each_answers() {
    let app = spawn_app().await;
    let urls = sitemap(&app).await;
    let lastmod: HashMap<&str, Option<&str>> = urls
        .iter()
        .map(|(loc, m)| (path_of(loc), m.as_deref()))
        .collect();
    assert_eq!(lastmod.len(), urls.len(), "no URL is listed twice");

    let mut expected = vec![
        "/".to_owned(),
        "/roles".into(),
        "/categories/testing".into(),
        "/categories/empty-field".into(),
        "/salaries".into(),
    ];
    expected.extend(PUBLISHED_ROLES.iter().map(|s| format!("/roles/{s}")));
    for path in &expected {
        assert!(lastmod.contains_key(path.as_str()), "{path} is missing");
    }
    assert!(
        !lastmod.contains_key("/roles/beta-tester"),
        "drafts never appear"
    );
    assert!(
        !lastmod.contains_key("/roles/automation-tester"),
        "nor aliases"
    );
    assert!(
        lastmod.keys().any(|p| p.starts_with("/salaries/")),
        "the salary pages are listed"
    );

    // lastmod comes from the content, never the build time.
    assert_eq!(lastmod["/roles/quality-engineer"], Some("2026-10-01"));
    assert_eq!(lastmod["/categories/testing"], Some("2026-10-01"));
    assert_eq!(
        lastmod["/categories/empty-field"], None,
        "no roles, no date"
    );

    for (loc, _) in &urls {
        let response = app.get(path_of(loc)).await;
        assert_eq!(response.status(), 200, "{loc}");
    }
    // Split into parts only past 50,000 URLs.
    assert_eq!(app.get("/sitemap-1.xml").await.status(), 404);
}

#[tokio::test]
async fn lastmod_follows_the_latest_role_update() {
    let app = spawn_app().await;
    let file = app.content_dir.join("roles/manual-tester.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("updated = 2026-10-01", "updated = 2026-11-24"),
    )
    .unwrap();
    app.state.republish().await.unwrap();
    let urls = sitemap(&app).await;
    let lastmod = |path: &str| {
        urls.iter()
            .find(|(loc, _)| path_of(loc) == path)
            .and_then(|(_, m)| m.clone())
    };
    assert_eq!(
        lastmod("/roles/manual-tester").as_deref(),
        Some("2026-11-24")
    );
    assert_eq!(
        lastmod("/roles/quality-engineer").as_deref(),
        Some("2026-10-01")
    );
    assert_eq!(
        lastmod("/categories/testing").as_deref(),
        Some("2026-11-24")
    );
    assert_eq!(lastmod("/").as_deref(), Some("2026-11-24"));
}

#[tokio::test]
async fn drafts_stay_out_of_sitemap_and_feeds_even_in_preview() {
    let app = spawn_app_with(Options {
        drafts: true,
        ..Options::default()
    })
    .await;
    assert_eq!(app.get("/roles/beta-tester").await.status(), 200);
    let urls = sitemap(&app).await;
    assert!(!urls.iter().any(|(loc, _)| loc.ends_with("/beta-tester")));
    for feed in ["/feed.xml", "/categories/testing/feed.xml"] {
        let (_, entries) = atom(&app, feed).await;
        assert!(
            !entries.iter().any(|e| e.link.ends_with("/beta-tester")),
            "{feed}"
        );
    }
}

#[tokio::test]
async fn robots_txt_leads_a_crawler_to_every_page() {
    let app = spawn_app().await;
    let pages = crawl(&app).await;
    for page in &pages {
        let path = path_of(page);
        let html = app.page(path).await;
        assert_eq!(
            attrs(&html, "link[rel=canonical]", "href"),
            [page.as_str()],
            "the sitemap lists canonical URLs"
        );
    }
}

struct AtomEntry {
    id: String,
    title: String,
    updated: OffsetDateTime,
    link: String,
    summary: String,
}

/// The feed's `updated` and its entries, checking what Atom requires.
async fn atom(app: &TestApp, path: &str) -> (OffsetDateTime, Vec<AtomEntry>) {
    let xml = body(app, path, "application/atom+xml; charset=utf-8").await;
    let doc = roxmltree::Document::parse(&xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM_NS, "feed")), "{path}");
    let text = |node: roxmltree::Node, name: &str| -> String {
        node.children()
            .find(|n| n.has_tag_name((ATOM_NS, name)))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("{path}: <{name}> is missing"))
            .to_owned()
    };
    let date = |s: String| {
        OffsetDateTime::parse(&s, &Rfc3339).unwrap_or_else(|e| panic!("{path}: {s}: {e}"))
    };
    let link = |node: roxmltree::Node, rel: &str| -> String {
        node.children()
            .find(|n| n.has_tag_name((ATOM_NS, "link")) && n.attribute("rel") == Some(rel))
            .and_then(|n| n.attribute("href"))
            .unwrap_or_else(|| panic!("{path}: no rel={rel} link"))
            .to_owned()
    };
    assert!(!text(feed, "title").is_empty());
    assert!(!text(feed, "id").is_empty());
    assert_eq!(link(feed, "self"), format!("{BASE_URL}{path}"));
    let author = feed
        .children()
        .find(|n| n.has_tag_name((ATOM_NS, "author")))
        .expect("a feed author");
    assert!(!text(author, "name").is_empty());
    let updated = date(text(feed, "updated"));
    let entries = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM_NS, "entry")))
        .map(|e| AtomEntry {
            id: text(e, "id"),
            title: text(e, "title"),
            updated: date(text(e, "updated")),
            link: link(e, "alternate"),
            summary: text(e, "summary"),
        })
        .collect();
    (updated, entries)
}

#[tokio::test]
async fn feeds_list_roles_newest_first_and_every_link_answers() {
    let app = spawn_app().await;
    sqlx::query("UPDATE roles SET updated = '2026-11-15' WHERE slug = 'security-tester'")
        .execute(&app.state.pool)
        .await
        .unwrap();

    let (updated, entries) = atom(&app, "/feed.xml").await;
    let slugs: BTreeSet<&str> = entries.iter().map(|e| path_of(&e.link)).collect();
    let expected: BTreeSet<String> = PUBLISHED_ROLES
        .iter()
        .map(|s| format!("/roles/{s}"))
        .collect();
    assert_eq!(slugs, expected.iter().map(String::as_str).collect());
    assert_eq!(path_of(&entries[0].link), "/roles/security-tester");
    assert!(entries.windows(2).all(|w| w[0].updated >= w[1].updated));
    assert_eq!(
        updated, entries[0].updated,
        "the feed is as new as its newest entry"
    );
    assert_eq!(
        entries[0].updated.to_string(),
        "2026-11-15 0:00:00.0 +00:00:00"
    );

    let ids: BTreeSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
    for entry in &entries {
        let html = app.page(path_of(&entry.link)).await;
        assert_eq!(texts(&html, "h1"), [entry.title.as_str()]);
        assert_eq!(
            attrs(&html, "meta[name=description]", "content"),
            [entry.summary.as_str()]
        );
    }

    let (_, testing) = atom(&app, "/categories/testing/feed.xml").await;
    assert_eq!(testing.len(), PUBLISHED_ROLES.len());
    assert_eq!(path_of(&testing[0].link), "/roles/security-tester");
    let (_, empty) = atom(&app, "/categories/empty-field/feed.xml").await;
    assert!(empty.is_empty());
    assert_eq!(app.get("/categories/nope/feed.xml").await.status(), 404);
}

#[tokio::test]
async fn pages_advertise_feeds_that_exist() {
    let app = spawn_app().await;
    for (page, feeds) in [
        ("/", vec!["/feed.xml"]),
        (
            "/categories/testing",
            vec!["/feed.xml", "/categories/testing/feed.xml"],
        ),
        (
            "/roles/quality-engineer",
            vec!["/feed.xml", "/categories/testing/feed.xml"],
        ),
    ] {
        let html = app.page(page).await;
        let links = attrs(
            &html,
            r#"link[rel=alternate][type="application/atom+xml"]"#,
            "href",
        );
        assert_eq!(links, feeds, "{page}");
        for feed in links {
            assert_eq!(app.get(&feed).await.status(), 200, "{feed}");
        }
    }
}
