//! BLS wages on role pages and the salary explorer.
use crate::helpers::{attrs, spawn_app, texts};

#[tokio::test]
async fn role_page_shows_measured_pay_beside_the_editors_range() {
    let app = spawn_app().await;
    let html = app.page("/roles/quality-engineer").await;
    assert_eq!(texts(&html, "#pay-title"), ["Pay"]);
    assert_eq!(
        texts(&html, ".percentiles thead th"),
        ["Percentile", "United States"]
    );
    let headers = texts(&html, ".percentiles th[scope=row]");
    assert_eq!(
        headers,
        [
            "10th percentile",
            "25th percentile",
            "BLS median",
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
        source.contains(
            "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025"
        ),
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
    assert_eq!(national[2], "$135,980$65.38 an hour");
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

/// Settings for an app on `db` reading wage data from `wages`.
fn settings_with(db: &std::path::Path, wages: &std::path::Path) -> career_guide::config::Settings {
    career_guide::config::Settings {
        bind: "127.0.0.1:0".into(),
        content_dir: crate::helpers::fixture("site"),
        wage_data_dir: wages.to_owned(),
        static_dir: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static"),
        database_url: format!("sqlite://{}", db.display()),
        ..career_guide::config::Settings::local()
    }
}

#[tokio::test]
async fn a_broken_wage_file_keeps_the_previous_import_or_stops_a_fresh_start() {
    use career_guide::startup::Application;
    let dir = tempfile::TempDir::new().unwrap();
    let broken = dir.path().join("broken-oews");
    crate::helpers::copy_tree(&crate::helpers::fixture("oews"), &broken);
    let states = broken.join("states.csv");
    let text = std::fs::read_to_string(&states).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let bad = lines[3].replacen(",0.", ",*,", 1);
    lines[3] = &bad;
    std::fs::write(&states, lines.join("\n")).unwrap();

    // Nothing imported yet: the site refuses to start, naming file and line.
    let fresh = Application::build(settings_with(&dir.path().join("fresh.db"), &broken)).await;
    let message = format!(
        "{:#}",
        fresh.err().expect("a fresh start with broken data fails")
    );
    assert!(message.contains("states.csv:4"), "{message}");

    // An earlier import exists: it keeps being served.
    let db = dir.path().join("site.db");
    let good = Application::build(settings_with(&db, &crate::helpers::fixture("oews")))
        .await
        .unwrap();
    drop(good);
    let app = Application::build(settings_with(&db, &broken))
        .await
        .expect("starts on the previous import");
    let state = app.state();
    let code = career_guide::datasets::oews::SocCode::parse("15-1252").unwrap();
    let occupation = career_guide::datasets::oews::occupation(&state.pool, &code)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(occupation.annual_median, Some(135_980));
}
