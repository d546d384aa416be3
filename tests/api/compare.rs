//! `/compare`: side by side, one canonical URL per set, clear refusals, and
//! the ways in (role pages, search and finder results).
use crate::helpers::{attrs, texts};
use crate::search::search_app;

#[tokio::test]
async fn roles_side_by_side_on_one_scale() {
    let app = search_app().await;
    let html = app
        .page("/compare?roles=quality-engineer,registered-nurse,software-developer")
        .await;
    assert_eq!(
        texts(&html, "h1"),
        ["Compare Quality Engineer, Registered Nurse and Software Developer"]
    );
    assert_eq!(
        texts(&html, "table.compare thead th > a:first-child"),
        ["Quality Engineer", "Registered Nurse", "Software Developer"]
    );
    let rows = texts(&html, "table.compare tbody th");
    for fact in [
        "Typical salary",
        "BLS median pay",
        "BLS 10th–90th percentile",
        "U.S. employment",
        "Entry-level education",
        "Typical experience",
        "AI impact level",
        "Key skills",
    ] {
        assert!(
            rows.iter().any(|r| r == fact),
            "missing row {fact}: {rows:?}"
        );
    }
    // Every row has one cell per role: the facts line up.
    let cells = texts(&html, "table.compare tbody td");
    assert_eq!(cells.len(), rows.len() * 3);
    let row = |name: &str| {
        let i = rows.iter().position(|r| r == name).unwrap();
        cells[i * 3..i * 3 + 3].to_vec()
    };
    assert_eq!(row("BLS median pay"), ["$104,300", "$97,550", "$135,980"]);
    assert_eq!(
        row("Entry-level education"),
        [
            "Bachelor's degree",
            "Associate's degree",
            "Bachelor's degree"
        ]
    );
    assert_eq!(row("AI impact level"), ["Moderate", "Low", "High"]);
    assert!(row("Key skills")[1].contains("Patient assessment"));

    // One chart row per role, all on one scale (one set of ticks).
    let row_titles = texts(&html, ".pay-chart .row-title");
    assert_eq!(
        row_titles,
        ["Quality Engineer", "Registered Nurse", "Software Developer"]
    );
    assert_eq!(attrs(&html, ".pay-chart rect.iqr", "x").len(), 3);
    assert_eq!(
        texts(&html, ".pay-chart text.tick")
            .first()
            .map(String::as_str),
        Some("$0")
    );
    assert_eq!(attrs(&html, "meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        ["https://careers.test/compare?roles=quality-engineer,registered-nurse,software-developer"]
    );
}

#[tokio::test]
async fn each_set_has_one_canonical_url() {
    let app = search_app().await;
    let canonical = "/compare?roles=quality-engineer,registered-nurse";
    for other in [
        "/compare?roles=registered-nurse,quality-engineer",
        "/compare?roles=registered-nurse&roles=quality-engineer",
        "/compare?roles=quality-engineer%2Cregistered-nurse",
        "/compare?roles=+registered-nurse+,quality-engineer,",
    ] {
        let response = app.get(other).await;
        assert_eq!(response.status(), 301, "{other}");
        assert_eq!(response.headers()["location"], canonical, "{other}");
    }
    assert_eq!(app.get(canonical).await.status(), 200);
}

#[tokio::test]
async fn bad_sets_get_a_clear_page() {
    let app = search_app().await;
    let cases = [
        (
            "/compare?roles=manual-tester,quality-engineer,registered-nurse,release-manager,security-tester",
            400,
            "names 5",
        ),
        (
            "/compare?roles=quality-engineer,quality-engineer",
            400,
            "named twice",
        ),
        (
            "/compare?roles=quality-engineer,no-such-role",
            404,
            "no-such-role",
        ),
        (
            "/compare?roles=quality-engineer,beta-tester",
            404,
            "beta-tester",
        ),
        (
            "/compare?roles=quality-engineer,%3Cb%3E",
            404,
            "not a role name",
        ),
        (
            "/compare?roles=quality-engineer,%FF",
            404,
            "not a role name",
        ),
    ];
    for (path, status, says) in cases {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), status, "{path}");
        let body = response.text().await.unwrap();
        let html = scraper::Html::parse_document(&body);
        let problem = texts(&html, ".problem").join(" ");
        assert!(problem.contains(says), "{path}: {problem}");
        assert!(!body.contains("<b>"), "{path} reflected markup");
    }
}

#[tokio::test]
async fn comparisons_start_from_role_pages_search_and_the_finder() {
    let app = search_app().await;
    let role = app.page("/roles/quality-engineer").await;
    assert_eq!(attrs(&role, "form.compare-with", "action"), ["/compare"]);
    assert_eq!(
        attrs(
            &role,
            "form.compare-with input[type=hidden][name=roles]",
            "value"
        ),
        ["quality-engineer"]
    );
    let options = attrs(
        &role,
        "form.compare-with select[name=roles] option",
        "value",
    );
    assert!(options.contains(&"manual-tester".to_owned()), "{options:?}");
    assert!(!options.contains(&"quality-engineer".to_owned()));
    assert!(!options.contains(&"beta-tester".to_owned()), "no drafts");
    // What that form submits leads to the comparison.
    let response = app
        .get("/compare?roles=quality-engineer&roles=manual-tester")
        .await;
    assert_eq!(
        response.headers()["location"],
        "/compare?roles=manual-tester,quality-engineer"
    );

    for page in ["/search?q=tester", "/roles?category=testing"] {
        let html = app.page(page).await;
        assert_eq!(
            attrs(&html, "form.compare-pick", "action"),
            ["/compare"],
            "{page}"
        );
        let boxes = attrs(
            &html,
            "form.compare-pick input[type=checkbox][name=roles]",
            "value",
        );
        assert!(
            boxes.contains(&"manual-tester".to_owned()),
            "{page}: {boxes:?}"
        );
    }
    // BLS occupations are not profiles: no box to tick.
    let html = app.page("/search?q=nurse").await;
    assert_eq!(
        attrs(&html, "form.compare-pick input[type=checkbox]", "value"),
        ["registered-nurse"]
    );
}

#[tokio::test]
async fn a_comparison_is_built_and_changed_without_javascript() {
    let app = search_app().await;
    // No roles: a picker, not an error.
    let html = app.page("/compare").await;
    assert_eq!(texts(&html, "h1"), ["Compare roles"]);
    assert!(!attrs(&html, "form.compare-add input[name=add]", "name").is_empty());
    let picks = attrs(&html, "details a", "href");
    assert!(
        picks.contains(&"/compare?roles=quality-engineer".to_owned()),
        "{picks:?}"
    );
    // One role: kept in view, with more to add.
    let html = app.page("/compare?roles=quality-engineer").await;
    assert_eq!(
        texts(&html, ".chosen li > a:first-child"),
        ["Quality Engineer"]
    );
    assert!(
        attrs(&html, "details a", "href")
            .contains(&"/compare?roles=quality-engineer,registered-nurse".to_owned())
    );
    // Adding by title redirects to the canonical comparison.
    let response = app
        .get("/compare?roles=quality-engineer&add=registered+nurse")
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/compare?roles=quality-engineer,registered-nurse"
    );
    // Nothing matches: the picker says so and keeps the role.
    let html = app
        .page("/compare?roles=quality-engineer&add=xylophonist")
        .await;
    assert!(texts(&html, ".problem")[0].starts_with("No job profile matches"));
    assert_eq!(
        texts(&html, ".chosen li > a:first-child"),
        ["Quality Engineer"]
    );
    // Each compared role can be removed; the comparison offers to add more.
    let html = app
        .page("/compare?roles=quality-engineer,registered-nurse,software-developer")
        .await;
    assert_eq!(
        attrs(&html, "table.compare a.remove", "href"),
        [
            "/compare?roles=registered-nurse,software-developer",
            "/compare?roles=quality-engineer,software-developer",
            "/compare?roles=quality-engineer,registered-nurse"
        ]
    );
    assert_eq!(
        attrs(&html, "form.compare-add input[name=roles]", "value"),
        ["quality-engineer,registered-nurse,software-developer"]
    );
}

#[tokio::test]
async fn adding_by_title_never_adds_a_role_that_only_mentions_the_words() {
    let app = search_app().await;
    // "patients" appears in profiles' text but in no title.
    let response = app
        .get("/compare?roles=quality-engineer&add=patients")
        .await;
    assert_eq!(response.status(), 200);
    let html = scraper::Html::parse_document(&response.text().await.unwrap());
    assert!(texts(&html, ".problem")[0].starts_with("No job profile matches"));
}

/// "Compare with..." reaches across fields, nearest work first, and any
/// other role can be added by its title from the same place.
#[tokio::test]
async fn compare_with_offers_the_nearest_roles_of_any_field() {
    // Paths are relative to tests/fixtures.
    let app = crate::helpers::spawn_fixtures(
        "../../content",
        "../../data/oews-2025",
        crate::helpers::Options::default(),
    )
    .await;
    let page = app.page("/roles/electrician").await;
    let offered = attrs(&page, "#compare-with option", "value");
    assert_eq!(offered.len(), 20, "{offered:?}");
    assert!(!offered.contains(&"electrician".to_owned()));
    let at = |slug: &str| offered.iter().position(|s| s == slug);
    assert!(at("plumber").is_some_and(|i| i < 10), "{offered:?}");
    let titles: std::collections::HashSet<String> =
        texts(&page, "#compare-with option").into_iter().collect();
    assert_eq!(titles.len(), 20, "each role once");
    let other_fields: Vec<(String,)> = sqlx::query_as(
        "SELECT slug FROM roles WHERE category_slug <> (SELECT category_slug FROM roles WHERE slug = 'electrician')
           AND slug IN (SELECT value FROM json_each(?1))",
    )
    .bind(serde_json::to_string(&offered).unwrap())
    .fetch_all(&app.state.pool)
    .await
    .unwrap();
    assert!(
        !other_fields.is_empty(),
        "only the electrician's own field: {offered:?}"
    );
    let add = attrs(&page, "form.compare-add input[name=roles]", "value");
    assert_eq!(add, ["electrician"]);
}
