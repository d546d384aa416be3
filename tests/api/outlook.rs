//! BLS Employment Projections on the pages: the outlook and entry facts of
//! role and occupation pages, the finder's filters and sorts, the
//! comparison's rows and the JSON alternates. Figures are the bundled
//! data's (data/bls-ep-2024-34/occupations.csv).
use serde_json::Value;
use tempfile::TempDir;

use crate::finder::found;
use crate::helpers::{Options, TestApp, attrs, copy_tree, fixture, spawn_app_with, texts};
use crate::search::search_app;

/// The search fixture with Release Manager moved to a declining occupation
/// (43-3071 Tellers: -12.9%, 29,800 openings a year) that stands in for it
/// as a related match.
async fn app_with_a_declining_role() -> TestApp {
    app_with_tellers_as_related("oews-search").await
}

/// The search fixture on the wage data `wages` (under tests/fixtures), with
/// Release Manager borrowing the figures of 43-3071 Tellers.
pub async fn app_with_tellers_as_related(wages: &'static str) -> TestApp {
    let dir = TempDir::new().unwrap();
    copy_tree(&fixture("search"), dir.path());
    let path = dir.path().join("roles/release-manager.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("soc_code = \"15-1253\"", "soc_code = \"43-3071\"")
        .replace(
            "soc_match = \"exact\"",
            "soc_match = \"related\"\nsoc_match_reason = \"A test of a related match.\"",
        );
    std::fs::write(&path, text).unwrap();
    spawn_app_with(Options {
        content: Some(dir.path().to_owned()),
        wages: Some(wages),
        ..Options::default()
    })
    .await
}

#[tokio::test]
async fn a_role_page_shows_the_projection_and_how_people_get_in() {
    let app = search_app().await;
    let html = app.page("/roles/software-developer").await;
    assert_eq!(texts(&html, "#outlook .outlook-figure strong"), ["+15.8%"]);
    assert_eq!(texts(&html, "#outlook .band"), ["Much faster than average"]);
    assert_eq!(
        texts(&html, "#outlook dd"),
        [
            "+15.8% (all occupations: +3.1%)",
            "about 115,200",
            "1,693,800",
            "1,961,400"
        ]
    );
    assert!(texts(&html, "#outlook .source")[0].contains("Employment Projections 2024-34"));
    assert_eq!(
        texts(&html, "#entry dd"),
        [
            "Bachelor's degree",
            "None",
            "None",
            "At least 4 years (estimate: the shortest usual path)"
        ]
    );
    // The outlook stands in the "Career outlook" section, the entry facts in
    // "Qualifications", and the glance links to the figures.
    assert_eq!(
        texts(&html, "#career-outlook #outlook h3"),
        ["Job outlook, 2024–34"]
    );
    assert_eq!(
        texts(&html, "#qualifications #entry h3"),
        ["How people get in"]
    );
    assert!(
        texts(&html, ".glance-bls dd")[0]
            .starts_with("+15.8%, much faster than average; about 115,200 openings a year")
    );
}

#[tokio::test]
async fn a_decline_is_never_called_growth_and_a_related_figure_names_its_occupation() {
    let app = app_with_a_declining_role().await;
    let html = app.page("/roles/release-manager").await;
    assert_eq!(texts(&html, "#outlook .outlook-figure strong"), ["-12.9%"]);
    assert_eq!(texts(&html, "#outlook .band"), ["Projected to decline"]);
    let source = &texts(&html, "#outlook .source")[0];
    assert!(
        source.starts_with("Figures for the related occupation Tellers."),
        "{source}"
    );
    assert!(texts(&html, ".glance-bls dd")[0].contains("for the related occupation Tellers"));
    // Many openings still: the badge follows the documented rule, not the sign.
    assert!(texts(&html, "#outlook .badge").is_empty());
}

#[tokio::test]
async fn an_occupation_page_shows_its_projection() {
    let app = search_app().await;
    let html = app.page("/salaries/29-1141").await;
    assert_eq!(texts(&html, "#outlook .outlook-figure strong"), ["+4.9%"]);
    assert_eq!(texts(&html, "#outlook .badge"), ["Bright outlook"]);
    assert_eq!(texts(&html, "#outlook dd")[1], "about 189,100");
    assert_eq!(texts(&html, "#entry dd")[0], "Bachelor's degree");
}

async fn json(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

#[tokio::test]
async fn the_json_alternates_carry_the_outlook() {
    let app = app_with_a_declining_role().await;
    let role = json(&app, "/roles/release-manager.json").await;
    let outlook = &role["outlook"];
    assert_eq!(outlook["soc_code"], "43-3071");
    assert_eq!(outlook["match"], "related");
    assert_eq!(outlook["change_percent"], -12.9);
    assert_eq!(outlook["all_occupations_change_percent"], 3.1);
    assert_eq!(outlook["phrase"], "Projected to decline");
    assert_eq!(outlook["bright"], false);
    assert_eq!(outlook["annual_openings"], 29_800);
    assert_eq!(outlook["employment_2024"], 347_400);
    assert_eq!(outlook["employment_2034"], 302_500);
    assert_eq!(outlook["entry_education"]["value"], "high-school");
    assert_eq!(outlook["work_experience"]["value"], "none");
    assert_eq!(outlook["training"]["value"], "short-term");
    assert_eq!(outlook["time_to_qualify"]["months_at_least"], 0);
    assert_eq!(
        outlook["source"],
        "U.S. Bureau of Labor Statistics, Employment Projections 2024-34"
    );
    // Sources carry the ids the prose cites.
    assert!(
        role["sources"][0]["id"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );

    let salary = json(&app, "/salaries/15-1252.json").await;
    assert_eq!(salary["outlook"]["change_percent"], 15.8);
    assert_eq!(salary["outlook"]["bright"], true);
    assert!(salary["outlook"].get("match").is_none());
}

#[tokio::test]
async fn the_finder_filters_by_highest_education_and_bright_outlook_and_sorts_by_growth_and_openings()
 {
    let app = app_with_a_declining_role().await;
    // Manual Tester is the only high-school role; the nurse needs an associate's.
    let html = app.page("/roles?max_education=high-school").await;
    assert_eq!(found(&html), ["manual-tester"]);
    let html = app.page("/roles?max_education=associates").await;
    assert_eq!(found(&html), ["manual-tester", "registered-nurse"]);
    assert_eq!(
        attrs(&html, "#finder-max-education option[selected]", "value"),
        ["associates"]
    );

    let html = app.page("/roles?outlook=bright").await;
    let bright = found(&html);
    assert!(
        !bright.contains(&"release-manager".to_owned()),
        "{bright:?}"
    );
    // Every other published role (Beta Tester is a draft) is bright.
    assert_eq!(bright.len(), 8, "{bright:?}");
    assert_eq!(texts(&html, ".result .badge").len(), 8);

    let html = app.page("/roles?sort=growth").await;
    let roles = found(&html);
    assert_eq!(roles.first().unwrap(), "software-developer"); // +15.8%
    assert_eq!(roles.last().unwrap(), "release-manager"); // -12.9%
    assert_eq!(texts(&html, "h1"), ["Fastest-growing roles"]);

    let html = app.page("/roles?sort=openings").await;
    let roles = found(&html);
    assert_eq!(roles[..2], ["registered-nurse", "software-developer"]); // 189,100; 115,200
}

#[tokio::test]
async fn unknown_finder_values_get_a_400_naming_the_accepted_ones() {
    let app = search_app().await;
    for (query, expected) in [
        ("max_education=college", "none, high-school, postsecondary"),
        ("outlook=rosy", "use `bright`"),
        ("sort=salary", "`title`, `pay`, `growth`, `openings`"),
    ] {
        let response = app.get(&format!("/roles?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
        let body = response.text().await.unwrap();
        assert!(body.contains(expected), "{query}: {body}");
    }
}

#[tokio::test]
async fn the_home_page_links_jobs_without_a_degree() {
    let app = search_app().await;
    let html = app.page("/").await;
    let links = attrs(&html, ".quick-lists a", "href");
    let without_degree = links
        .iter()
        .find(|l| l.contains("max_education=some-college"))
        .expect("a quick link to jobs without a degree");
    let html = app.page(without_degree).await;
    // Of the fixture roles only Manual Tester needs no degree, and its
    // occupation's median is above the floor.
    assert_eq!(found(&html), ["manual-tester"]);
}

#[tokio::test]
async fn the_comparison_has_rows_for_the_projection_and_entry() {
    let app = search_app().await;
    let html = app
        .page("/compare?roles=registered-nurse,software-developer")
        .await;
    let rows = texts(&html, "tbody th[scope=row]");
    let row = |name: &str| {
        let index = rows
            .iter()
            .position(|r| r == name)
            .unwrap_or_else(|| panic!("{name}: {rows:?}"));
        let cells = texts(&html, "tbody tr");
        cells[index].clone()
    };
    assert!(
        row("Projected change in jobs, 2024–34 (BLS)").contains("+4.9%, about as fast as average")
    );
    assert!(
        row("Projected change in jobs, 2024–34 (BLS)").contains("+15.8%, much faster than average")
    );
    assert!(row("Openings a year (BLS)").contains("about 189,100"));
    assert!(row("BLS entry education").contains("Bachelor's degree"));
    assert!(row("Time to qualify (estimate)").contains("At least 4 years"));
}
