//! schema.org JSON-LD for pages, built as serde values (never by string
//! concatenation) and escaped so content can never close the `<script>`.
use serde_json::{Value, json};

use super::Crumb;
use crate::config::BaseUrl;
use crate::db::queries::{DutyRow, FaqRow, RoleRow, SourceRow};

/// What the JSON-LD says of the page itself.
pub struct PageFacts<'a> {
    pub canonical: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub breadcrumbs: &'a [Crumb],
}

/// BLS annual wage percentiles of the role's occupation.
#[derive(Debug, Clone, Copy)]
pub struct Percentiles {
    pub p10: i64,
    pub p25: i64,
    pub median: i64,
    pub p75: i64,
    pub p90: i64,
}

impl Percentiles {
    /// All five annual percentiles, or `None` when any is unpublished.
    pub fn of(o: &crate::datasets::oews::Occupation) -> Option<Self> {
        let [p10, p25, median, p75, p90] = o.percentiles();
        Some(Self {
            p10: p10?,
            p25: p25?,
            median: median?,
            p75: p75?,
            p90: p90?,
        })
    }
}

/// The lists of a role page that its JSON-LD repeats.
pub struct RoleLists<'a> {
    pub skills: &'a [String],
    pub duties: &'a [DutyRow],
    pub faqs: &'a [FaqRow],
    pub sources: &'a [SourceRow],
}

pub fn role_page(
    base: &BaseUrl,
    page: &PageFacts<'_>,
    role: &RoleRow,
    lists: RoleLists<'_>,
    bls: Option<Percentiles>,
) -> String {
    let RoleLists {
        skills,
        duties,
        faqs,
        sources,
    } = lists;
    let url = &page.canonical;
    let mut occupation = json!({
        "@type": "Occupation",
        "@id": format!("{url}#occupation"),
        "name": role.title,
        "description": role.summary,
        "educationRequirements": role.education,
        "experienceRequirements": role.experience,
        "responsibilities": duties.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
        "skills": skills,
        "occupationLocation": { "@type": "Country", "name": "United States" },
        "estimatedSalary": [salary(role, bls)],
    });
    if let Some(code) = &role.soc_code {
        occupation["occupationalCategory"] = json!({
            "@type": "CategoryCode",
            "codeValue": format!("{code}.00"),
            "inCodeSet": { "@type": "CategoryCodeSet", "name": "O*NET-SOC" },
        });
    }
    let mut graph = vec![
        json!({
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": page.title,
            "description": page.description,
            "dateModified": role.updated.to_string(),
            "inLanguage": "en",
            "isPartOf": website(base),
            "breadcrumb": { "@id": format!("{url}#breadcrumb") },
            "mainEntity": { "@id": format!("{url}#occupation") },
            "citation": sources.iter().map(|s| json!({
                "@type": "CreativeWork",
                "name": s.title,
                "url": s.url,
                "publisher": { "@type": "Organization", "name": s.publisher },
            })).collect::<Vec<_>>(),
        }),
        occupation,
        breadcrumbs(base, page),
    ];
    if !faqs.is_empty() {
        graph.push(json!({
            "@type": "FAQPage",
            "@id": format!("{url}#faq"),
            "url": url,
            "mainEntity": faqs.iter().map(|f| json!({
                "@type": "Question",
                "name": f.question,
                "acceptedAnswer": { "@type": "Answer", "text": f.answer_text },
            })).collect::<Vec<_>>(),
        }));
    }
    to_script(&json!({ "@context": "https://schema.org", "@graph": graph }))
}

fn salary(role: &RoleRow, bls: Option<Percentiles>) -> Value {
    match bls {
        Some(p) => json!({
            "@type": "MonetaryAmountDistribution",
            "name": "U.S. Bureau of Labor Statistics, OEWS, May 2025",
            "currency": "USD",
            "duration": "P1Y",
            "percentile10": p.p10,
            "percentile25": p.p25,
            "median": p.median,
            "percentile75": p.p75,
            "percentile90": p.p90,
        }),
        // Without measured percentiles there is no distribution to state;
        // the editor's range is a plain amount with a minimum and maximum.
        None => json!({
            "@type": "MonetaryAmount",
            "name": "Typical range",
            "currency": role.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": role.salary_min,
                "maxValue": role.salary_max,
                "unitText": "YEAR",
            },
        }),
    }
}

/// `CollectionPage` for lists (home, category, index) with its items.
pub fn collection_page<'a>(
    page: &PageFacts<'_>,
    items: impl Iterator<Item = (&'a str, String)>,
    base: &BaseUrl,
) -> String {
    let url = &page.canonical;
    let items: Vec<Value> = items
        .enumerate()
        .map(|(i, (name, path))| json!({ "@type": "ListItem", "position": i + 1, "name": name, "url": base.join(&path) }))
        .collect();
    let mut graph = vec![json!({
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "description": page.description,
        "inLanguage": "en",
        "isPartOf": website(base),
        "mainEntity": { "@type": "ItemList", "numberOfItems": items.len(), "itemListElement": items },
    })];
    if !page.breadcrumbs.is_empty() {
        graph[0]["breadcrumb"] = json!({ "@id": format!("{url}#breadcrumb") });
        graph.push(breadcrumbs(base, page));
    }
    to_script(&json!({ "@context": "https://schema.org", "@graph": graph }))
}

fn website(base: &BaseUrl) -> Value {
    json!({ "@type": "WebSite", "name": crate::views::SITE_NAME, "url": base.join("/") })
}

fn breadcrumbs(base: &BaseUrl, page: &PageFacts<'_>) -> Value {
    json!({
        "@type": "BreadcrumbList",
        "@id": format!("{}#breadcrumb", page.canonical),
        "itemListElement": page.breadcrumbs.iter().enumerate().map(|(i, c)| json!({
            "@type": "ListItem",
            "position": i + 1,
            "name": c.name,
            "item": base.join(&c.path),
        })).collect::<Vec<_>>(),
    })
}

/// JSON text safe inside `<script>`: `<`, `>` and `&` become `\u003c` etc.,
/// which JSON parsers read back as the same characters.
pub fn to_script(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_escaping_cannot_close_the_element() {
        let text = to_script(&json!({ "a": "</script><script>alert(1)</script> & more" }));
        assert!(!text.contains("</script"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><script>alert(1)</script> & more");
    }
}
