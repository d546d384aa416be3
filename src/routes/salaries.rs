//! `/salaries`: every detailed BLS occupation by major group, with median pay.
use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::html_page;
use crate::datasets::oews::{self, Occupation};
use crate::error::AppError;
use crate::format;
use crate::state::AppState;
use crate::urls;
use crate::views::{Crumb, Layout};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    #[default]
    Name,
    Median,
}

#[derive(Deserialize)]
pub struct Query {
    /// Unknown values fall back to the default order rather than erroring.
    #[serde(default, deserialize_with = "lenient_sort")]
    sort: SortOrder,
}

fn lenient_sort<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SortOrder, D::Error> {
    let raw = String::deserialize(d)?;
    Ok(if raw == "median" {
        SortOrder::Median
    } else {
        SortOrder::Name
    })
}

pub struct OccupationLine {
    pub soc_code: String,
    pub title: String,
    pub median: String,
    pub employment: String,
}

pub struct Group {
    pub soc_code: String,
    pub title: String,
    pub occupations: Vec<OccupationLine>,
}

#[derive(Template)]
#[template(path = "salaries.html")]
pub struct SalariesPage {
    pub layout: Layout,
    pub groups: Vec<Group>,
    pub total: usize,
    pub sort: SortOrder,
}

pub async fn index(
    query: web::Query<Query>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let majors = oews::major_groups(&state.pool).await?;
    let mut detailed = oews::detailed_occupations(&state.pool).await?;
    let total = detailed.len();
    if query.sort == SortOrder::Median {
        // Highest paid first; unpublished medians last.
        detailed.sort_by_key(|o| std::cmp::Reverse(o.annual_median.unwrap_or(i64::MIN)));
    } else {
        detailed.sort_by_key(|o| o.title.to_lowercase());
    }
    let mut by_group: HashMap<String, Vec<OccupationLine>> = HashMap::new();
    for o in detailed {
        by_group
            .entry(o.soc_code.major_group().to_string())
            .or_default()
            .push(line(&o));
    }
    let groups: Vec<Group> = majors
        .into_iter()
        .filter_map(|m| {
            let occupations = by_group.remove(m.soc_code.as_str())?;
            Some(Group {
                soc_code: m.soc_code.to_string(),
                title: m.title,
                occupations,
            })
        })
        .collect();

    let crumbs = vec![
        Crumb::new("Home", urls::HOME),
        Crumb::new("Salaries", urls::SALARIES),
    ];
    let layout = Layout::new(
        &state,
        urls::SALARIES,
        format!("Salary Explorer: Median Pay for {total} U.S. Occupations"),
        format!("Median annual pay for all {total} detailed U.S. occupations from the BLS OEWS May 2025 survey, grouped by field, with pay by state."),
    )
    .with_breadcrumbs(crumbs)
    // A re-ordered copy of /salaries (its canonical): not for the index.
    .noindex(query.sort != SortOrder::Name);
    // The list is the occupations, in the order shown.
    let items = groups
        .iter()
        .flat_map(|g: &Group| &g.occupations)
        .map(|o| (o.title.as_str(), urls::salary(&o.soc_code)));
    let layout = layout.listing(items, &state.base_url);
    html_page(&SalariesPage {
        layout,
        groups,
        total,
        sort: query.sort,
    })
}

fn line(o: &Occupation) -> OccupationLine {
    OccupationLine {
        soc_code: o.soc_code.to_string(),
        title: o.title.clone(),
        // Occupations published only hourly show their hourly median.
        median: match (o.annual_median, o.hourly_median) {
            (Some(m), _) => format::money_full(m, "USD"),
            (None, Some(h)) => format!("{} an hour", format::cents((h * 100.0).round() as i64)),
            (None, None) => "not published".into(),
        },
        employment: o
            .employment
            .map_or_else(|| "not published".into(), format::thousands),
    }
}
