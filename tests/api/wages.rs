//! BLS wages on role pages and the salary explorer.
use crate::helpers::{attrs, spawn_app, texts};

#[tokio::test]
async fn role_page_shows_measured_pay_beside_the_editors_range() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer").await;
    assert_eq!(texts(&html, "#pay-title"), ["Pay: measured wages"]);
    let headers = texts(&html, ".percentiles th");
    assert_eq!(
        headers,
        [
            "10th percentile",
            "25th percentile",
            "Median",
            "75th percentile",
            "90th percentile"
        ]
    );
    let cells = texts(&html, ".percentiles td");
    assert_eq!(cells.len(), 5);
    assert!(cells.iter().all(|c| c.starts_with('$')), "{cells:?}");
    assert_eq!(attrs(&html, ".pay svg", "role"), ["img"]);
    assert_eq!(
        attrs(&html, ".pay svg rect.editor", "class").len(),
        1,
        "editor range drawn on the scale"
    );
    let source = texts(&html, ".pay .source").remove(0);
    assert!(
        source.contains("U.S. Bureau of Labor Statistics, OEWS, May 2025"),
        "{source}"
    );
    assert_eq!(
        attrs(&html, ".pay .source a", "href"),
        ["/salaries/15-1253"]
    );
}

#[tokio::test]
async fn salary_page_shows_national_median_and_every_state() {
    let app = spawn_app().await;
    let html = app.page("/salaries/15-1252").await;
    assert_eq!(texts(&html, "h1"), ["Software Developers: salary"]);
    let national = texts(&html, ".percentiles td");
    assert_eq!(national[2], "$135,980");
    let states = texts(&html, "table.states tbody tr");
    assert!(states.len() >= 50, "{} state rows", states.len());
    assert!(texts(&html, "table.states th[scope=row]").contains(&"California".to_string()));
}

#[tokio::test]
async fn salary_page_lists_the_profiles_mapped_to_the_code() {
    let app = spawn_app().await;
    let html = app.page("/salaries/15-1253").await;
    let linked = attrs(&html, ".role-card h3 a", "href");
    assert_eq!(
        linked.len(),
        7,
        "published fixture roles with 15-1253: {linked:?}"
    );
    assert!(!linked.contains(&"/roles/beta-tester".to_string()));
}

#[tokio::test]
async fn unknown_or_malformed_codes_are_404() {
    let app = spawn_app().await;
    for path in [
        "/salaries/99-9999",
        "/salaries/15-0000",
        "/salaries/abc",
        "/salaries/15-12520",
        "/salaries/%F0%9F%92%B0",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn explorer_groups_occupations_and_sorts_with_plain_links() {
    let app = spawn_app().await;
    let html = app.page("/salaries").await;
    let groups = texts(&html, "main section h2");
    assert_eq!(
        groups,
        [
            "Computer and Mathematical Occupations",
            "Healthcare Practitioners and Technical Occupations"
        ]
    );
    let names = texts(&html, "main section:first-of-type tbody td:first-child");
    assert_eq!(
        names,
        [
            "Software Developers",
            "Software Quality Assurance Analysts and Testers"
        ]
    );
    assert_eq!(
        texts(&html, "main section:last-of-type tbody td:first-child"),
        ["Registered Nurses"]
    );

    let by_median = app.page("/salaries?sort=median").await;
    let medians: Vec<i64> = texts(
        &by_median,
        "main section:first-of-type tbody td:nth-child(2)",
    )
    .iter()
    .map(|m| m.trim_start_matches('$').replace(',', "").parse().unwrap())
    .collect();
    assert!(medians.windows(2).all(|w| w[0] >= w[1]), "{medians:?}");
    assert_eq!(
        attrs(&by_median, ".sort a", "href"),
        ["/salaries?sort=name"]
    );
    assert_eq!(app.get("/salaries?sort=bogus").await.status(), 200);
}
