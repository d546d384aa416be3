//! Plain words on every page: each abbreviation a reader meets is spelled
//! out where it first appears, "U.S. Bureau of Labor Statistics (BLS)"
//! before "BLS" stands alone. Checked over every bundled role page and one
//! page of each other type, in reading order.
use std::ops::Range;

use career_guide::content::abbreviation_checks::not_spelled_out_on_page;
use scraper::{ElementRef, Html, Node, Selector};

use crate::helpers::{Options, spawn_fixtures};

/// State and territory postal codes, as BLS writes them in area names
/// ("Austin-Round Rock-San Marcos, TX", "New York-Newark-Jersey City, NY-NJ-PA").
const POSTAL: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "PR", "GU", "VI",
];

/// The text a reader reads in `<main>`: not code, charts' drawing or the
/// list of sources (titles of cited documents, quoted as published).
fn reading_text(html: &Html) -> String {
    let main = Selector::parse("main").unwrap();
    let mut out = String::new();
    if let Some(main) = html.select(&main).next() {
        collect(main, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect(element: ElementRef, out: &mut String) {
    let skipped = matches!(element.value().name(), "code" | "svg" | "script" | "style")
        || element.value().id() == Some("sources");
    if skipped {
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    // Block boundaries are word boundaries.
                    out.push(' ');
                    collect(child, out);
                }
            }
            _ => {}
        }
    }
}

/// Names written as their owners require: a role's title (its own page
/// spells it out in the summary), a postal code in an area's name (after
/// ", " or another code and "-"), and the license O*NET's attribution must
/// name as "CC BY 4.0".
fn is_a_name(text: &str, titles: &[String], word: &str, at: Range<usize>) -> bool {
    let license = "CC BY 4.0";
    let from = |i: usize| text.get(i..).unwrap_or("");
    if from(at.start).starts_with(license) || from(at.start.saturating_sub(3)).starts_with(license)
    {
        return true;
    }
    let in_title = titles.iter().any(|title| {
        text.match_indices(title.as_str())
            .any(|(i, _)| i <= at.start && at.end <= i + title.len())
    });
    if in_title {
        return true;
    }
    if !POSTAL.contains(&word) {
        return false;
    }
    let before = &text[..at.start];
    before.ends_with(", ")
        || before
            .strip_suffix('-')
            .is_some_and(|b| POSTAL.iter().any(|code| b.ends_with(code)))
}

#[tokio::test]
async fn every_abbreviation_is_spelled_out_where_a_reader_first_meets_it() {
    // Paths are relative to tests/fixtures.
    let app = spawn_fixtures("../../content", "../../data/oews-2025", Options::default()).await;
    let roles: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, title FROM roles WHERE draft = 0 ORDER BY slug")
            .fetch_all(&app.state.pool)
            .await
            .unwrap();
    assert!(roles.len() > 200, "the bundled library is read");
    let mut paths: Vec<String> = roles
        .iter()
        .map(|(slug, _)| format!("/roles/{slug}"))
        .collect();
    let titles: Vec<String> = roles
        .into_iter()
        .map(|(_, title)| title)
        .filter(|title| {
            title.chars().filter(char::is_ascii_uppercase).count() > title.split(' ').count()
        })
        .collect();
    paths.extend(
        [
            "/",
            "/roles",
            "/roles?max_education=some-college&sort=pay",
            "/categories/healthcare",
            "/salaries",
            "/salaries/29-1141",
            "/salaries/15-1252",
            "/search?q=nurse",
            "/compare",
            "/compare?roles=data-analyst,electrician,registered-nurse",
            "/roles/registered-nurse?state=TX",
        ]
        .map(String::from),
    );
    let mut failures = Vec::new();
    for path in &paths {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        let html = Html::parse_document(&response.text().await.unwrap());
        let text = reading_text(&html);
        let ignore = |word: &str, at| is_a_name(&text, &titles, word, at);
        let missing = not_spelled_out_on_page(&text, &ignore);
        if !missing.is_empty() {
            failures.push(format!("{path}: {}", missing.join(" ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pages use an abbreviation before spelling it out:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
