//! `/roles?category=&education=&max_education=&min_pay=&ai_impact=&outlook=&sort=`: the occupation
//! finder. Every filtered view is a shareable GET URL; it is `noindex` with
//! its canonical link on `/roles`, and answered fresh (never cached as the
//! one page at `/roles`). Unknown values get a 400 page that names the
//! accepted ones. `/roles` without a query string stays the A–Z index.
use actix_web::http::StatusCode;
use actix_web::http::header::{CacheControl, CacheDirective, ContentType};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::place::Place;
use crate::datasets::oews::SocCode;
use crate::datasets::projections::outlook::{OutlookBand, is_bright, signed_percent};
use crate::db::finder::{self, Filters, FinderRow, Sort};
use crate::domain::{AiImpactLevel, EducationLevel};
use crate::error::AppError;
use crate::format;
use crate::state::AppState;
use crate::urls;
use crate::views::{Crumb, Layout};

/// Highest minimum pay accepted: above every published BLS median.
const MAX_MIN_PAY: i64 = 10_000_000;

#[derive(Deserialize, Default)]
pub struct Params {
    category: Option<String>,
    education: Option<String>,
    max_education: Option<String>,
    min_pay: Option<String>,
    ai_impact: Option<String>,
    outlook: Option<String>,
    sort: Option<String>,
    /// A place carried from a role page (see `place`): results show its pay.
    state: Option<String>,
    area: Option<String>,
}

/// The filter form, with the current choices selected.
pub struct FinderForm {
    pub categories: Vec<(String, String)>,
    pub educations: Vec<(&'static str, &'static str)>,
    /// The same levels read as ceilings ("High school diploma or less").
    pub max_educations: Vec<(&'static str, String)>,
    pub ai_impacts: Vec<(&'static str, &'static str)>,
    pub sorts: Vec<(&'static str, &'static str)>,
    pub category: String,
    pub education: String,
    pub max_education: String,
    pub min_pay: String,
    pub ai_impact: String,
    pub bright: bool,
    pub sort: String,
    /// The reader's place, kept by the form: (parameter, value).
    pub place: Option<(&'static str, String)>,
}

impl FinderForm {
    pub async fn load(state: &AppState) -> Result<Self, AppError> {
        Ok(Self {
            categories: finder::category_choices(&state.pool).await?,
            educations: EducationLevel::ALL
                .iter()
                .map(|e| (e.as_str(), e.label()))
                .collect(),
            max_educations: EducationLevel::ALL
                .iter()
                .map(|e| {
                    let label = match e {
                        EducationLevel::None => e.label().to_owned(),
                        _ => format!("{} or less", e.label()),
                    };
                    (e.as_str(), label)
                })
                .collect(),
            ai_impacts: AiImpactLevel::ALL
                .iter()
                .map(|a| (a.as_str(), a.label()))
                .collect(),
            sorts: Sort::ALL.iter().map(|s| (s.as_str(), s.label())).collect(),
            category: String::new(),
            education: String::new(),
            max_education: String::new(),
            min_pay: String::new(),
            ai_impact: String::new(),
            bright: false,
            sort: Sort::Title.as_str().into(),
            place: None,
        })
    }
}

pub struct FinderResult {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category_slug: String,
    pub category_title: String,
    pub salary: String,
    pub bls_median: String,
    pub education: &'static str,
    pub ai_impact: &'static str,
    /// The BLS median in the reader's place, and the place's name.
    pub place_median: Option<(String, String)>,
    /// "+15.8%" and its phrase, when BLS projects the occupation.
    pub outlook: Option<(String, &'static str)>,
    pub bright: bool,
}

#[derive(Template)]
#[template(path = "finder.html")]
pub struct FinderPage {
    pub layout: Layout,
    pub heading: String,
    pub form: FinderForm,
    pub problem: Option<String>,
    pub results: Vec<FinderResult>,
}

/// Only requests with a query string are routed here (see `routes`).
pub async fn show(
    params: web::Query<Params>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let mut form = FinderForm::load(&state).await?;
    let filters = match parse(&params, &form.categories) {
        Ok(filters) => filters,
        Err(problem) => {
            let heading = "Occupation finder".to_owned();
            let page = FinderPage {
                layout: layout(&state, &heading),
                heading,
                form,
                problem: Some(problem),
                results: Vec::new(),
            };
            return respond(StatusCode::BAD_REQUEST, &page);
        }
    };
    form.category = filters.category.clone().unwrap_or_default();
    form.education = filters.education.map_or("", |e| e.as_str()).to_owned();
    form.max_education = filters.max_education.map_or("", |e| e.as_str()).to_owned();
    form.min_pay = filters.min_pay.map_or_else(String::new, |p| p.to_string());
    form.ai_impact = filters.ai_impact.map_or("", |a| a.as_str()).to_owned();
    form.bright = filters.bright;
    form.sort = filters.sort.as_str().to_owned();
    let rows = finder::find(&state.pool, &filters, state.drafts()).await?;
    // A place carried from a role page: each result's pay there.
    let place = Place::parse(&state.pool, params.state.as_deref(), params.area.as_deref()).await?;
    let place_name = place.name();
    form.place = place.param().map(|(k, v)| (k, v.to_owned()));
    let codes: Vec<SocCode> = rows
        .iter()
        .filter(|r| r.related_occupation.is_none())
        .filter_map(|r| r.soc_code.as_deref().and_then(|c| SocCode::parse(c).ok()))
        .collect();
    let medians = place.medians(&state.pool, &codes).await?;
    let heading = heading(&filters, &form.categories);
    let page = FinderPage {
        layout: layout(&state, &heading),
        heading,
        form,
        problem: None,
        results: rows
            .into_iter()
            .map(|row| {
                let local = row
                    .soc_code
                    .as_ref()
                    .and_then(|c| medians.get(c))
                    .zip(place_name.as_ref())
                    .map(|(m, name)| (name.clone(), format::money_full(*m, "USD")));
                FinderResult {
                    place_median: local,
                    ..result(row)
                }
            })
            .collect(),
    };
    respond(StatusCode::OK, &page)
}

fn layout(state: &AppState, heading: &str) -> Layout {
    let mut layout = Layout::new(
        state,
        urls::ROLES,
        heading.to_owned(),
        "Find job profiles by field, typical entry-level education, minimum median pay, AI impact and job outlook.",
    )
    .with_breadcrumbs(vec![
        Crumb::new("Home", urls::HOME),
        Crumb::new("All roles", urls::ROLES),
    ]);
    // Every filtered view is one of very many URLs over the same roles.
    layout.noindex = true;
    layout
}

/// A value of the query string, with an empty one (a form's "Any") as absent.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn parse(params: &Params, categories: &[(String, String)]) -> Result<Filters, String> {
    let category = match given(&params.category) {
        None => None,
        Some(slug) if categories.iter().any(|(s, _)| s == slug) => Some(slug.to_owned()),
        Some(slug) => {
            return Err(format!(
                "There is no category “{slug}”. Choose one of: {}.",
                categories
                    .iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    };
    let education = given(&params.education)
        .map(str::parse::<EducationLevel>)
        .transpose()
        .map_err(|e| format!("Unknown education level: {e}."))?;
    let max_education = given(&params.max_education)
        .map(str::parse::<EducationLevel>)
        .transpose()
        .map_err(|e| format!("Unknown highest education level: {e}."))?;
    let bright = match given(&params.outlook) {
        None => false,
        Some("bright") => true,
        Some(other) => {
            return Err(format!(
                "Unknown outlook “{other}”: use `bright` (growth at least twice the average, or 100,000 or more openings a year)."
            ));
        }
    };
    let ai_impact = given(&params.ai_impact)
        .map(str::parse::<AiImpactLevel>)
        .transpose()
        .map_err(|e| format!("Unknown AI impact level: {e}."))?;
    let min_pay = match given(&params.min_pay) {
        None => None,
        Some(text) => {
            let digits: String = text.chars().filter(|c| !matches!(c, '$' | ',')).collect();
            match digits.parse::<i64>() {
                Ok(pay) if (0..=MAX_MIN_PAY).contains(&pay) => Some(pay),
                _ => {
                    return Err(format!(
                        "Minimum pay must be a whole number of dollars a year, such as 60000; “{text}” is not."
                    ));
                }
            }
        }
    };
    let sort = match given(&params.sort) {
        None => Sort::Title,
        Some(text) => Sort::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| {
                let known: Vec<String> = Sort::ALL
                    .iter()
                    .map(|s| format!("`{}`", s.as_str()))
                    .collect();
                format!("Unknown sort order “{text}”: use {}.", known.join(", "))
            })?,
    };
    Ok(Filters {
        category,
        education,
        max_education,
        min_pay,
        ai_impact,
        bright,
        sort,
    })
}

/// What the filtered list is, in words: "Highest-paying roles in Healthcare".
fn heading(filters: &Filters, categories: &[(String, String)]) -> String {
    let mut heading = match filters.sort {
        Sort::Pay => "Highest-paying roles",
        Sort::Growth => "Fastest-growing roles",
        Sort::Openings => "Roles with the most openings",
        Sort::Title if filters.bright => "Roles with a bright outlook",
        Sort::Title => "Roles",
    }
    .to_owned();
    if let Some(max) = filters.max_education {
        heading.push_str(&match max {
            EducationLevel::None => " needing no formal credential".to_owned(),
            EducationLevel::SomeCollege => " needing no degree".to_owned(),
            other => format!(" needing at most a {}", other.label().to_lowercase()),
        });
    }
    if let Some(title) = filters
        .category
        .as_ref()
        .and_then(|slug| categories.iter().find(|(s, _)| s == slug))
        .map(|(_, t)| t)
    {
        heading.push_str(&format!(" in {title}"));
    }
    heading
}

fn result(row: FinderRow) -> FinderResult {
    FinderResult {
        place_median: None,
        salary: format::salary_range(row.salary_min, row.salary_max, &row.currency),
        bls_median: match (&row.related_occupation, row.bls_median) {
            (_, None) => "not published".into(),
            (None, Some(m)) => format::money_full(m, "USD"),
            (Some(occupation), Some(m)) => {
                format!(
                    "{} (for the related occupation {occupation})",
                    format::money_full(m, "USD")
                )
            }
        },
        education: row.education_level.label(),
        ai_impact: row.ai_impact_level.label(),
        outlook: row
            .change_percent
            .map(|c| (signed_percent(c), OutlookBand::of(c).phrase())),
        bright: row
            .change_percent
            .zip(row.annual_openings)
            .is_some_and(|(c, o)| is_bright(c, o)),
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        category_slug: row.category_slug,
        category_title: row.category_title,
    }
}

/// Filtered lists depend on the query string: answered fresh each time.
fn respond(status: StatusCode, page: &FinderPage) -> Result<HttpResponse, AppError> {
    let body = page.render()?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(body))
}
