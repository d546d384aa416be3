//! Pay where the reader lives: metro and nonmetro area views of role pages
//! (`?area=`), the state-to-area picker, the place carried in links, "where
//! it pays most" on occupation pages, hourly figures, and one pay truth per
//! role. Areas are tests/fixtures/oews-metro (a slice of the real file).
use crate::helpers::{BASE_URL, TestApp, attrs, spawn_app, texts};

/// The search fixture on the real wage data, with Release Manager borrowing
/// the figures of 43-3071 Tellers as a related occupation.
async fn app_with_a_related_role() -> TestApp {
    crate::outlook::app_with_tellers_as_related("../../data/oews-2025").await
}

fn robots(html: &scraper::Html) -> Vec<String> {
    attrs(html, "meta[name=robots]", "content")
}

#[tokio::test]
async fn an_area_view_shows_the_area_beside_the_nation_and_is_not_indexed() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer?area=0041940").await;
    assert_eq!(robots(&html), ["noindex"]);
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        [format!("{BASE_URL}/roles/quality-engineer")]
    );
    let summary = texts(&html, ".state-summary").remove(0);
    assert!(
        summary.starts_with("In San Jose-Sunnyvale-Santa Clara, CA: BLS median $"),
        "{summary}"
    );
    assert!(summary.contains("above the national median"), "{summary}");
    assert_eq!(
        texts(&html, ".percentiles thead th"),
        [
            "Percentile",
            "United States",
            "San Jose-Sunnyvale-Santa Clara, CA"
        ]
    );
    // The state's other areas are one tap away, the chosen one marked.
    assert_eq!(
        attrs(&html, ".area-picker a[aria-current=page]", "href"),
        ["/roles/quality-engineer?area=0041940#pay"]
    );
    // The place follows the reader to the other roles.
    let sidebar = attrs(&html, ".sibling-list a", "href");
    assert!(
        sidebar.iter().all(|h| h.ends_with("?area=0041940")),
        "{sidebar:?}"
    );
}

#[tokio::test]
async fn a_state_view_offers_its_metro_areas_without_javascript() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer?state=CA").await;
    let areas = attrs(&html, ".area-picker a", "href");
    assert_eq!(
        areas,
        [
            "/roles/quality-engineer?area=0031080#pay",
            "/roles/quality-engineer?area=0041940#pay"
        ]
    );
    let sidebar = attrs(&html, ".sibling-list a", "href");
    assert!(
        sidebar.iter().all(|h| h.ends_with("?state=CA")),
        "{sidebar:?}"
    );
    // The plain page carries nothing.
    let html = app.page("/roles/quality-engineer").await;
    assert!(texts(&html, ".area-picker").is_empty());
    assert!(
        attrs(&html, ".sibling-list a", "href")
            .iter()
            .all(|h| !h.contains('?'))
    );
}

#[tokio::test]
async fn an_area_without_an_estimate_says_so_and_offers_its_state() {
    let app = spawn_app().await;
    // The North Coast of California publishes no figures for testers.
    let html = app.page("/roles/quality-engineer?area=0600003").await;
    assert_eq!(
        texts(&html, ".state-summary"),
        [
            "BLS publishes no estimate for Software Quality Assurance Analysts and Testers in North Coast Region of California nonmetropolitan area. See the state figures instead: California."
        ]
    );
    assert_eq!(
        attrs(&html, ".state-summary a", "href"),
        ["/roles/quality-engineer?state=CA#pay"]
    );
}

#[tokio::test]
async fn unknown_or_malformed_areas_get_a_400_that_says_what_is_accepted() {
    let app = spawn_app().await;
    for (area, expected) in [
        ("41940", "seven digits, such as 0041940"),
        ("00419x0", "seven digits"),
        (
            "9999999",
            "there is no metropolitan or nonmetropolitan area 9999999",
        ),
    ] {
        let response = app
            .get(&format!("/roles/quality-engineer?area={area}"))
            .await;
        assert_eq!(response.status(), 400, "{area}");
        let body = response.text().await.unwrap();
        assert!(body.contains(expected), "{area}: {body}");
    }
    assert_eq!(
        app.get("/roles/quality-engineer?state=ZZ").await.status(),
        400
    );
}

#[tokio::test]
async fn an_occupation_page_lists_where_it_pays_most_and_every_area_by_state() {
    let app = spawn_app().await;
    let html = app.page("/salaries/15-1252").await;
    let areas = texts(&html, "#where table:first-of-type tbody th");
    assert_eq!(areas[0], "San Jose-Sunnyvale-Santa Clara, CA");
    // Highest median first.
    let medians: Vec<i64> = texts(
        &html,
        "#where .table-wrap:first-child tbody td:nth-of-type(1)",
    )
    .iter()
    .map(|m| m.trim_start_matches('$').replace(',', "").parse().unwrap())
    .collect();
    assert!(medians.windows(2).all(|w| w[0] >= w[1]), "{medians:?}");
    let states = texts(&html, "#where details summary");
    assert!(
        states.contains(&"California (3 areas)".to_owned()),
        "{states:?}"
    );
    // An area across state lines is listed under each of its states.
    assert!(states.iter().any(|s| s.starts_with("Kansas")), "{states:?}");
    assert!(
        states.iter().any(|s| s.starts_with("Missouri")),
        "{states:?}"
    );
}

#[tokio::test]
async fn a_related_role_is_filtered_and_sorted_by_its_own_range_not_the_related_median() {
    // Release Manager borrows 43-3071 Tellers (BLS median $43,030) but is
    // paid $90K-$140K: its own midpoint, $115,000, is what the finder uses.
    let app = app_with_a_related_role().await;
    let html = app.page("/roles?min_pay=110000").await;
    let found = attrs(&html, ".result h3 a", "href");
    assert!(
        found.contains(&"/roles/release-manager".to_owned()),
        "{found:?}"
    );
    let html = app.page("/roles?min_pay=50000&sort=pay").await;
    let meta = texts(&html, ".result .meta");
    assert!(
        meta.iter()
            .any(|m| m.contains("BLS median $43,030 (for the related occupation Tellers)")),
        "{meta:?}"
    );
    // The comparison chart never labels Tellers' distribution with the role's name.
    let html = app
        .page("/compare?roles=release-manager,software-developer")
        .await;
    let rows = texts(&html, "svg .row-title");
    assert!(
        rows.contains(&"Release Manager (BLS: Tellers)".to_owned()),
        "{rows:?}"
    );
    // Search engines get the editor's range for the role.
    let body = app.text("/roles/release-manager").await;
    assert!(
        body.contains(r#""minValue":90000"#),
        "JSON-LD uses the range"
    );
    assert!(!body.contains(r#""median":43030"#));
}

#[tokio::test]
async fn the_finder_and_the_comparison_show_pay_for_the_carried_place() {
    let app = spawn_app().await;
    // From a role page in California, "Compare with…" keeps the state.
    let role = app.page("/roles/quality-engineer?state=CA").await;
    assert_eq!(
        attrs(&role, "form.compare-with input[name=state]", "value"),
        ["CA"]
    );
    let response = app
        .get("/compare?roles=quality-engineer&state=CA&roles=manual-tester")
        .await;
    assert_eq!(response.status(), 301);
    assert_eq!(
        response.headers()["location"],
        "/compare?roles=manual-tester,quality-engineer&state=CA"
    );
    let html = app
        .page("/compare?roles=manual-tester,quality-engineer&state=CA")
        .await;
    let rows = texts(&html, "table.compare tbody th");
    assert!(
        rows.contains(&"BLS median in California".to_owned()),
        "{rows:?}"
    );
    // The finder shows each result's pay in the area, and its form keeps it.
    let html = app.page("/roles?sort=pay&area=0041940").await;
    let meta = texts(&html, ".result .meta");
    assert!(
        meta.iter()
            .any(|m| m.contains("in San Jose-Sunnyvale-Santa Clara, CA: $")),
        "{meta:?}"
    );
    assert_eq!(
        attrs(&html, "form.finder input[name=area]", "value"),
        ["0041940"]
    );
}

#[tokio::test]
async fn the_place_carries_to_the_category_and_its_cards() {
    let app = spawn_app().await;
    let role = app.page("/roles/quality-engineer?area=0041940").await;
    assert_eq!(
        attrs(&role, ".see-all a", "href"),
        ["/categories/testing?area=0041940"]
    );
    let html = app.page("/categories/testing?area=0041940").await;
    assert_eq!(robots(&html), ["noindex"]);
    let cards = attrs(&html, ".role-cards h3 a", "href");
    assert!(!cards.is_empty());
    assert!(
        cards.iter().all(|h| h.ends_with("?area=0041940")),
        "{cards:?}"
    );
    // Any other query is the plain page.
    let html = app.page("/categories/testing?utm_source=newsletter").await;
    assert!(robots(&html).is_empty());
    assert!(
        attrs(&html, ".role-cards h3 a", "href")
            .iter()
            .all(|h| !h.contains('?'))
    );
    assert_eq!(app.get("/categories/testing?state=ZZ").await.status(), 400);
}
