//! `/search`: ranking, prefixes, old names, spelling, snippets, pagination,
//! the empty and no-results pages, and hostile input.
use crate::helpers::{Options, TestApp, attrs, fixture, spawn_app, spawn_app_with, texts};

/// The search fixture: roles in three fields and a few more BLS occupations.
pub async fn search_app() -> TestApp {
    spawn_app_with(Options {
        content: Some(fixture("search")),
        wages: Some("oews-search"),
        ..Options::default()
    })
    .await
}

fn result_links(html: &scraper::Html) -> Vec<String> {
    attrs(html, ".result h2 a", "href")
}

#[tokio::test]
async fn nurse_finds_the_profile_first_then_the_bls_occupations() {
    let app = search_app().await;
    let html = app.page("/search?q=nurse").await;
    let links = result_links(&html);
    assert_eq!(
        links[..2],
        ["/roles/registered-nurse", "/salaries/29-1141"],
        "{links:?}"
    );
    let mut rest = links[2..].to_vec();
    rest.sort();
    assert_eq!(
        rest,
        ["/salaries/29-1171", "/salaries/29-2061"],
        "{links:?}"
    );
    assert!(texts(&html, ".result-count")[0].starts_with("4 results"));
    let meta = texts(&html, ".result .meta");
    assert_eq!(
        meta[0],
        "Job profile · Healthcare · Typical salary $70K–$120K"
    );
    assert!(
        meta[1].starts_with("BLS occupation · Healthcare Practitioners and Technical Occupations · BLS pay range $69K–$137K"),
        "{}",
        meta[1]
    );
}

#[tokio::test]
async fn words_match_as_typed_so_far_and_old_names_match() {
    let app = search_app().await;
    let html = app.page("/search?q=develop").await;
    let links = result_links(&html);
    assert_eq!(links[0], "/roles/software-developer", "{links:?}");
    assert!(links.contains(&"/salaries/15-1254".to_owned()), "{links:?}");

    // `web-programmer` is a former slug of Software Developer.
    let html = app.page("/search?q=web+programmer").await;
    assert_eq!(result_links(&html), ["/roles/software-developer"]);
}

#[tokio::test]
async fn misspellings_still_find_something_and_the_page_says_how() {
    let app = search_app().await;
    let html = app.page("/search?q=acountant").await;
    assert_eq!(result_links(&html), ["/salaries/13-2011"]);
    let note = texts(&html, ".correction").join(" ");
    assert!(note.contains("Showing results for accountants"), "{note}");
    assert!(note.contains("closest spelling"), "{note}");

    let html = app.page("/search?q=registred+nurce").await;
    assert_eq!(result_links(&html)[0], "/roles/registered-nurse");
    assert!(texts(&html, ".correction")[0].contains("Showing results for registered nurse"));

    // The stemmer already folds this one: no correction needed.
    let html = app.page("/search?q=enginer").await;
    assert!(result_links(&html).contains(&"/salaries/17-2051".to_owned()));
}

#[tokio::test]
async fn matched_words_are_highlighted_and_escaped() {
    let app = search_app().await;
    let body = app.text("/search?q=patients").await;
    assert!(
        body.contains("cares for <mark>patients</mark> in hospitals"),
        "no highlighted snippet in {body}"
    );
    let html = app.page("/search?q=Testers").await;
    assert!(
        texts(&html, ".result .snippet mark")
            .iter()
            .all(|m| m.to_lowercase().starts_with("tester"))
    );
}

#[tokio::test]
async fn a_word_found_only_in_the_body_is_shown_in_its_sentence() {
    let app = search_app().await;
    // "regression" is in a duty, "paragraph" in the overview, next to a
    // script tag the page shows as text: neither is in a title or summary.
    let body = app.text("/search?q=regression").await;
    assert!(
        body.contains("Run <mark>regression</mark> suites"),
        "no body snippet in {body}"
    );
    let html = app.page("/search?q=paragraph").await;
    let snippets = texts(&html, ".result .snippet");
    assert!(!snippets.is_empty());
    for snippet in &snippets {
        assert!(snippet.contains("overview paragraph"), "{snippet}");
    }
    assert_eq!(
        texts(&html, ".result .snippet mark")
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        ["paragraph".to_owned()].into()
    );
    let raw = app.text("/search?q=paragraph").await;
    assert!(!raw.contains("<script>alert"), "unescaped script in {raw}");
}

#[tokio::test]
async fn results_are_paginated_with_prev_and_next() {
    let dir = tempfile::TempDir::new().unwrap();
    crate::helpers::copy_tree(&fixture("search"), dir.path());
    let template = std::fs::read_to_string(dir.path().join("roles/quality-engineer.md")).unwrap();
    for i in 1..=45 {
        let role = template.replace("Quality Engineer", &format!("Pager Tester {i}"));
        std::fs::write(dir.path().join(format!("roles/pager-tester-{i}.md")), role).unwrap();
    }
    let app = spawn_app_with(Options {
        content: Some(dir.path().to_owned()),
        ..Options::default()
    })
    .await;

    let first = app.page("/search?q=pager").await;
    assert_eq!(result_links(&first).len(), 20);
    assert!(texts(&first, ".result-count")[0].starts_with("45 results, showing 1–20"));
    assert!(attrs(&first, "a[rel=prev]", "href").is_empty());
    assert_eq!(
        attrs(&first, "a[rel=next]", "href"),
        ["/search?q=pager&page=2"]
    );

    let second = app.page("/search?q=pager&page=2").await;
    assert_eq!(
        attrs(&second, "a[rel=prev]", "href"),
        ["/search?q=pager&page=1"]
    );
    assert_eq!(
        attrs(&second, "a[rel=next]", "href"),
        ["/search?q=pager&page=3"]
    );
    let overlap: Vec<_> = result_links(&second)
        .into_iter()
        .filter(|l| result_links(&first).contains(l))
        .collect();
    assert!(overlap.is_empty(), "pages overlap: {overlap:?}");

    let last = app.page("/search?q=pager&page=3").await;
    assert_eq!(result_links(&last).len(), 5);
    assert!(attrs(&last, "a[rel=next]", "href").is_empty());

    assert_eq!(app.get("/search?q=pager&page=4").await.status(), 404);
    for bad in ["0", "-1", "abc", "99999999999999999999"] {
        let response = app.get(&format!("/search?q=pager&page={bad}")).await;
        assert_eq!(response.status(), 400, "page={bad}");
    }
}

#[tokio::test]
async fn an_empty_query_suggests_popular_fields() {
    let app = search_app().await;
    for path in [
        "/search",
        "/search?q=",
        "/search?q=+++",
        "/search?q=%22%28%29*",
    ] {
        let html = app.page(path).await;
        assert!(result_links(&html).is_empty(), "{path}");
        let fields = attrs(&html, ".popular a", "href");
        assert_eq!(fields[0], "/categories/testing", "{path}: most roles first");
        assert!(fields.contains(&"/categories/healthcare".to_owned()));
    }
}

#[tokio::test]
async fn no_results_suggests_where_to_go_instead() {
    let app = search_app().await;
    let html = app.page("/search?q=xylophonist").await;
    assert!(result_links(&html).is_empty());
    assert_eq!(
        texts(&html, ".no-results h2"),
        ["No results for “xylophonist”"]
    );
    let links = attrs(&html, ".no-results a", "href");
    assert!(links.contains(&"/roles".to_owned()), "{links:?}");
    assert!(
        links.contains(&"/categories/testing".to_owned()),
        "{links:?}"
    );
}

#[tokio::test]
async fn search_pages_are_noindex_and_not_in_the_sitemap() {
    let app = search_app().await;
    for path in ["/search", "/search?q=nurse", "/search?q=zzzz"] {
        let html = app.page(path).await;
        assert_eq!(
            attrs(&html, "meta[name=robots]", "content"),
            ["noindex"],
            "{path}"
        );
    }
    // The sitemap, or each part of it when it is an index of parts.
    let mut locs = sitemap_locs(&app.text("/sitemap.xml").await);
    if app.text("/sitemap.xml").await.contains("<sitemapindex") {
        let parts = std::mem::take(&mut locs);
        for part in parts {
            let path = part.trim_start_matches(crate::helpers::BASE_URL).to_owned();
            locs.extend(sitemap_locs(&app.text(&path).await));
        }
    }
    assert!(locs.iter().any(|l| l.ends_with("/roles/registered-nurse")));
    assert!(!locs.iter().any(|l| l.contains("/search")), "{locs:?}");
}

fn sitemap_locs(xml: &str) -> Vec<String> {
    roxmltree::Document::parse(xml)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn drafts_are_not_found_outside_preview() {
    let app = search_app().await;
    let html = app.page("/search?q=beta").await;
    assert!(!result_links(&html).contains(&"/roles/beta-tester".to_owned()));
}

#[tokio::test]
async fn every_page_has_a_labelled_search_box() {
    let app = spawn_app().await;
    for path in ["/", "/roles", "/roles/quality-engineer", "/salaries"] {
        let html = app.page(path).await;
        assert_eq!(
            attrs(&html, ".site-header form[role=search]", "action"),
            ["/search"],
            "{path}"
        );
        assert_eq!(
            attrs(&html, ".site-header form[role=search]", "method"),
            ["get"],
            "{path}"
        );
        assert_eq!(
            attrs(&html, ".site-header label[for=site-search]", "for").len(),
            1,
            "{path}"
        );
        assert_eq!(
            attrs(&html, ".site-header input#site-search", "name"),
            ["q"],
            "{path}"
        );
    }
    let home = app.page("/").await;
    assert_eq!(attrs(&home, "main form[role=search] input", "name"), ["q"]);
}

#[tokio::test]
async fn hostile_queries_never_fail_or_inject() {
    let app = search_app().await;
    // Over the search limit (200 characters): a 400 page that says why.
    // Over the server's query-string limit (1 KiB): 414, before any page.
    let long = "a".repeat(500);
    let huge = "a".repeat(10_000);
    let cases: Vec<(&str, u16)> = vec![
        ("%22", 200),
        ("%27", 200),
        ("*", 200),
        ("nurse*", 200),
        ("NEAR(nurse%20registered)", 200),
        ("NEAR%2F3", 200),
        ("(((nurse", 200),
        (")", 200),
        ("nurse%20AND%20OR%20NOT", 200),
        ("title%3Anurse", 200),
        ("%7Btitle%7D%3A%20nurse", 200),
        ("%5Enurse", 200),
        ("-nurse", 200),
        ("nur%00se", 200),
        ("%00", 200),
        ("%FF%FE", 200),
        ("caf%C3%A9", 200),
        ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200),
        ("%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200),
        (&long, 400),
        (&huge, 414),
    ];
    for (q, status) in cases {
        let response = app.get(&format!("/search?q={q}")).await;
        let shown = &q[..q.len().min(40)];
        assert_eq!(response.status().as_u16(), status, "q={shown}");
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("<script>alert"),
            "q={shown} reflected unescaped"
        );
        assert!(!body.contains('\0'), "q={shown} echoed a NUL");
    }
    let body = app.text(&format!("/search?q={long}")).await;
    assert!(body.contains("limited to 200"), "the 400 page says why");
    // Repeating the parameter is a malformed request, not a server error.
    assert_eq!(app.get("/search?q=a&q=b").await.status(), 400);
}

#[tokio::test]
async fn a_search_with_no_result_offers_the_fields_that_share_its_words() {
    let app = search_app().await;
    let html = app.page("/search?q=healthcare+xylophonist").await;
    let offered = texts(&html, ".no-results li a");
    let healthcare = offered.iter().position(|t| t == "Healthcare");
    let testing = offered.iter().position(|t| t.starts_with("Testing"));
    assert!(
        healthcare.is_some() && (testing.is_none() || healthcare < testing),
        "{offered:?}"
    );
}
