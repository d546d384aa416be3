//! JSON alternates of the role and salary pages.
use serde_json::Value;

use crate::helpers::{attrs, texts};
use crate::search::search_app;

async fn json(app: &crate::helpers::TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{path}"
    );
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

#[tokio::test]
async fn a_role_has_a_json_alternate_with_the_facts_of_its_page() {
    let app = search_app().await;
    let page = app.page("/roles/registered-nurse").await;
    assert_eq!(
        attrs(
            &page,
            "link[rel=alternate][type='application/json']",
            "href"
        ),
        ["/roles/registered-nurse.json"]
    );
    let role = json(&app, "/roles/registered-nurse.json").await;
    assert_eq!(role["title"], texts(&page, "h1")[0]);
    assert_eq!(role["url"], "https://careers.test/roles/registered-nurse");
    assert_eq!(role["category"]["slug"], "healthcare");
    assert_eq!(role["salary"]["min"], 70000);
    assert_eq!(role["salary"]["max"], 120000);
    assert_eq!(role["education_level"]["value"], "associates");
    assert_eq!(role["ai_impact_level"]["value"], "low");
    assert_eq!(
        role["at_a_glance"]["experience"],
        texts(&page, ".glance dd")[1]
    );
    assert_eq!(role["skills"][0], "Patient assessment");
    assert_eq!(
        role["duties"].as_array().unwrap().len(),
        texts(&page, ".duties li").len()
    );
    assert_eq!(role["faqs"][0]["question"], texts(&page, ".faq-item h3")[0]);
    assert_eq!(role["sources"].as_array().unwrap().len(), 2);
    assert_eq!(role["bls"]["soc_code"], "29-1141");
    assert_eq!(role["bls"]["match"], "exact");
    assert_eq!(role["bls"]["annual"]["median"], 97550);
}

#[tokio::test]
async fn a_salary_page_has_a_json_alternate() {
    let app = search_app().await;
    let page = app.page("/salaries/29-1141").await;
    assert_eq!(
        attrs(
            &page,
            "link[rel=alternate][type='application/json']",
            "href"
        ),
        ["/salaries/29-1141.json"]
    );
    let salary = json(&app, "/salaries/29-1141.json").await;
    assert_eq!(salary["title"], "Registered Nurses");
    assert_eq!(salary["annual"]["p10"], 68940);
    assert_eq!(salary["annual"]["median"], 97550);
    assert_eq!(salary["employment"], 3379720);
    let states = salary["states"].as_array().unwrap();
    assert_eq!(states.len(), texts(&page, "table.states tbody tr").len());
    assert_eq!(states[0]["name"], "Alabama");
    assert_eq!(salary["roles"][0]["slug"], "registered-nurse");
}

#[tokio::test]
async fn unknown_and_renamed_alternates() {
    let app = search_app().await;
    assert_eq!(app.get("/roles/no-such-role.json").await.status(), 404);
    assert_eq!(app.get("/roles/beta-tester.json").await.status(), 404);
    assert_eq!(app.get("/salaries/99-9999.json").await.status(), 404);
    assert_eq!(app.get("/salaries/15-0000.json").await.status(), 404);
    let moved = app.get("/roles/web-programmer.json").await;
    assert_eq!(moved.status(), 301);
    assert_eq!(
        moved.headers()["location"],
        "/roles/software-developer.json"
    );
}
