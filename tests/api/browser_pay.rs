//! Pay pages measured in a real browser at 390 px (Chromium driven through
//! chromedriver): nothing scrolls sideways, no table is wider than its box,
//! no rendered text (SVG chart text included) is smaller than 12 px, chart
//! labels do not overlap, and the "Pay" jump link lands on the pay block.
//!
//! Needs `chromium` and `chromedriver` (Debian: chromium, chromium-driver) on
//! PATH, or CHROMEDRIVER / CHROMIUM set to their paths. Without them the
//! tests print a notice and pass, except under CI (CI set), where they fail.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, spawn_fixtures};
use crate::webdriver::{Driver, on_path};

/// The phone width the pages must fit.
const PHONE_WIDTH: u32 = 390;
const SMALLEST_TEXT_PX: f64 = 12.0;

/// Role and salary pages whose pay blocks differ in shape: exact and
/// related matches, a state row, an hourly-only occupation, a role without
/// BLS data, the state tables and the explorer.
const PAGES: &[&str] = &[
    "/roles/software-developer",
    "/roles/software-developer?state=CA",
    "/roles/data-analyst?state=PR",
    "/roles/stage-actor?state=NY",
    "/roles/career-coach",
    "/salaries/15-2051",
    "/salaries/15-2051?sort=median",
    "/salaries/27-2011",
    "/salaries",
];

async fn phone_browser(driver: &Driver) -> Client {
    browser_at(driver, PHONE_WIDTH).await
}

/// A browser whose viewport is `width` CSS px wide (and a phone's height).
async fn browser_at(driver: &Driver, width: u32) -> Client {
    let mut options = json!({
        "args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
        ],
        // A desktop window cannot be narrower than 500 px: emulate the phone.
        "mobileEmulation": {
            "deviceMetrics": { "width": width, "height": 844, "pixelRatio": 1.0 }
        }
    });
    if let Some(binary) = on_path("chromium", "CHROMIUM") {
        options["binary"] = json!(binary);
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a browser session")
}

async fn spawn() -> TestApp {
    spawn_fixtures("pay-site", "oews-pay", Options::default()).await
}

/// Measures the loaded page; returns an object (see the fields below).
const MEASURE: &str = r#"
const doc = document.documentElement;
const visible = (el) => {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) return false;
  const s = getComputedStyle(el);
  return s.visibility !== 'hidden' && s.display !== 'none' && s.clipPath !== 'inset(50%)';
};
// Rendered size of an element's text: its font size times any scaling
// (an SVG viewBox or a CSS transform) between it and the screen.
const renderedSize = (el) => {
  const size = parseFloat(getComputedStyle(el).fontSize);
  const owner = el.closest('svg');
  if (owner && el instanceof SVGGraphicsElement) {
    const m = el.getScreenCTM();
    return size * Math.hypot(m.b, m.d);
  }
  return size;
};
let smallest = { px: Infinity, text: '' };
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.trim();
  const el = node.parentElement;
  if (!text || !el || el.closest('script, style, title, desc, noscript')) continue;
  if (!visible(el)) continue;
  const px = renderedSize(el);
  if (px < smallest.px) smallest = { px, text: text.slice(0, 60) };
}
const tooWide = [];
for (const t of document.querySelectorAll('table')) {
  const box = t.parentElement;
  if (t.getBoundingClientRect().width > box.clientWidth + 0.5 || box.scrollWidth > box.clientWidth + 0.5) {
    tooWide.push((t.querySelector('caption') || t).textContent.trim().slice(0, 60));
  }
}
const overlaps = [];
for (const svg of document.querySelectorAll('.pay-chart svg')) {
  const boxes = [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [ta, a] = boxes[i], [tb, b] = boxes[j];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
        overlaps.push(ta + ' / ' + tb);
      }
    }
    const outer = svg.getBoundingClientRect();
    for (const [t, r] of boxes) {
      if (r.left < outer.left - 0.5 || r.right > outer.right + 0.5) overlaps.push(t + ' outside the chart');
    }
  }
}
return {
  innerWidth: window.innerWidth,
  scrollWidth: doc.scrollWidth,
  smallestPx: smallest.px,
  smallestText: smallest.text,
  tooWide,
  overlaps,
  svgTexts: document.querySelectorAll('svg text').length,
};
"#;

/// One page's measurements, or why it could not be measured.
struct Measured {
    path: String,
    scroll_width: f64,
    smallest_px: f64,
    smallest_text: String,
    problems: Vec<String>,
    svg_texts: u64,
}

/// Loads and measures each path. Every check is collected rather than
/// asserted here, so that the caller always closes the browser first (a
/// panic mid-session would leave Chromium running).
async fn measure(
    browser: &Client,
    base: &str,
    paths: &[String],
    width: u32,
) -> Result<Vec<Measured>, String> {
    let mut out = Vec::new();
    for path in paths {
        browser
            .goto(&format!("{base}{path}"))
            .await
            .map_err(|e| format!("{path} did not load: {e}"))?;
        let m: Value = browser
            .execute(MEASURE, Vec::new())
            .await
            .map_err(|e| format!("{path} could not be measured: {e}"))?;
        let scroll_width = m["scrollWidth"].as_f64().unwrap_or(f64::INFINITY);
        let smallest_px = m["smallestPx"].as_f64().unwrap_or(0.0);
        let mut problems = Vec::new();
        if m["innerWidth"] != json!(width) {
            problems.push(format!("viewport is {} px wide", m["innerWidth"]));
        }
        if scroll_width > f64::from(width) {
            problems.push(format!("scrolls sideways: {scroll_width} px wide"));
        }
        if smallest_px < SMALLEST_TEXT_PX {
            problems.push(format!(
                "text at {smallest_px:.1} px: {}",
                m["smallestText"]
            ));
        }
        if m["tooWide"] != json!([]) {
            problems.push(format!("tables wider than their box: {}", m["tooWide"]));
        }
        if m["overlaps"] != json!([]) {
            problems.push(format!("chart labels collide: {}", m["overlaps"]));
        }
        out.push(Measured {
            path: path.clone(),
            scroll_width,
            smallest_px,
            smallest_text: m["smallestText"].to_string(),
            problems,
            svg_texts: m["svgTexts"].as_u64().unwrap_or(0),
        });
    }
    Ok(out)
}

/// Measures `paths` in a fresh phone-sized session and closes it.
async fn measure_in_browser(driver: &Driver, base: &str, paths: &[String]) -> Vec<Measured> {
    let browser = phone_browser(driver).await;
    let outcome = measure(&browser, base, paths, PHONE_WIDTH).await;
    let _ = browser.close().await;
    outcome.unwrap_or_else(|e| panic!("{e}"))
}

fn failures(pages: &[Measured]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| {
            p.problems
                .iter()
                .map(move |problem| format!("{}: {problem}", p.path))
        })
        .collect()
}

#[tokio::test]
async fn pay_pages_fit_a_390px_phone_with_readable_text() {
    let Some(driver) = crate::webdriver::start("browser_pay") else {
        return;
    };
    let app = spawn().await;
    let paths: Vec<String> = PAGES.iter().map(|p| (*p).to_owned()).collect();
    let pages = measure_in_browser(&driver, &app.address, &paths).await;
    for p in &pages {
        eprintln!(
            "{}: scrollWidth {}, smallest text {:.1}px ({}), {} SVG texts",
            p.path, p.scroll_width, p.smallest_px, p.smallest_text, p.svg_texts
        );
    }
    let problems = failures(&pages);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The charts were there to be measured.
    let chart = pages
        .iter()
        .find(|p| p.path == "/roles/software-developer?state=CA");
    assert!(
        chart.is_some_and(|p| p.svg_texts >= 12),
        "two rows, an editor's row and ticks"
    );
}

/// Clicks the "Pay" jump link; returns where the page landed.
async fn follow_pay_link(browser: &Client, url: &str) -> Result<Value, String> {
    browser.goto(url).await.map_err(|e| e.to_string())?;
    browser
        .find(Locator::Css(".toc a[href='#pay']"))
        .await
        .map_err(|e| format!("no Pay jump link: {e}"))?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    browser
        .execute(
            "return { hash: location.hash, scrollY: window.scrollY, \
              top: document.getElementById('pay').getBoundingClientRect().top };",
            Vec::new(),
        )
        .await
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn the_pay_jump_link_lands_on_the_pay_block() {
    let Some(driver) = crate::webdriver::start("browser_pay") else {
        return;
    };
    let app = spawn().await;
    let browser = phone_browser(&driver).await;
    let outcome = follow_pay_link(&browser, &format!("{}/roles/data-analyst", app.address)).await;
    let _ = browser.close().await;
    let landed = outcome.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(landed["hash"], "#pay");
    assert!(
        landed["scrollY"].as_f64().unwrap_or(0.0) > 500.0,
        "{landed}"
    );
    let top = landed["top"].as_f64().unwrap_or(f64::INFINITY);
    assert!(top.abs() < 2.0, "the pay block starts at the top: {landed}");
}

/// The same measurements over every role page of the bundled content, and
/// a state view and a sorted state table of each mapped occupation: slow,
/// so run on demand with
/// `cargo test --test api every_real_role_page -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "measures all bundled content; run on demand"]
async fn every_real_role_page_fits_a_390px_phone() {
    let Some(driver) = crate::webdriver::start("browser_pay") else {
        return;
    };
    // Paths are relative to tests/fixtures.
    let app = spawn_fixtures("../../content", "../../data/oews-2025", Options::default()).await;
    let roles: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT slug, soc_code FROM roles WHERE draft = 0 ORDER BY slug")
            .fetch_all(&app.state.pool)
            .await
            .unwrap();
    let mut paths = Vec::new();
    for (slug, soc) in &roles {
        paths.push(format!("/roles/{slug}"));
        if let Some(soc) = soc {
            paths.push(format!("/roles/{slug}?state=CA"));
            paths.push(format!("/salaries/{soc}?sort=median"));
        }
    }
    paths.sort();
    paths.dedup();
    let pages = measure_in_browser(&driver, &app.address, &paths).await;
    let widest = pages.iter().map(|p| p.scroll_width).fold(0.0, f64::max);
    let smallest = pages
        .iter()
        .map(|p| p.smallest_px)
        .fold(f64::INFINITY, f64::min);
    eprintln!(
        "{} pages at {PHONE_WIDTH}px: widest document {widest}px, smallest text {smallest:.1}px",
        pages.len()
    );
    let problems = failures(&pages);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// At 390 px: where the pay chart starts on a role page, and the controls
/// and links outside running text that are too small for a thumb.
const TARGETS: &str = r#"
const chart = document.querySelector('#pay .pay-chart');
const small = [];
const visible = (el) => {
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return r.width > 1 && r.height > 1 && s.display !== 'none' && s.visibility !== 'hidden'
    && s.clipPath !== 'inset(50%)';
};
for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]), select, button')) {
  if (!visible(el)) continue;
  const r = el.getBoundingClientRect();
  if (r.height < 44) small.push(`${el.tagName.toLowerCase()}#${el.id} ${Math.round(r.height)}px tall`);
}
for (const el of document.querySelectorAll('.pick label, .check label')) {
  const r = el.getBoundingClientRect();
  if (visible(el) && r.height < 44) small.push(`label "${el.textContent.trim()}" ${Math.round(r.height)}px tall`);
}
for (const el of document.querySelectorAll('.site-header nav a, .site-footer a, .toc a, .breadcrumb a, .sibling-list a, .move-title, .card-compare a')) {
  const r = el.getBoundingClientRect();
  if (visible(el) && r.height < 24) small.push(`link "${el.textContent.trim()}" ${Math.round(r.height)}px tall`);
}
// A card that stands for one link takes the tap anywhere, its summary too.
const card = document.querySelector('.role-cards li, .category-grid li');
if (card) {
  const text = [...card.querySelectorAll('p')].find((p) => !p.closest('.card-compare'));
  text.scrollIntoView({ block: 'center' });
  const r = text.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
  if (!hit || !hit.closest('a')) small.push(`card "${card.querySelector('h3').textContent.trim()}" does not take a tap on its text`);
}
return { chartTop: chart ? chart.getBoundingClientRect().top + window.scrollY : null, small };
"#;

#[tokio::test]
async fn on_a_phone_pay_comes_within_three_screens_and_targets_are_big_enough() {
    let Some(driver) = crate::webdriver::start("browser_pay") else {
        return;
    };
    let app = spawn().await;
    let browser = phone_browser(&driver).await;
    let mut problems = Vec::new();
    for path in [
        "/roles/data-analyst",
        "/roles/software-developer?state=CA",
        "/roles?sort=pay",
    ] {
        let url = format!("{}{path}", app.address);
        if let Err(e) = browser.goto(&url).await {
            problems.push(format!("{path}: {e}"));
            continue;
        }
        let measured = browser.execute(TARGETS, Vec::new()).await;
        match measured {
            Ok(v) => {
                if let Some(top) = v["chartTop"].as_f64() {
                    eprintln!("{path}: pay chart starts at {top:.0}px");
                    if top > 2532.0 {
                        problems.push(format!("{path}: the pay chart starts at {top:.0}px, past three screens (2,532px)"));
                    }
                }
                for s in v["small"].as_array().into_iter().flatten() {
                    problems.push(format!("{path}: {}", s.as_str().unwrap_or_default()));
                }
            }
            Err(e) => problems.push(format!("{path}: {e}")),
        }
    }
    let _ = browser.close().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One page of every type, with the controls each shows.
const EVERY_PAGE_TYPE: &[&str] = &[
    "/",
    "/roles",
    "/roles?max_education=some-college&sort=pay",
    "/roles/registered-nurse",
    "/roles/electrician?state=TX",
    "/categories/healthcare",
    "/salaries",
    "/salaries/29-1141",
    "/search?q=nurse+salary+in+texas",
    "/search",
    "/compare",
    "/compare?roles=data-analyst,electrician,plumber,registered-nurse",
    "/compare?roles=data-analyst",
    "/no-such-page",
];

#[tokio::test]
async fn every_page_type_fits_a_phone_and_a_desktop_with_targets_a_thumb_can_hit() {
    let Some(driver) = crate::webdriver::start("browser_pay") else {
        return;
    };
    // Paths are relative to tests/fixtures.
    let app = spawn_fixtures("../../content", "../../data/oews-2025", Options::default()).await;
    let paths: Vec<String> = EVERY_PAGE_TYPE.iter().map(|p| p.to_string()).collect();
    let mut problems = Vec::new();
    for width in [PHONE_WIDTH, 1280] {
        let browser = browser_at(&driver, width).await;
        match measure(&browser, &app.address, &paths, width).await {
            Ok(pages) => problems.extend(
                failures(&pages)
                    .into_iter()
                    .map(|p| format!("{width}px {p}")),
            ),
            Err(e) => problems.push(e),
        }
        for path in &paths {
            if let Err(e) = browser.goto(&format!("{}{path}", app.address)).await {
                problems.push(format!("{path}: {e}"));
                continue;
            }
            match browser.execute(TARGETS, Vec::new()).await {
                Ok(v) => {
                    let chart_top = v["chartTop"].as_f64().filter(|_| width == PHONE_WIDTH);
                    if let Some(top) = chart_top.filter(|top| *top > 2532.0) {
                        problems.push(format!(
                            "{path}: the pay chart starts at {top:.0}px, past three screens (2,532px)"
                        ));
                    }
                    for s in v["small"].as_array().into_iter().flatten() {
                        problems.push(format!(
                            "{width}px {path}: {}",
                            s.as_str().unwrap_or_default()
                        ));
                    }
                }
                Err(e) => problems.push(format!("{path}: {e}")),
            }
        }
        let _ = browser.close().await;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
