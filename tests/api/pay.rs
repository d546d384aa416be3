//! The pay block as a job seeker uses it: related-occupation notices, jump
//! links, the state view on role pages, sortable state tables and
//! hourly-only occupations. Fixtures: tests/fixtures/pay-site (an exact, a
//! related, an hourly-only and an unmapped role) on tests/fixtures/oews-pay
//! (real May 2025 rows for four states).
use scraper::Html;

use crate::helpers::{BASE_URL, Options, TestApp, attrs, spawn_fixtures, texts};

async fn spawn() -> TestApp {
    spawn_fixtures("pay-site", "oews-pay", Options::default()).await
}

fn robots(html: &Html) -> Vec<String> {
    attrs(html, "meta[name=robots]", "content")
}

fn canonical(html: &Html) -> String {
    attrs(html, "link[rel=canonical]", "href").remove(0)
}

#[tokio::test]
async fn a_related_occupation_is_said_in_the_first_sentence_of_the_pay_block() {
    let app = spawn().await;
    let html = app.page("/roles/data-analyst").await;
    let first = texts(&html, "#pay > p").remove(0);
    assert!(
        first.starts_with(
            "These BLS figures are for a related occupation, Data Scientists (occupation code 15-2051), not for Data Analyst itself."
        ),
        "{first}"
    );
    assert!(
        first.ends_with(
            "BLS has no separate occupation for data analysts; Data Scientists is the closest."
        ),
        "the editor's reason follows: {first}"
    );
    let glance = texts(&html, ".glance-pay dd").remove(0);
    assert_eq!(
        glance,
        "$120,230 a year ($57.80 an hour) for the related occupation Data Scientists"
    );

    let exact = app.page("/roles/software-developer").await;
    assert!(texts(&exact, ".related-notice").is_empty());
    assert!(
        texts(&exact, "#pay > p")[0]
            .starts_with("Typical range (editor's estimate): $90K–$160K a year.")
    );
    assert_eq!(
        texts(&exact, ".glance-pay dd"),
        ["$135,980 a year ($65.38 an hour)"]
    );
}

#[tokio::test]
async fn jump_links_lead_to_the_sections_of_the_page() {
    let app = spawn().await;
    let html = app.page("/roles/software-developer").await;
    assert_eq!(texts(&html, ".toc h2"), ["On this page"]);
    let links = attrs(&html, ".toc a", "href");
    assert_eq!(
        links,
        [
            "#duties",
            "#qualifications",
            "#pay",
            "#moves",
            "#cover-letter",
            "#faq",
            "#sources"
        ]
    );
    for link in &links {
        let target = format!("section{link}");
        assert_eq!(texts(&html, &target).len(), 1, "{link} has a target");
    }
    assert_eq!(
        attrs(&html, ".glance-pay a", "href"),
        ["#pay"],
        "the BLS median at a glance links to the pay block"
    );
    assert_eq!(texts(&html, ".glance-pay dt"), ["BLS median (May 2025)"]);

    // No BLS occupation, no pay block and no link to it.
    let unmapped = app.page("/roles/career-coach").await;
    assert!(!attrs(&unmapped, ".toc a", "href").contains(&"#pay".to_owned()));
    assert!(texts(&unmapped, "#pay").is_empty());
    assert!(texts(&unmapped, ".glance-pay").is_empty());
}

#[tokio::test]
async fn the_state_view_shows_a_state_beside_the_nation_and_is_not_indexed() {
    let app = spawn().await;
    let plain = app.page("/roles/software-developer").await;
    assert!(robots(&plain).is_empty());
    // A plain GET form: no JavaScript needed.
    assert_eq!(attrs(&plain, "form.state-picker", "method"), ["get"]);
    assert_eq!(
        attrs(&plain, "form.state-picker", "action"),
        ["/roles/software-developer#pay"]
    );
    assert_eq!(attrs(&plain, "form.state-picker select", "name"), ["state"]);
    assert_eq!(
        attrs(&plain, "form.state-picker option", "value"),
        ["", "CA", "NY", "PR", "TX"]
    );
    assert_eq!(
        texts(&plain, "label[for=state]"),
        ["Compare with your state"]
    );

    let html = app.page("/roles/software-developer?state=ca").await;
    assert_eq!(robots(&html), ["noindex"]);
    assert_eq!(
        canonical(&html),
        format!("{BASE_URL}/roles/software-developer")
    );
    assert_eq!(
        texts(&html, ".percentiles thead th"),
        ["Percentile", "United States", "California"]
    );
    assert_eq!(
        texts(&html, ".percentiles tbody tr:nth-child(3) > *"),
        [
            "BLS median",
            "$135,980$65.38 an hour",
            "$174,410$83.85 an hour"
        ]
    );
    let summary = texts(&html, ".state-summary").remove(0);
    assert_eq!(
        summary,
        "In California: BLS median $174,410 a year, 28% above the national median, with 284,390 people employed."
    );
    assert_eq!(
        attrs(&html, "option[selected]", "value"),
        ["CA"],
        "the choice stays selected"
    );
    assert_eq!(
        texts(&html, ".pay-chart .row-title"),
        [
            "BLS, United States",
            "BLS, California",
            "Typical range (editor's estimate)"
        ]
    );

    // An empty choice is the plain page.
    let empty = app.page("/roles/software-developer?state=").await;
    assert!(robots(&empty).is_empty());
    assert_eq!(texts(&empty, ".percentiles thead th").len(), 2);
}

#[tokio::test]
async fn odd_state_choices_get_a_clear_answer_not_a_500() {
    let app = spawn().await;
    for bad in ["ZZ", "California", "%00", "CA&state=TX"] {
        let status = app
            .get(&format!("/roles/software-developer?state={bad}"))
            .await
            .status();
        assert_eq!(status, 400, "?state={bad}");
    }
    // A real state that publishes nothing for the occupation.
    let html = app.page("/roles/software-developer?state=WY").await;
    assert_eq!(
        texts(&html, ".state-summary"),
        ["BLS publishes no estimate for Software Developers in WY."]
    );
    assert_eq!(robots(&html), ["noindex"]);
    // A role without BLS data ignores the choice.
    let unmapped = app.page("/roles/career-coach?state=CA").await;
    assert!(texts(&unmapped, "#pay").is_empty());
}

#[tokio::test]
async fn the_state_table_sorts_by_name_employment_or_median_with_links() {
    let app = spawn().await;
    let names = |html: &Html| texts(html, "table.states th[scope=row]");

    let plain = app.page("/salaries/15-2051").await;
    assert_eq!(
        names(&plain),
        ["California", "New York", "Puerto Rico", "Texas"]
    );
    assert!(robots(&plain).is_empty());
    assert_eq!(
        attrs(&plain, "#states .sort a", "href"),
        [
            "/salaries/15-2051?sort=employment#states",
            "/salaries/15-2051?sort=median#states"
        ]
    );
    assert_eq!(texts(&plain, "#states .sort [aria-current]"), ["State"]);
    // Each state's median against the national $120,230.
    let relative = texts(&plain, "table.states td[data-label='vs U.S. median']");
    assert_eq!(relative, ["+18%", "+9%", "\u{2212}33%", "+2%"]);

    let by_median = app.page("/salaries/15-2051?sort=median").await;
    assert_eq!(
        names(&by_median),
        ["California", "New York", "Texas", "Puerto Rico"]
    );
    assert_eq!(robots(&by_median), ["noindex"]);
    assert_eq!(
        canonical(&by_median),
        format!("{BASE_URL}/salaries/15-2051")
    );
    assert_eq!(
        attrs(&by_median, "table.states th[aria-sort]", "aria-sort"),
        ["descending"]
    );

    let by_employment = app.page("/salaries/15-2051?sort=employment").await;
    assert_eq!(
        names(&by_employment),
        ["California", "Texas", "New York", "Puerto Rico"]
    );

    // Unknown orders fall back to names rather than failing.
    let odd = app.page("/salaries/15-2051?sort=salary").await;
    assert_eq!(names(&odd), names(&plain));
}

#[tokio::test]
async fn hourly_only_occupations_show_hourly_figures_and_say_so() {
    let app = spawn().await;
    let html = app.page("/salaries/27-2011").await;
    let lede = texts(&html, ".lede").remove(0);
    assert!(lede.contains("only as hourly wages"), "{lede}");
    let national: Vec<String> = texts(&html, ".percentiles td");
    assert_eq!(
        national,
        ["$16.50", "$20.34", "$29.05", "$97.95", "$143.68"]
    );
    let caption = texts(&html, ".percentiles caption").remove(0);
    assert!(caption.contains("in dollars an hour"), "{caption}");
    assert_eq!(
        texts(&html, ".pay-chart .median-value"),
        ["BLS median $29.05"]
    );
    // States: New York publishes hourly figures, California none.
    let row = |n: usize| texts(&html, &format!("table.states tbody tr:nth-child({n}) > *"));
    assert_eq!(row(1), ["California", "26,170", "–", "–", "–", "–"]);
    assert_eq!(
        row(2),
        [
            "New York",
            "6,630",
            "$28.44",
            "\u{2212}2%",
            "$20.80",
            "$97.95"
        ]
    );
    assert_eq!(
        row(3),
        [
            "Texas",
            "2,160",
            "$25.86",
            "\u{2212}11%",
            "$14.97",
            "$111.29"
        ]
    );

    let role = app.page("/roles/stage-actor").await;
    let text = texts(&role, "#pay > p").remove(0);
    assert!(
        text.contains("United States: $29.05 an hour")
            && text.contains("BLS publishes this occupation's pay only as hourly wages"),
        "{text}"
    );
    assert_eq!(texts(&role, ".glance-pay dd"), ["$29.05 an hour"]);
    assert!(
        attrs(&role, ".pay-chart rect.editor", "class").is_empty(),
        "an annual range is not drawn on an hourly scale"
    );
    let state = app.page("/roles/stage-actor?state=NY").await;
    assert_eq!(
        texts(&state, ".percentiles tbody tr:nth-child(3) > *"),
        ["BLS median", "$29.05", "$28.44"]
    );

    let explorer = app.page("/salaries").await;
    let cells = texts(&explorer, "tbody td");
    let actors = cells
        .iter()
        .position(|c| c == "Actors")
        .expect("Actors listed");
    assert_eq!(cells[actors + 1], "$29.05 an hour");
}

#[tokio::test]
async fn every_salary_figure_carries_a_visible_label() {
    let app = spawn().await;
    let category = app.page("/categories/work").await;
    let cards = texts(&category, ".role-card .range");
    assert!(!cards.is_empty());
    for card in &cards {
        assert!(
            card.starts_with("Typical range (editor's estimate): $"),
            "{card}"
        );
    }
    assert!(
        texts(&category, ".role-card .range .visually-hidden").is_empty(),
        "the label is visible"
    );
    let role = app.page("/roles/data-analyst").await;
    assert_eq!(
        texts(&role, ".salary-range .label"),
        ["Typical range (editor's estimate)"]
    );
    for range in texts(&role, ".sibling .range") {
        assert!(
            range.starts_with("Typical range (editor's estimate): $"),
            "{range}"
        );
    }
    assert_eq!(
        texts(&role, ".pay-chart .row-title"),
        ["BLS, United States", "Typical range (editor's estimate)"]
    );
    assert_eq!(
        texts(&app.page("/salaries").await, "thead th")[1],
        "BLS median (annual)"
    );
}

/// A table wider than a phone scrolls inside its frame; the frame must be
/// reachable by keyboard (axe `scrollable-region-focusable`) and named
/// apart from the other frames on the page (axe `landmark-unique`).
#[tokio::test]
async fn every_scrolling_table_frame_is_focusable_and_named_apart() {
    let app = spawn().await;
    for path in [
        "/salaries",
        "/salaries/15-2051",
        "/roles/software-developer",
    ] {
        let html = app.page(path).await;
        let frames = texts(&html, ".table-wrap").len();
        assert!(frames > 0, "{path} has no table frame");
        assert_eq!(
            attrs(&html, ".table-wrap", "tabindex"),
            vec!["0"; frames],
            "{path}"
        );
        assert_eq!(
            attrs(&html, ".table-wrap", "role"),
            vec!["region"; frames],
            "{path}"
        );
        let mut labels = attrs(&html, ".table-wrap", "aria-label");
        assert_eq!(labels.len(), frames, "{path}: every frame is named");
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), frames, "{path}: names repeat");
    }
}
