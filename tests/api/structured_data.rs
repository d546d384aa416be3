//! What search engines read in a page's head: titles, descriptions, Open
//! Graph and JSON-LD, parsed and checked against the visible page.
use std::collections::HashMap;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::helpers::{BASE_URL, attrs, spawn_app, texts};
use crate::seo::{PUBLISHED_ROLES, crawl, path_of};

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
    let body = app.text("/roles/quality-engineer").await;
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

#[tokio::test]
async fn sources_are_listed_on_the_page_and_cited_in_json_ld() {
    let app = spawn_app().await;
    let html = app.page("/roles/manual-tester").await;
    let links = attrs(&html, "#sources li a[rel=external]", "href");
    assert_eq!(
        links,
        [
            "https://www.bls.gov/ooh/computer-and-information-technology/software-developers.htm",
            "https://www.istqb.org/about"
        ]
    );
    // Each claim's reference is its source's number, linking to the list;
    // the list links back to the first reference.
    assert_eq!(
        attrs(&html, "sup.cite a", "href"),
        ["#source-src-1", "#source-src-2", "#source-src-1"]
    );
    assert_eq!(texts(&html, "sup.cite a"), ["[1]", "[2]", "[1]"]);
    assert_eq!(
        attrs(&html, "#sources li", "id"),
        ["source-src-1", "source-src-2"]
    );
    assert_eq!(
        attrs(&html, "#sources a.backref", "href"),
        ["#cite-src-1", "#cite-src-2"]
    );
    assert_eq!(
        attrs(&html, "sup.cite[id]", "id"),
        ["cite-src-1", "cite-src-2"]
    );
    let items = texts(&html, "#sources li");
    assert!(
        items[0].starts_with("U.S. Bureau of Labor Statistics: Software Quality Assurance")
            && items[0].contains("accessed November 1, 2026."),
        "{items:?}"
    );
    assert_eq!(
        attrs(&html, "#sources time", "datetime"),
        ["2026-11-01", "2026-11-01"]
    );

    let citation = &graph(&html)["WebPage"]["citation"];
    let cited: Vec<(&str, &str)> = citation
        .as_array()
        .expect("a citation list")
        .iter()
        .map(|c| {
            (
                c["url"].as_str().unwrap(),
                c["publisher"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cited,
        [
            (links[0].as_str(), "U.S. Bureau of Labor Statistics"),
            (links[1].as_str(), "ISTQB")
        ]
    );
}

#[tokio::test]
async fn the_salary_explorer_lists_its_occupations() {
    let app = spawn_app().await;
    for path in ["/salaries", "/salaries?sort=median"] {
        let html = app.page(path).await;
        let list = &graph(&html)["CollectionPage"]["mainEntity"];
        let items = list["itemListElement"].as_array().unwrap();
        let names = texts(&html, "main table td a");
        let hrefs = attrs(&html, "main table td a", "href");
        assert!(!names.is_empty(), "{path}: the fixture has occupations");
        assert_eq!(list["numberOfItems"], names.len(), "{path}");
        assert_eq!(items.len(), names.len(), "{path}");
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["position"], i + 1);
            assert_eq!(item["name"], names[i], "{path}: items in visible order");
            assert_eq!(item["url"], format!("{BASE_URL}{}", hrefs[i]));
        }
    }
}
