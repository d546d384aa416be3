//! `/compare?roles=a,b,c`: two to four roles side by side. One canonical URL
//! per set: slugs sorted and comma-separated; any other spelling of the same
//! set (another order, `roles=a&roles=b` from a checkbox form) gets a 301 to
//! it. Fewer than two roles is the picker (`compare_picker`), `add=` adds a
//! role by its title; more than four and repeats are a 400, an unknown role
//! a 404, each with a page that says which.
use actix_web::http::StatusCode;
use actix_web::http::header::{CacheControl, CacheDirective, ContentType, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::compare_picker::{self, MAX_ROLES};
use super::place::Place;
use super::render::html_cache;
use crate::datasets::oews::{self, Occupation, SocCode};
use crate::datasets::projections;
use crate::db::compare;
use crate::db::queries::{self, RoleRow, RoleSummary};
use crate::domain::{Slug, SocMatch};
use crate::error::AppError;
use crate::format;
use crate::state::AppState;
use crate::urls;
use crate::views::PayChart;
use crate::views::chart::{Series, Unit};
use crate::views::{CITATION, Crumb, Layout, OutlookView};

pub const MIN_ROLES: usize = 2;

/// One role's column.
pub struct Column {
    pub role: RoleRow,
    pub salary: String,
    pub education_level: &'static str,
    pub ai_impact_level: &'static str,
    pub occupation: Option<Occupation>,
    pub bls_median: String,
    pub bls_range: String,
    pub employment: String,
    /// BLS projections and entry categories of the role's occupation.
    pub outlook: Option<OutlookView>,
    /// The comparison without this role.
    pub remove: String,
}

/// One role's band in the chart: BLS percentiles and the profile's range,
/// on the scale every band shares.
#[derive(Template)]
#[template(path = "compare.html")]
pub struct ComparePage {
    pub layout: Layout,
    pub columns: Vec<Column>,
    /// One row per role with BLS wages, all on one scale.
    pub chart: Option<PayChart>,
    /// How many of the roles have a row in the chart.
    pub charted: usize,
    pub citation: &'static str,
    /// The slugs compared, comma-separated, for the add form.
    pub roles_value: String,
    pub can_add: bool,
    /// The BLS median of each role in the reader's place, with its name.
    pub place_row: Option<(String, Vec<(String, String)>)>,
}

#[derive(Template)]
#[template(path = "compare_problem.html")]
pub struct ProblemPage {
    pub layout: Layout,
    pub problem: String,
}

pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .map_err(|e| super::unreadable_query(&e))?
        .into_inner();
    let asked: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "roles")
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let add = pairs
        .iter()
        .find(|(k, v)| k == "add" && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_owned());
    if let Some(text) = add {
        // Add the best match for a typed title, then go to the canonical URL.
        return match compare_picker::best_match(&state, &text).await? {
            Some(slug) if asked.contains(&slug) || asked.len() < MAX_ROLES => {
                let mut set = asked.clone();
                set.push(slug);
                Ok(compare_picker::see(&set))
            }
            Some(_) => {
                let chosen = known(&state, &asked).await?;
                let problem =
                    format!("A comparison holds at most {MAX_ROLES} roles: remove one first.");
                compare_picker::picker(&state, StatusCode::BAD_REQUEST, chosen, Some(problem)).await
            }
            None => {
                let chosen = known(&state, &asked).await?;
                let problem = format!(
                    "No job profile matches “{}”. Try another title, or pick from a field below.",
                    crate::search::query::echo(&text)
                );
                compare_picker::picker(&state, StatusCode::OK, chosen, Some(problem)).await
            }
        };
    }
    if asked.len() < MIN_ROLES || asked.len() > MAX_ROLES {
        let chosen = known(&state, &asked).await?;
        if chosen.len() < asked.len() && asked.len() < MIN_ROLES {
            return problem(
                &state,
                StatusCode::NOT_FOUND,
                "There is no such role to compare. It may have been renamed: search for it and add it again.".into(),
            );
        }
        let (status, problem) = if asked.len() > MAX_ROLES {
            (
                StatusCode::BAD_REQUEST,
                Some(format!(
                    "A comparison holds {MIN_ROLES} to {MAX_ROLES} roles; this link names {}. Remove some to compare the rest.",
                    asked.len()
                )),
            )
        } else {
            (StatusCode::OK, None)
        };
        return compare_picker::picker(&state, status, chosen, problem).await;
    }
    let mut sorted = asked.clone();
    sorted.sort_unstable();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        return problem(
            &state,
            StatusCode::BAD_REQUEST,
            format!("“{}” is named twice: compare different roles.", w[0]),
        );
    }
    let rows = compare::roles(&state.pool, &sorted, state.drafts()).await?;
    if let Some(unknown) = sorted.iter().find(|s| !rows.iter().any(|r| &r.slug == *s)) {
        let shown = if Slug::parse(unknown).is_ok() {
            unknown.as_str()
        } else {
            "(not a role name)"
        };
        return problem(
            &state,
            StatusCode::NOT_FOUND,
            format!(
                "There is no role “{shown}” to compare. It may have been renamed: search for it and tick it again."
            ),
        );
    }
    let slugs: Vec<&str> = sorted.iter().map(String::as_str).collect();
    // A place carried from a role page: each role's pay there, in a row.
    let value_of = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let place = Place::parse(&state.pool, value_of("state"), value_of("area")).await?;
    let canonical = place.carry(urls::compare(&slugs));
    if format!("{}?{}", urls::COMPARE, req.query_string()) != canonical {
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((LOCATION, canonical))
            .finish());
    }

    let mut columns = Vec::with_capacity(rows.len());
    for role in rows {
        columns.push(column(&state, role).await?);
    }
    columns.sort_by(|a, b| a.role.slug.cmp(&b.role.slug));
    for c in &mut columns {
        let rest: Vec<&str> = slugs
            .iter()
            .copied()
            .filter(|s| *s != c.role.slug)
            .collect();
        c.remove = urls::compare(&rest);
    }
    let codes: Vec<SocCode> = columns
        .iter()
        .filter(|c| c.role.soc_match == Some(SocMatch::Exact))
        .filter_map(|c| c.role.soc_code.clone())
        .collect();
    let medians = place.medians(&state.pool, &codes).await?;
    let place_row = place.name().map(|name| {
        let cells = columns
            .iter()
            .map(|c| {
                let median = c
                    .role
                    .soc_code
                    .as_ref()
                    .and_then(|code| medians.get(code.as_str()))
                    .map_or_else(
                        || "Not published".to_owned(),
                        |m| format::money_full(*m, "USD"),
                    );
                (c.role.title.clone(), median)
            })
            .collect();
        (name, cells)
    });
    let chart = chart(&columns);
    let charted = chart.as_ref().map_or(0, |c| c.rows.len());
    let titles: Vec<&str> = columns.iter().map(|c| c.role.title.as_str()).collect();
    let mut layout = Layout::new(
        &state,
        &canonical,
        format!("Compare {}", titles.join(" vs ")),
        format!(
            "{} side by side: pay, BLS wage percentiles, education, experience, skills and AI impact.",
            titles.join(", ")
        ),
    )
    .with_breadcrumbs(vec![
        Crumb::new("Home", "/"),
        Crumb::new("Compare roles", canonical.clone()),
    ]);
    // Sets of roles are endless; the role pages are what search engines need.
    layout.noindex = true;
    let page = ComparePage {
        layout,
        chart,
        charted,
        place_row,
        roles_value: slugs.join(","),
        can_add: slugs.len() < MAX_ROLES,
        columns,
        citation: CITATION,
    };
    let body = page.render()?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType::html())
        .insert_header(html_cache())
        .body(body))
}

async fn column(state: &AppState, role: RoleRow) -> Result<Column, AppError> {
    let occupation = match &role.soc_code {
        Some(code) => oews::occupation(&state.pool, code).await?,
        None => None,
    };
    let projection = match &role.soc_code {
        Some(code) => projections::projection(&state.pool, code).await?,
        None => None,
    };
    let related = role.soc_match == Some(SocMatch::Related);
    let money = |v: Option<i64>| v.map(|m| format::money_full(m, "USD"));
    let o = occupation.as_ref();
    Ok(Column {
        remove: String::new(),
        outlook: projection.map(|p| OutlookView::new(p, related)),
        salary: format::salary_range(role.salary_min, role.salary_max, &role.currency),
        education_level: role.education_level.label(),
        ai_impact_level: role.ai_impact_level.label(),
        bls_median: match (money(o.and_then(|o| o.annual_median)), o) {
            (Some(m), Some(o)) if related => {
                format!("{m} (for the related occupation {})", o.title)
            }
            (Some(m), _) => m,
            (None, _) => "Not published".into(),
        },
        bls_range: match (o.and_then(|o| o.annual_p10), o.and_then(|o| o.annual_p90)) {
            (Some(lo), Some(hi)) => format::salary_range(lo, hi, "USD"),
            _ => "Not published".into(),
        },
        employment: o
            .and_then(|o| o.employment)
            .map_or_else(|| "Not published".into(), format::thousands),
        occupation,
        role,
    })
}

/// Every role's BLS figures as rows of one chart, so they share one scale
/// and can be compared by eye. The editors' ranges are in the table.
fn chart(columns: &[Column]) -> Option<PayChart> {
    let series = columns
        .iter()
        .filter_map(|c| {
            let o = c.occupation.as_ref()?;
            // A row never carries a role's name while drawing another
            // occupation's distribution.
            let title = if c.role.soc_match == Some(SocMatch::Related) {
                format!("{} (BLS: {})", c.role.title, o.title)
            } else {
                c.role.title.clone()
            };
            Some(Series {
                title,
                percentiles: o.percentiles(),
            })
        })
        .collect();
    PayChart::new(Unit::Annual, series, None)
}

/// The published roles among `slugs`, in the order asked.
async fn known(state: &AppState, slugs: &[String]) -> Result<Vec<RoleSummary>, AppError> {
    let all = queries::all_roles(&state.pool, false).await?;
    Ok(slugs
        .iter()
        .filter_map(|s| all.iter().find(|r| r.slug == *s).cloned())
        .collect())
}

fn problem(
    state: &AppState,
    status: StatusCode,
    problem: String,
) -> Result<HttpResponse, AppError> {
    let mut layout = Layout::new(
        state,
        urls::COMPARE,
        "Compare roles",
        "Put two to four job profiles side by side.",
    );
    layout.noindex = true;
    let body = ProblemPage { layout, problem }.render()?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(body))
}
