//! A real browser (Debian `chromium` driven through `chromedriver`) with
//! JavaScript disabled, at a phone width and a desktop width: the header
//! search, two finder filters, a comparison built from checkboxes, and no
//! sideways scrolling on the phone.
//!
//! Without `chromedriver` on the PATH these tests say they were skipped and
//! pass, unless `CI` is set: CI installs it (`.ci/run`) and must run them.
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::search::search_app;

use crate::webdriver::Driver;

/// A headless Chromium session with JavaScript disabled and a viewport
/// `width` CSS pixels wide (a phone's, device pixel ratio 3, below 500).
async fn browser(driver: &Driver, width: u32) -> Client {
    let mut options = json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 format!("--window-size={width},900")],
        "prefs": { "profile.managed_default_content_settings.javascript": 2 },
    });
    if width < 500 {
        // Desktop windows are at least 500 px wide: emulate the phone's
        // screen (without touch, which makes clicks time out here).
        options["mobileEmulation"] = json!({
            "deviceMetrics": { "width": width, "height": 844, "pixelRatio": 3.0, "touch": false }
        });
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let mut last_error = None;
    // chromedriver takes a moment to listen.
    for _ in 0..50 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&driver.url)
            .await
        {
            Ok(client) => return client,
            Err(e) => last_error = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("no browser session: {last_error:?}");
}

/// The page's width against the viewport's, read through WebDriver (which
/// can evaluate script even where pages may not run any).
async fn assert_no_sideways_scroll(client: &Client, width: u32, what: &str) {
    let sizes = client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (scroll, viewport) = (sizes[0].as_u64().unwrap(), sizes[1].as_u64().unwrap());
    assert_eq!(viewport, u64::from(width), "{what}: viewport");
    assert!(
        scroll <= viewport,
        "{what}: page is {scroll}px wide in a {viewport}px viewport"
    );
}

/// The path and query once the navigation a click started has reached `prefix` (a
/// path, or a path and `?`), waiting up to ten seconds: a click returns
/// before the page it submits to has loaded.
async fn arrived(client: &Client, prefix: &str) -> String {
    for _ in 0..100 {
        let url = client.current_url().await.unwrap();
        let here = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if here.starts_with(prefix) {
            // The new document is in place once its heading can be read.
            client.wait().for_element(Locator::Css("h1")).await.unwrap();
            return here;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "never reached {prefix}: at {}",
        client.current_url().await.unwrap()
    );
}

async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn journey(width: u32) {
    let Some(driver) = crate::webdriver::start("browser") else {
        return;
    };
    let app = search_app().await;
    let client = browser(&driver, width).await;
    let at = |path: &str| format!("{}{path}", app.address);

    // JavaScript is off: a page's script does not run.
    client
        .goto("data:text/html,<title>static</title><script>document.title='scripted'</script>")
        .await
        .unwrap();
    assert_eq!(client.title().await.unwrap(), "static", "JavaScript ran");

    client.goto(&at("/roles/quality-engineer")).await.unwrap();
    // The header search box, typed into and submitted with its button.
    client
        .find(Locator::Css(".site-header input[name=q]"))
        .await
        .unwrap()
        .send_keys("nurse")
        .await
        .unwrap();
    client
        .find(Locator::Css(".site-header button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(arrived(&client, "/search").await, "/search?q=nurse");
    assert_eq!(text(&client, ".result h2 a").await, "Registered Nurse");
    assert_no_sideways_scroll(&client, width, "search results").await;

    // Two finder filters, chosen and applied.
    client.goto(&at("/roles")).await.unwrap();
    assert_no_sideways_scroll(&client, width, "roles index").await;
    for option in [
        "#finder-category option[value=testing]",
        "#finder-ai-impact option[value=moderate]",
    ] {
        client
            .find(Locator::Css(option))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    client
        .find(Locator::Css("form.finder button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let query = arrived(&client, "/roles?").await;
    assert!(query.contains("category=testing"), "{query}");
    assert!(query.contains("ai_impact=moderate"), "{query}");
    assert_eq!(text(&client, "h1").await, "Roles in Testing & Quality");
    assert_no_sideways_scroll(&client, width, "filtered roles").await;

    // A comparison built from two ticked boxes.
    for slug in ["release-manager", "accessibility-tester"] {
        client
            .find(Locator::Css(&format!("input[name=roles][value={slug}]")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    client
        .find(Locator::Css("form.compare-pick button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        arrived(&client, "/compare").await,
        "/compare?roles=accessibility-tester,release-manager"
    );
    assert_eq!(
        text(&client, "h1").await,
        "Compare Accessibility Tester and Release Manager"
    );
    assert_no_sideways_scroll(&client, width, "comparison").await;
    // Two roles fit side by side, even on a phone: nothing is left hidden
    // sideways inside the table's own scrolling frame.
    let frame = client
        .execute(
            "const w = document.querySelector('.table-wrap'); return [w.scrollWidth, w.clientWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (content, frame) = (frame[0].as_u64().unwrap(), frame[1].as_u64().unwrap());
    assert!(
        content <= frame,
        "comparison table is {content}px wide in a {frame}px frame at {width}px"
    );

    client.close().await.unwrap();
}

#[tokio::test]
async fn search_filter_and_compare_on_a_phone() {
    journey(390).await;
}

#[tokio::test]
async fn search_filter_and_compare_on_a_desktop() {
    journey(1280).await;
}
