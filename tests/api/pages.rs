//! The pages a reader sees, asserted on parsed HTML.
use crate::helpers::{Options, attrs, spawn_app, spawn_app_with, texts};

#[tokio::test]
async fn role_page_has_every_part_of_the_profile() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer").await;

    assert_eq!(texts(&html, "h1"), ["Quality Engineer"]);
    assert_eq!(
        texts(&html, ".breadcrumb li"),
        ["Home", "Testing & Quality", "Quality Engineer"]
    );
    assert_eq!(texts(&html, ".updated time"), ["October 1, 2026"]);
    assert_eq!(texts(&html, ".salary-range strong"), ["$70K–$110K"]);
    assert_eq!(
        texts(&html, ".glance dt"),
        [
            "Typical education",
            "Typical experience",
            "Key certifications",
            "Top employer types",
            "Projected jobs 2024–34 (BLS)",
            "Growth outlook",
            "AI impact (through 2030)",
            "BLS median (May 2025)"
        ]
    );
    assert_eq!(texts(&html, ".glance dd")[2], "ISTQB Foundation");
    assert_eq!(texts(&html, ".duties li").len(), 8);
    assert_eq!(
        texts(&html, ".duties li")[1],
        "Write automated checks with care"
    );
    let headings = texts(&html, "article h2");
    for section in [
        "Role at a glance",
        "Duties and responsibilities",
        "Overview",
        "Qualifications",
        "Career outlook",
        "Sample cover letter",
        "Frequently asked questions",
    ] {
        assert!(
            headings.iter().any(|h| h == section),
            "missing section {section}: {headings:?}"
        );
    }
    assert_eq!(texts(&html, ".letter p")[0], "Dear Hiring Manager,");
    assert_eq!(
        texts(&html, ".faq-item h3"),
        [
            "What does a Quality Engineer do?",
            "Is it a good career?",
            "Do I need to code?"
        ]
    );
    assert_eq!(texts(&html, ".faq-item .answer")[0], "They test software.");
}

#[tokio::test]
async fn markdown_cannot_inject_script() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer").await;
    let scripts = attrs(&html, "script", "type");
    assert_eq!(
        scripts,
        ["application/ld+json"],
        "only the JSON-LD script may appear"
    );
}

#[tokio::test]
async fn sidebar_lists_six_siblings_with_ranges_but_not_the_page_itself() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer").await;
    assert_eq!(texts(&html, ".sidebar h2"), ["More in Testing & Quality"]);
    let links = attrs(&html, ".sibling a", "href");
    assert_eq!(links.len(), 6, "{links:?}");
    assert!(!links.contains(&"/roles/quality-engineer".to_string()));
    assert!(
        !links.contains(&"/roles/beta-tester".to_string()),
        "drafts stay out of the sidebar"
    );
    let ranges = texts(&html, ".sibling .range");
    assert_eq!(ranges.len(), 6);
    assert!(
        ranges
            .iter()
            .all(|r| r.starts_with("Typical range (editor's estimate): $") && r.contains('–')),
        "{ranges:?}"
    );
    assert_eq!(texts(&html, ".sibling p").len(), 6);
    assert_eq!(attrs(&html, ".see-all a", "href"), ["/categories/testing"]);
    assert_eq!(
        texts(&html, ".see-all a"),
        ["See all Testing & Quality roles →"]
    );
}

#[tokio::test]
async fn category_page_lists_every_published_role() {
    let app = spawn_app().await;
    let html = app.page("/categories/testing").await;
    assert_eq!(texts(&html, "h1"), ["Testing & Quality"]);
    let titles = texts(&html, ".role-card h3");
    assert_eq!(titles.len(), 7, "{titles:?}");
    assert_eq!(titles[0], "Accessibility Tester");
    assert!(!titles.iter().any(|t| t.contains("Beta")));
    assert_eq!(
        texts(&html, ".role-card .range")[0],
        "Typical range (editor's estimate): $60K–$95K"
    );

    let empty = app.page("/categories/empty-field").await;
    assert_eq!(texts(&empty, ".role-card").len(), 0);
}

#[tokio::test]
async fn index_and_home_link_to_everything() {
    let app = spawn_app().await;
    let index = app.page("/roles").await;
    let links = attrs(&index, ".role-card h3 a", "href");
    assert_eq!(links.len(), 7);
    assert_eq!(texts(&index, "section h2")[0], "A");

    let home = app.page("/").await;
    assert_eq!(
        texts(&home, ".category-grid h3"),
        ["Empty Field", "Testing & Quality"]
    );
    assert_eq!(
        texts(&home, ".category-grid .count"),
        ["0 roles", "7 roles"]
    );
}

#[tokio::test]
async fn unknown_pages_are_styled_404s() {
    let app = spawn_app().await;
    for path in [
        "/roles/nobody",
        "/categories/nothing",
        "/nowhere",
        "/roles/%00",
        "/roles/..%2F..%2Fetc",
        "/static/missing.css",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let body = response.text().await.unwrap();
        let html = scraper::Html::parse_document(&body);
        assert_eq!(texts(&html, "h1"), ["Page not found"], "{path}");
    }
}

#[tokio::test]
async fn drafts_are_served_only_in_preview() {
    let app = spawn_app().await;
    assert_eq!(app.get("/roles/beta-tester").await.status(), 404);

    let preview = spawn_app_with(Options {
        drafts: true,
        ..Options::default()
    })
    .await;
    let html = preview.page("/roles/beta-tester").await;
    assert_eq!(attrs(&html, "meta[name=robots]", "content"), ["noindex"]);
    let sidebar = preview.page("/roles/quality-engineer").await;
    assert!(!attrs(&sidebar, ".sibling a", "href").contains(&"/roles/beta-tester".to_string()));
}

#[tokio::test]
async fn aliases_redirect_permanently() {
    let app = spawn_app().await;
    let response = app.get("/roles/automation-tester").await;
    assert_eq!(response.status(), 301);
    assert_eq!(
        response.headers()["location"],
        "/roles/test-automation-engineer"
    );
}

#[tokio::test]
async fn health_check_answers() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn static_assets_have_hashed_immutable_urls() {
    let app = spawn_app().await;
    let html = app.page("/").await;
    let css = attrs(&html, "link[rel=stylesheet]", "href").remove(0);
    assert!(
        css.starts_with("/static/style.") && css.len() > "/static/style.css".len(),
        "{css}"
    );
    let response = app.get(&css).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(app.get("/favicon.ico").await.status(), 200);
}

#[tokio::test]
async fn odd_requests_get_error_pages_not_500s() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/roles/%FF", 404),
        ("/categories/%C3%28", 404),
        ("/salaries/%FF%FE", 404),
        ("/roles/a%2Fb", 404),
        ("/static/..%2F..%2FCargo.toml", 404),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), status, "{path}");
        let html = scraper::Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&html, "h1").len(), 1, "{path} has a styled page");
    }
    // Longer than any address on the site: refused before routing.
    let long = format!("/roles/{}", "a".repeat(5000));
    assert_eq!(app.get(&long).await.status(), 414);
}

#[tokio::test]
async fn every_long_section_links_back_to_the_top_and_on_to_the_field() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer").await;
    for section in ["overview", "qualifications", "career-outlook", "faq"] {
        let links = attrs(&html, &format!("#{section} .jump a"), "href");
        assert_eq!(links, ["#top", "#more-title"], "{section}");
    }
    assert_eq!(attrs(&html, "#top", "class"), ["role-header"]);
    assert_eq!(texts(&html, "#more-title").len(), 1);
}
