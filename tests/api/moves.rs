//! Career moves on role and occupation pages, on the real bundled data
//! (O*NET ratings, OEWS wages, BLS projections): the groups, pay
//! differences that agree with the occupation pages, the editor's pinned
//! moves, the JSON, and the sidebar ordered by similarity of work.
use serde_json::Value;
use tempfile::TempDir;

use crate::helpers::{Options, TestApp, attrs, copy_tree, fixture, spawn_app_with, texts};

/// The real wage data, seen from tests/fixtures.
const REAL_WAGES: &str = "../../data/oews-2025";

/// The search fixture on the real wage data, with `edit` applied to its
/// files first.
async fn app(edit: impl FnOnce(&std::path::Path)) -> TestApp {
    let dir = TempDir::new().unwrap();
    copy_tree(&fixture("search"), dir.path());
    edit(dir.path());
    spawn_app_with(Options {
        content: Some(dir.path().to_owned()),
        wages: Some(REAL_WAGES),
        ..Options::default()
    })
    .await
}

fn rewrite(dir: &std::path::Path, role: &str, from: &str, to: &str) {
    let path = dir.join(format!("roles/{role}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{role}: {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

async fn json(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

#[tokio::test]
async fn a_nurse_steps_up_to_advanced_practice_and_every_pay_difference_matches_the_occupation_pages()
 {
    let app = app(|_| {}).await;
    let html = app.page("/roles/registered-nurse").await;
    assert_eq!(texts(&html, "#moves h2"), ["Career moves"]);
    assert_eq!(
        texts(&html, "#moves h3"),
        ["Step up", "Similar work", "Ways in"]
    );
    let step_up: Vec<String> = attrs(&html, "#moves .move-list:first-of-type .move-title", "href");
    assert!(
        ["29-1171", "29-1151", "29-1161", "29-1071"]
            .iter()
            .any(|c| step_up.contains(&format!("/salaries/{c}"))),
        "{step_up:?}"
    );
    assert!(texts(&html, "#moves .source")[0].contains("O*NET 30.1 Database"));

    // Each move's difference is the difference of the two medians that the
    // occupation pages show.
    let own = json(&app, "/salaries/29-1141.json").await["annual"]["median"]
        .as_i64()
        .unwrap();
    let role = json(&app, "/roles/registered-nurse.json").await;
    let moves = role["moves"].as_array().unwrap();
    assert!(moves.len() >= 3, "{moves:?}");
    for m in moves {
        let soc = m["soc_code"].as_str().unwrap();
        let theirs = json(&app, &format!("/salaries/{soc}.json")).await["annual"]["median"]
            .as_i64()
            .unwrap();
        assert_eq!(
            m["median_difference"].as_i64().unwrap(),
            theirs - own,
            "{soc}"
        );
        assert!(["step-up", "similar-work", "way-in"].contains(&m["kind"].as_str().unwrap()));
        if m["kind"] == "step-up" {
            assert!(theirs as f64 >= own as f64 * 1.15, "{soc}");
        }
    }
    // The page prints the same difference.
    let first = &moves[0];
    let shown = texts(&html, "#moves .move dd")[0].clone();
    let dollars = first["median_difference"].as_i64().unwrap().abs();
    let grouped = format!("{}", dollars)
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(",");
    assert!(shown.contains(&format!("${grouped} a year")), "{shown}");
}

#[tokio::test]
async fn an_occupation_page_lists_moves_and_links_to_our_profiles() {
    let app = app(|_| {}).await;
    // Software quality assurance analysts move to software developers,
    // whose profile this site has.
    let html = app.page("/salaries/15-1253").await;
    let links = attrs(&html, "#moves .move-title", "href");
    assert!(
        links.contains(&"/roles/software-developer".to_owned()),
        "{links:?}"
    );
    let salary = json(&app, "/salaries/15-1253.json").await;
    assert!(
        salary["moves"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["role"] == "software-developer")
    );
}

#[tokio::test]
async fn pinned_moves_come_first_and_are_marked_as_the_editors() {
    let app = app(|dir| {
        rewrite(
            dir,
            "registered-nurse",
            "soc_match = \"exact\"",
            "soc_match = \"exact\"\nnext_roles = [\"software-developer\"]",
        )
    })
    .await;
    let html = app.page("/roles/registered-nurse").await;
    assert_eq!(texts(&html, "#moves h3")[0], "Editor's picks");
    assert_eq!(
        attrs(&html, "#moves .move-title", "href")[0],
        "/roles/software-developer"
    );
    let role = json(&app, "/roles/registered-nurse.json").await;
    assert_eq!(role["moves"][0]["kind"], "editor");
    assert_eq!(role["moves"][0]["role"], "software-developer");
}

#[tokio::test]
async fn an_occupation_onet_does_not_rate_says_so() {
    // 13-2051 Financial and investment analysts: published by BLS, not
    // rated by O*NET 30.1.
    let app = app(|dir| {
        rewrite(
            dir,
            "release-manager",
            "soc_code = \"15-1253\"",
            "soc_code = \"13-2051\"",
        )
    })
    .await;
    let html = app.page("/roles/release-manager").await;
    assert!(
        texts(&html, "#moves p").iter().any(|p| p.starts_with(
            "O*NET (the Occupational Information Network) does not rate the work of this occupation"
        )),
        "{:?}",
        texts(&html, "#moves p")
    );
    assert!(texts(&html, "#moves .move").is_empty());
}

#[tokio::test]
async fn the_sidebar_orders_siblings_by_similarity_of_work() {
    // Move one tester to a far occupation: it drops to the end of the
    // others' sidebars, though its title sorts first; the others share the
    // occupation and keep A-Z order.
    let app = app(|dir| {
        rewrite(
            dir,
            "accessibility-tester",
            "soc_code = \"15-1253\"",
            "soc_code = \"47-2061\"",
        )
    })
    .await;
    let html = app.page("/roles/manual-tester").await;
    let sidebar = attrs(&html, ".sibling-list a", "href");
    assert_eq!(sidebar.len(), 6, "{sidebar:?}");
    assert_eq!(sidebar[0], "/roles/performance-tester", "{sidebar:?}");
    assert_eq!(
        sidebar.last().unwrap(),
        "/roles/accessibility-tester",
        "{sidebar:?}"
    );
    let compare = attrs(&html, "#compare-with option", "value");
    assert_eq!(
        compare.last().unwrap(),
        "accessibility-tester",
        "{compare:?}"
    );
}
