//! The occupation finder on `/roles`: filters that combine, sorting, 400s for
//! unknown values, noindex on filtered views, the quick lists.
use crate::helpers::{attrs, texts};
use crate::search::search_app;

/// The roles a finder page lists, by slug.
pub fn found(html: &scraper::Html) -> Vec<String> {
    attrs(html, ".result h3 a", "href")
        .into_iter()
        .map(|h| h.trim_start_matches("/roles/").to_owned())
        .collect()
}

#[tokio::test]
async fn filters_combine() {
    let app = search_app().await;
    let html = app
        .page("/roles?category=testing&education=high-school")
        .await;
    assert_eq!(found(&html), ["manual-tester"]);
    let html = app.page("/roles?category=healthcare&ai_impact=low").await;
    assert_eq!(found(&html), ["registered-nurse"]);
    assert_eq!(texts(&html, "h1"), ["Roles in Healthcare"]);
    let html = app.page("/roles?education=bachelors&ai_impact=high").await;
    assert_eq!(found(&html), ["software-developer"]);
    let html = app.page("/roles?category=testing&ai_impact=low").await;
    assert!(found(&html).is_empty());
    assert!(
        texts(&html, "main p")
            .iter()
            .any(|p| p.starts_with("No role matches"))
    );
    // The form shows the filters in force.
    assert_eq!(
        attrs(&html, "#finder-category option[selected]", "value"),
        ["testing"]
    );
    assert_eq!(
        attrs(&html, "#finder-ai-impact option[selected]", "value"),
        ["low"]
    );
}

#[tokio::test]
async fn minimum_pay_is_the_bls_median_and_pay_sorts_highest_first() {
    let app = search_app().await;
    // Software Developers $135,980; testers $104,300; Registered Nurses $97,550.
    let html = app.page("/roles?min_pay=120000").await;
    assert_eq!(found(&html), ["software-developer"]);
    let html = app.page("/roles?min_pay=%24100%2C000&sort=pay").await;
    let roles = found(&html);
    assert_eq!(roles[0], "software-developer");
    assert!(!roles.contains(&"registered-nurse".to_owned()));
    assert_eq!(roles.len(), 8, "{roles:?}");

    let html = app.page("/roles?sort=pay").await;
    let roles = found(&html);
    assert_eq!(roles.first().unwrap(), "software-developer");
    assert_eq!(roles.last().unwrap(), "registered-nurse");
    assert_eq!(texts(&html, "h1"), ["Highest-paying roles"]);
    let html = app.page("/roles?sort=title").await;
    let roles = found(&html);
    let mut sorted = roles.clone();
    sorted.sort();
    assert_eq!(roles, sorted);
}

#[tokio::test]
async fn empty_values_are_no_filter() {
    let app = search_app().await;
    let html = app
        .page("/roles?category=&education=&min_pay=&ai_impact=&sort=title")
        .await;
    assert_eq!(found(&html).len(), 9, "every published role");
}

#[tokio::test]
async fn unknown_values_get_a_400_that_names_the_accepted_ones() {
    let app = search_app().await;
    let cases = [
        ("category=nope", "healthcare"),
        ("education=phd", "one of: none, high-school"),
        ("ai_impact=extreme", "one of: low, moderate, high"),
        ("sort=salary", "pay"),
        ("min_pay=abc", "whole number"),
        ("min_pay=-5", "whole number"),
        ("min_pay=99999999999999999999999", "whole number"),
        ("education=%FF", "one of: none,"),
    ];
    for (query, hint) in cases {
        let response = app.get(&format!("/roles?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        let html = scraper::Html::parse_document(&response.text().await.unwrap());
        let problem = texts(&html, ".problem").join(" ");
        assert!(problem.contains(hint), "{query}: {problem}");
        assert_eq!(attrs(&html, "form.finder", "action"), ["/roles"], "{query}");
    }
    assert_eq!(app.get("/roles?sort=pay&sort=title").await.status(), 400);
}

#[tokio::test]
async fn filtered_views_are_noindex_with_the_canonical_on_roles() {
    let app = search_app().await;
    let html = app.page("/roles?education=bachelors").await;
    assert_eq!(attrs(&html, "meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        ["https://careers.test/roles"]
    );
    let index = app.page("/roles").await;
    assert!(attrs(&index, "meta[name=robots]", "content").is_empty());
    assert_eq!(texts(&index, "h1"), ["All job profiles A–Z"]);
    assert_eq!(attrs(&index, "form.finder", "method"), ["get"]);
    for field in ["category", "education", "min_pay", "ai_impact", "sort"] {
        let id = attrs(&index, &format!("form.finder [name={field}]"), "id");
        assert_eq!(id.len(), 1, "{field}");
        assert_eq!(
            attrs(&index, &format!("label[for={}]", id[0]), "for").len(),
            1
        );
    }
}

#[tokio::test]
async fn the_home_page_links_quick_lists() {
    let app = search_app().await;
    let home = app.page("/").await;
    let links = attrs(&home, ".quick-lists a", "href");
    assert_eq!(links[0], "/roles?sort=pay");
    assert!(
        links.contains(&"/roles?category=healthcare&sort=pay".to_owned()),
        "{links:?}"
    );
    assert!(
        !links.iter().any(|l| l.contains("empty-field")),
        "no list of nothing"
    );
    for link in links {
        let html = app.page(&link).await;
        assert!(!found(&html).is_empty(), "{link}");
    }
}
