//! `/salaries/{soc}`: one occupation's national percentiles, pay in every
//! state (sortable, and relative to the national median), and the profiles
//! that map to it.
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::html_page;
use super::moves::MovesView;
use crate::datasets::oews::{self, Occupation, SocCode, StateWage, metro};
use crate::datasets::projections;
use crate::db::queries;
use crate::error::AppError;
use crate::format;
use crate::state::AppState;
use crate::urls;
use crate::views::chart::Unit;
use crate::views::{Crumb, Layout, OutlookView, PayView, RoleCard, unit_of};

/// How the state table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateSort {
    #[default]
    Name,
    Employment,
    Median,
}

impl StateSort {
    pub fn param(self) -> &'static str {
        match self {
            StateSort::Name => "name",
            StateSort::Employment => "employment",
            StateSort::Median => "median",
        }
    }
}

/// The page's only query parameter. `?sort=employment|median` re-orders the
/// state table: a variant that depends on the query string, `noindex` with
/// the plain page as its canonical, and rendered per request.
#[derive(Deserialize)]
pub struct Query {
    sort: Option<String>,
}

impl Query {
    /// Unknown values fall back to the default order rather than erroring.
    fn sort(&self) -> StateSort {
        match self.sort.as_deref() {
            Some("employment") => StateSort::Employment,
            Some("median") => StateSort::Median,
            _ => StateSort::Name,
        }
    }
}

pub struct StateLine {
    pub name: String,
    pub employment: String,
    pub median: String,
    /// The state's median against the national one, e.g. `+18%`, `-5%`.
    pub relative: String,
    pub p10: String,
    pub p90: String,
}

/// A sortable column header: its text, its `?sort=` value, and whether the
/// table is sorted by it now.
pub struct SortColumn {
    pub text: &'static str,
    pub sort: &'static str,
    pub current: bool,
    pub numeric: bool,
}

#[derive(Template)]
#[template(path = "salary.html")]
pub struct SalaryPage {
    pub layout: Layout,
    pub occupation: Occupation,
    pub pay: Option<PayView>,
    pub employment: String,
    /// Annual, or hourly for occupations BLS publishes only hourly.
    pub unit: Unit,
    pub states: Vec<StateLine>,
    pub columns: Vec<SortColumn>,
    pub roles: Vec<RoleCard>,
    pub outlook: Option<OutlookView>,
    pub moves: MovesView,
    /// The best-paying metro areas and states with enough workers, each
    /// list with its title (empty lists left out).
    pub top: Vec<(&'static str, Vec<StateLine>)>,
    /// Every published area, by state.
    pub areas_by_state: Vec<(String, Vec<StateLine>)>,
    pub min_employment: String,
}

pub async fn show(
    path: web::Path<String>,
    query: web::Query<Query>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let code = SocCode::parse(&path)?;
    let sort = query.sort();
    let occupation = oews::occupation(&state.pool, &code)
        .await?
        .filter(|o| o.level == 3)
        .ok_or(AppError::NotFound)?;
    let unit = unit_of(&occupation).unwrap_or(Unit::Annual);
    let mut wages = oews::state_wages(&state.pool, &code).await?;
    let median_of = |w: &StateWage| match unit {
        Unit::Annual => w.annual_median,
        Unit::Hourly => w.hourly_percentiles()[2],
    };
    // Largest first; unpublished figures last. Ties keep name order.
    match sort {
        StateSort::Name => {}
        StateSort::Employment => {
            wages.sort_by_key(|w| std::cmp::Reverse(w.employment.unwrap_or(i64::MIN)));
        }
        StateSort::Median => {
            wages.sort_by_key(|w| std::cmp::Reverse(median_of(w).unwrap_or(i64::MIN)));
        }
    }
    let national_median = match unit {
        Unit::Annual => occupation.annual_median,
        Unit::Hourly => occupation.hourly_percentiles()[2],
    };
    let states = wages
        .iter()
        .map(|w| state_line(w, unit, national_median))
        .collect();
    let columns = [
        ("State", StateSort::Name, false),
        ("Employment", StateSort::Employment, true),
        ("BLS median", StateSort::Median, true),
    ]
    .into_iter()
    .map(|(text, s, numeric)| SortColumn {
        text,
        sort: s.param(),
        current: s == sort,
        numeric,
    })
    .collect();
    let roles = queries::roles_with_soc_code(&state.pool, code.as_str())
        .await?
        .into_iter()
        .map(RoleCard::from)
        .collect();
    let moves = super::moves::load(&state, &code, false, &[]).await?;
    let metro_wages = metro::wages(&state.pool, &code).await?;
    let top = |rows: &[StateWage]| -> Vec<StateLine> {
        let mut ranked: Vec<&StateWage> = rows
            .iter()
            .filter(|w| w.employment.unwrap_or(0) >= metro::MIN_EMPLOYMENT_FOR_RANKING)
            .filter(|w| median_of(w).is_some())
            .collect();
        ranked.sort_by_key(|w| std::cmp::Reverse(median_of(w)));
        ranked
            .into_iter()
            .take(TOP_AREAS)
            .map(|w| state_line(w, unit, national_median))
            .collect()
    };
    let top_areas = top(&metro_wages);
    let top_states = top(&wages);
    let areas_by_state = areas_by_state(&wages, &metro_wages, unit, national_median);
    let outlook = projections::projection(&state.pool, &code)
        .await?
        .map(|p| OutlookView::new(p, false));
    let median = national_median.map_or_else(
        || "not published".to_owned(),
        |m| format!("{} {}", unit.exact(m), unit.per()),
    );
    let url_path = urls::salary(&code);
    let crumbs = vec![
        Crumb::new("Home", urls::HOME),
        Crumb::new("Salaries", urls::SALARIES),
        Crumb::new(occupation.title.clone(), url_path.clone()),
    ];
    let mut layout = Layout::new(
        &state,
        &url_path,
        format!("{} Salary: Pay by State ({code})", occupation.title),
        format!(
            "{} in the U.S. earn a median of {median} (BLS OEWS, May 2025). See the 10th to 90th percentile range and pay in every state.",
            occupation.title
        ),
    )
    .with_breadcrumbs(crumbs);
    // A re-ordered copy of the plain page (its canonical): not for the index.
    layout.noindex = sort != StateSort::Name;
    layout.json_alternate = Some(urls::json_alternate(&url_path));
    html_page(&SalaryPage {
        layout,
        pay: PayView::new(&occupation, None, None),
        unit,
        columns,
        employment: occupation
            .employment
            .map_or_else(|| "not published".into(), format::thousands),
        occupation,
        states,
        roles,
        outlook,
        moves,
        top: [
            ("Metro and nonmetro areas", top_areas),
            ("States", top_states),
        ]
        .into_iter()
        .filter(|(_, lines)| !lines.is_empty())
        .collect(),
        areas_by_state,
        min_employment: format::thousands(metro::MIN_EMPLOYMENT_FOR_RANKING),
    })
}

/// How many areas "Where it pays most" lists of each kind.
const TOP_AREAS: usize = 10;

/// Every metro and nonmetro area that published the occupation, under each
/// state it lies in (by state name); an area across state lines is listed
/// under each.
fn areas_by_state(
    states: &[StateWage],
    areas: &[StateWage],
    unit: Unit,
    national_median: Option<i64>,
) -> Vec<(String, Vec<StateLine>)> {
    let mut names: Vec<(String, &'static str)> = crate::datasets::oews::postal::all()
        .filter_map(|(fips, postal)| {
            let name = states
                .iter()
                .find(|s| s.area_code == format!("{fips}00000"))
                .map(|s| s.area_name.clone())?;
            Some((name, postal))
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|(name, postal)| {
            let lines: Vec<StateLine> = areas
                .iter()
                .filter(|a| metro::area_states(&a.area_code, &a.area_name).contains(&postal))
                .map(|a| state_line(a, unit, national_median))
                .collect();
            (!lines.is_empty()).then_some((name, lines))
        })
        .collect()
}

fn state_line(s: &StateWage, unit: Unit, national_median: Option<i64>) -> StateLine {
    let [p10, _, median, _, p90] = match unit {
        Unit::Annual => s.percentiles(),
        Unit::Hourly => s.hourly_percentiles(),
    };
    let money = |v: Option<i64>| v.map_or_else(|| "–".to_owned(), |m| unit.exact(m));
    StateLine {
        name: s.area_name.clone(),
        employment: s.employment.map_or_else(|| "–".into(), format::thousands),
        median: money(median),
        relative: median
            .zip(national_median)
            .map_or_else(|| "–".to_owned(), |(m, n)| format::signed_percent(m, n)),
        p10: money(p10),
        p90: money(p90),
    }
}
