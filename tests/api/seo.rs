//! What search engines read: robots.txt, the sitemap, feeds, head metadata
//! and JSON-LD, parsed and checked against the visible pages.
use std::collections::{BTreeSet, HashMap};

use scraper::{Html, Selector};
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::helpers::{BASE_URL, Options, TestApp, attrs, spawn_app, spawn_app_with, texts};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

const PUBLISHED_ROLES: [&str; 7] = [
    "accessibility-tester",
    "manual-tester",
    "performance-tester",
    "quality-engineer",
    "release-manager",
    "security-tester",
    "test-automation-engineer",
];

/// The path of an absolute site URL, which the test app serves.
fn path_of(url: &str) -> &str {
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
async fn crawl(app: &TestApp) -> Vec<String> {
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
    sqlx::query("UPDATE roles SET updated = '2026-12-24' WHERE slug = 'manual-tester'")
        .execute(&app.state.pool)
        .await
        .unwrap();
    let urls = sitemap(&app).await;
    let lastmod = |path: &str| {
        urls.iter()
            .find(|(loc, _)| path_of(loc) == path)
            .and_then(|(_, m)| m.clone())
    };
    assert_eq!(
        lastmod("/roles/manual-tester").as_deref(),
        Some("2026-12-24")
    );
    assert_eq!(
        lastmod("/roles/quality-engineer").as_deref(),
        Some("2026-10-01")
    );
    assert_eq!(
        lastmod("/categories/testing").as_deref(),
        Some("2026-12-24")
    );
    assert_eq!(lastmod("/").as_deref(), Some("2026-12-24"));
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

fn one(html: &Html, selector: &str, attr: &str) -> String {
    let mut values = attrs(html, selector, attr);
    assert_eq!(values.len(), 1, "{selector}: {values:?}");
    values.remove(0)
}

#[tokio::test]
async fn every_page_has_unique_complete_head_metadata() {
    let app = spawn_app().await;
    let mut titles = HashMap::new();
    let mut descriptions = HashMap::new();
    for url in crawl(&app).await {
        let html = app.page(path_of(&url)).await;
        assert_eq!(attrs(&html, "html", "lang"), ["en"], "{url}");
        let title = texts(&html, "title").remove(0);
        let description = one(&html, "meta[name=description]", "content");
        assert!(!title.is_empty() && !description.is_empty(), "{url}");
        if let Some(other) = titles.insert(title.clone(), url.clone()) {
            panic!("{url} and {other} share the title {title}");
        }
        if let Some(other) = descriptions.insert(description.clone(), url.clone()) {
            panic!("{url} and {other} share the description {description}");
        }
        assert_eq!(one(&html, "meta[property='og:url']", "content"), url);
        assert_eq!(one(&html, "meta[property='og:title']", "content"), title);
        assert_eq!(
            one(&html, "meta[property='og:description']", "content"),
            description
        );
        assert_eq!(
            one(&html, "meta[property='og:site_name']", "content"),
            "career-guide"
        );
        assert!(!one(&html, "meta[property='og:type']", "content").is_empty());
        assert_eq!(
            one(&html, "meta[name='twitter:card']", "content"),
            "summary_large_image"
        );
        assert!(
            attrs(&html, "meta[name=robots]", "content").is_empty(),
            "{url} is indexable"
        );

        let image = one(&html, "meta[property='og:image']", "content");
        let response = app.get(path_of(&image)).await;
        assert_eq!(response.status(), 200, "{image}");
        assert_eq!(response.headers()["content-type"], "image/png");
        for icon in attrs(&html, "link[rel=icon]", "href") {
            assert_eq!(app.get(&icon).await.status(), 200, "{icon}");
        }
        assert_eq!(
            attrs(&html, "link[rel=icon][type='image/svg+xml']", "href").len(),
            1,
            "{url} links an SVG icon"
        );
    }
}

/// Every JSON-LD block of a page, parsed.
fn json_ld(html: &Html) -> Vec<Value> {
    let selector = Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    html.select(&selector)
        .map(|s| {
            let text = s.text().collect::<String>();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

/// The `@graph` nodes by `@type`; each type appears once.
fn graph(html: &Html) -> HashMap<String, Value> {
    let blocks = json_ld(html);
    assert_eq!(blocks.len(), 1, "one JSON-LD block");
    assert_eq!(blocks[0]["@context"], "https://schema.org");
    let mut nodes = HashMap::new();
    for node in blocks[0]["@graph"].as_array().expect("an @graph") {
        let kind = node["@type"].as_str().expect("a @type").to_owned();
        assert!(
            nodes.insert(kind.clone(), node.clone()).is_none(),
            "two {kind}"
        );
    }
    nodes
}

/// The visible breadcrumb as (name, absolute URL), checked against the
/// `BreadcrumbList`: positions from 1, same names, same targets.
fn check_breadcrumbs(html: &Html, list: &Value) {
    let names = texts(html, ".breadcrumb li");
    let hrefs = attrs(html, ".breadcrumb a", "href");
    let items = list["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), names.len());
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item["@type"], "ListItem");
        assert_eq!(item["position"], i + 1);
        assert_eq!(item["name"], names[i]);
        assert_eq!(item["item"], format!("{BASE_URL}{}", hrefs[i]));
    }
}

#[tokio::test]
async fn role_json_ld_matches_the_visible_page() {
    let app = spawn_app().await;
    for slug in PUBLISHED_ROLES {
        let html = app.page(&format!("/roles/{slug}")).await;
        let url = format!("{BASE_URL}/roles/{slug}");
        let nodes = graph(&html);

        let page = &nodes["WebPage"];
        assert_eq!(page["url"], url);
        assert_eq!(
            page["dateModified"],
            one(&html, ".updated time", "datetime")
        );
        let occupation = &nodes["Occupation"];
        assert_eq!(page["mainEntity"]["@id"], occupation["@id"]);
        assert_eq!(page["breadcrumb"]["@id"], nodes["BreadcrumbList"]["@id"]);

        assert_eq!(occupation["name"], texts(&html, "h1")[0], "{slug}");
        assert_eq!(
            occupation["description"],
            one(&html, "meta[name=description]", "content")
        );
        let glance = texts(&html, ".glance dd");
        assert_eq!(occupation["educationRequirements"], glance[0]);
        assert_eq!(occupation["experienceRequirements"], glance[1]);
        assert_eq!(
            occupation["skills"],
            serde_json::json!(texts(&html, ".skills li"))
        );
        assert_eq!(
            occupation["responsibilities"],
            serde_json::json!(texts(&html, ".duties li"))
        );
        let salary = &occupation["estimatedSalary"][0];
        assert_eq!(salary["@type"], "MonetaryAmountDistribution");
        assert_eq!(salary["currency"], "USD");
        assert_eq!(salary["duration"], "P1Y");

        check_breadcrumbs(&html, &nodes["BreadcrumbList"]);

        let questions = texts(&html, ".faq-item h3");
        let answers = texts(&html, ".faq-item .answer");
        match nodes.get("FAQPage") {
            None => assert!(questions.is_empty(), "{slug}: FAQ without FAQPage"),
            Some(faq) => {
                let entities = faq["mainEntity"].as_array().unwrap();
                let names: Vec<&str> = entities
                    .iter()
                    .map(|q| q["name"].as_str().unwrap())
                    .collect();
                assert_eq!(names, questions, "{slug}");
                let texts: Vec<&str> = entities
                    .iter()
                    .map(|q| q["acceptedAnswer"]["text"].as_str().unwrap())
                    .collect();
                assert_eq!(texts, answers, "{slug}");
            }
        }
    }
}

#[tokio::test]
async fn occupation_codes_and_wages_come_from_bls_when_known() {
    let app = spawn_app().await;
    let html = app.page("/roles/test-automation-engineer").await;
    let occupation = &graph(&html)["Occupation"];
    let category = &occupation["occupationalCategory"];
    assert_eq!(category["@type"], "CategoryCode");
    assert_eq!(category["codeValue"], "15-1253.00");
    assert_eq!(category["inCodeSet"]["name"], "O*NET-SOC");
    let salary = &occupation["estimatedSalary"][0];
    for key in [
        "percentile10",
        "percentile25",
        "median",
        "percentile75",
        "percentile90",
    ] {
        assert!(salary[key].is_i64(), "{key}: {salary}");
    }
}

#[tokio::test]
async fn list_pages_are_collection_pages_of_their_visible_items() {
    let app = spawn_app().await;
    for path in ["/categories/testing", "/roles"] {
        let html = app.page(path).await;
        let nodes = graph(&html);
        let page = &nodes["CollectionPage"];
        assert_eq!(page["url"], format!("{BASE_URL}{path}"));
        assert_eq!(page["name"], texts(&html, "title")[0]);
        check_breadcrumbs(&html, &nodes["BreadcrumbList"]);

        let items = page["mainEntity"]["itemListElement"].as_array().unwrap();
        assert_eq!(items.len(), PUBLISHED_ROLES.len(), "{path}");
        let names = texts(&html, ".role-card h3 a");
        let hrefs = attrs(&html, ".role-card h3 a", "href");
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["position"], i + 1);
            assert_eq!(item["name"], names[i], "{path}: items in visible order");
            assert_eq!(item["url"], format!("{BASE_URL}{}", hrefs[i]));
        }
    }
    let home = app.page("/").await;
    assert_eq!(
        graph(&home)["CollectionPage"]["url"],
        format!("{BASE_URL}/")
    );
}

#[tokio::test]
async fn json_ld_text_is_escaped_for_its_script_element() {
    let app = spawn_app().await;
    let body = app
        .get("/roles/quality-engineer")
        .await
        .text()
        .await
        .unwrap();
    let start = body.find(r#"<script type="application/ld+json">"#).unwrap();
    let script = &body[start..];
    let json =
        &script["<script type=\"application/ld+json\">".len()..script.find("</script>").unwrap()];
    // `<`, `>` and `&` are written as \u escapes, so no content can end the
    // element early; the parsed value still has the real characters.
    assert!(!json.contains(['<', '>', '&']), "{json}");
    let html = Html::parse_document(&body);
    assert_eq!(
        graph(&html)["BreadcrumbList"]["itemListElement"][1]["name"],
        "Testing & Quality"
    );
}
