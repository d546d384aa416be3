//! Search as people type it, over the real profiles and data: everyday
//! queries and the result each must give. The target: the expected result
//! first for at least 90% of the queries, and in the top three for all.
use crate::helpers::{Options, TestApp, attrs, spawn_app_with};

/// (query, the page it must find: a role slug or `/salaries/SOC`).
const CASES: &[(&str, &str)] = &[
    ("medical assistant salary", "medical-assistant"),
    ("medical assistant", "medical-assistant"),
    ("electrician salary", "electrician"),
    ("electrician texas", "electrician"),
    ("electrician TX", "electrician"),
    ("cna salary", "nursing-assistant"),
    ("cna", "nursing-assistant"),
    ("how much do nurses make", "registered-nurse"),
    ("registered nurse", "registered-nurse"),
    ("rn jobs", "registered-nurse"),
    ("lpn", "licensed-practical-nurse"),
    ("cpa", "accountant"),
    ("hvac", "hvac-technician"),
    ("cdl", "truck-driver"),
    ("x-ray tech", "radiologic-technologist"),
    ("pentester", "penetration-tester"),
    ("waiter", "restaurant-server"),
    ("waitress jobs", "restaurant-server"),
    ("ai", "machine-learning-engineer"),
    ("electrican", "electrician"),
    ("nurce", "registered-nurse"),
    ("plumer", "plumber"),
    ("how to become an electrician", "electrician"),
    ("plumber in california", "plumber"),
    ("welder TX", "welder"),
    ("truck driver salary", "truck-driver"),
    ("what does a paralegal do", "paralegal"),
    ("lawyer", "lawyer"),
    ("attorney salary", "lawyer"),
    ("data analyst", "data-analyst"),
    ("data scientist salary", "data-scientist"),
    ("cashier jobs", "cashier"),
    ("forklift driver", "forklift-operator"),
    ("dental hygienist salary", "dental-hygienist"),
    ("dental assistant", "dental-assistant"),
    ("phlebotomist", "phlebotomist"),
    ("pharmacy tech", "pharmacy-technician"),
    ("home health aide", "home-health-aide"),
    ("caregiver jobs", "home-health-aide"),
    ("elementary school teacher", "elementary-school-teacher"),
    ("police officer requirements", "police-officer"),
    ("firefighter", "firefighter"),
    ("paramedic salary", "paramedic"),
    ("security guard", "security-guard"),
    ("custodian", "janitor"),
    ("housekeeper", "housekeeper"),
    ("real estate agent", "real-estate-agent"),
    ("realtor salary", "real-estate-agent"),
    ("financial advisor", "personal-financial-advisor"),
    ("bookkeeper", "bookkeeper"),
    ("project manager salary", "project-manager"),
    ("ux designer", "ux-designer"),
    ("cybersecurity analyst", "information-security-analyst"),
    ("help desk technician", "it-support-specialist"),
    (
        "customer service representative",
        "customer-service-representative",
    ),
    ("receptionist", "receptionist"),
    ("medical coder", "medical-records-specialist"),
    ("childcare worker", "childcare-worker"),
    ("hairdresser", "hairstylist"),
    ("personal trainer salary", "fitness-trainer"),
    ("vet tech", "veterinary-technician"),
    ("lifeguard", "lifeguard"),
    ("bartender", "bartender"),
    ("line cook", "line-cook"),
    ("dishwasher jobs", "dishwasher"),
    ("flight attendant", "flight-attendant"),
    ("school bus driver", "school-bus-driver"),
    ("bank teller", "bank-teller"),
    ("pharmacist salary in new york", "pharmacist"),
    ("nurse practitioner", "nurse-practitioner"),
    ("physician assistant", "physician-assistant"),
    ("how much do physical therapists make", "physical-therapist"),
    ("occupational therapist", "/salaries/29-1122"),
];

async fn real_site() -> TestApp {
    spawn_app_with(Options {
        content: Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")),
        wages: Some("../../data/oews-2025"),
        ..Options::default()
    })
    .await
}

/// The result pages, as paths without query or fragment.
async fn results(app: &TestApp, q: &str) -> Vec<String> {
    let url = career_guide::urls::with_query(career_guide::urls::SEARCH, [("q", q)]);
    let html = app.page(&url).await;
    attrs(&html, ".result h2 a", "href")
        .into_iter()
        .map(|h| {
            let path = h.split(['?', '#']).next().unwrap_or_default();
            path.strip_prefix("/roles/").unwrap_or(path).to_owned()
        })
        .collect()
}

#[tokio::test]
async fn everyday_queries_find_the_job_first() {
    let app = real_site().await;
    let mut first = 0;
    let mut misses = Vec::new();
    for (q, expected) in CASES {
        let found = results(&app, q).await;
        match found.iter().position(|f| f == expected) {
            Some(0) => first += 1,
            Some(rank) if rank < 3 => misses.push(format!("{q:?}: {expected} at {}", rank + 1)),
            _ => misses.push(format!(
                "{q:?}: {expected} not in the top 3: {:?}",
                &found[..found.len().min(3)]
            )),
        }
    }
    let share = first as f64 / CASES.len() as f64;
    eprintln!(
        "search relevance: {first} of {} first, every one in the top 3: {}",
        CASES.len(),
        !misses.iter().any(|m| m.contains("not in"))
    );
    let outside_top_3: Vec<&String> = misses.iter().filter(|m| m.contains("not in")).collect();
    assert!(
        CASES.len() >= 60 && share >= 0.9 && outside_top_3.is_empty(),
        "{first} of {} first ({:.0}%); misses:\n{}",
        CASES.len(),
        share * 100.0,
        misses.join("\n")
    );
}

#[tokio::test]
async fn jobs_without_a_degree_are_jobs_without_a_degree() {
    let app = real_site().await;
    let html = app.page("/search?q=jobs+without+a+degree").await;
    let chips = crate::helpers::texts(&html, ".filter-chips li");
    assert!(chips[0].starts_with("No degree needed"), "{chips:?}");
    let found = results(&app, "jobs without a degree").await;
    assert!(found.len() > 10, "{found:?}");
    assert!(!found.contains(&"physician-assistant".to_owned()));
    // Each is a profile whose entry education is below an associate's degree.
    for slug in &found[..5] {
        let json: serde_json::Value =
            serde_json::from_str(&app.text(&format!("/roles/{slug}.json")).await).unwrap();
        let level = json["education_level"]["value"].as_str().unwrap();
        assert!(
            ["none", "high-school", "postsecondary", "some-college"].contains(&level),
            "{slug}: {level}"
        );
    }
}

#[tokio::test]
async fn a_state_in_the_query_carries_to_the_results_and_can_be_removed() {
    let app = real_site().await;
    let html = app.page("/search?q=electrician+texas").await;
    let links = attrs(&html, ".result h2 a", "href");
    assert_eq!(links[0], "/roles/electrician?state=TX");
    let chips = attrs(&html, ".filter-chips a", "href");
    assert_eq!(chips, ["/search?q=electrician"]);
    // A pay question lands on the pay section.
    let html = app.page("/search?q=electrician+salary").await;
    assert_eq!(
        attrs(&html, ".result h2 a", "href")[0],
        "/roles/electrician#pay"
    );
}
