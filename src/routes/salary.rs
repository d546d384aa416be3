//! `/salaries/{soc}`: one occupation's national percentiles, pay in every
//! state, and the profiles that map to it.
use actix_web::{HttpResponse, web};
use askama::Template;

use super::html_page;
use crate::db::queries;
use crate::error::AppError;
use crate::format;
use crate::oews::{self, Occupation, SocCode, StateWage};
use crate::state::AppState;
use crate::views::{Crumb, Layout, PayView, RoleCard};

pub struct StateLine {
    pub name: String,
    pub employment: String,
    pub median: String,
    pub p10: String,
    pub p90: String,
}

#[derive(Template)]
#[template(path = "salary.html")]
pub struct SalaryPage {
    pub layout: Layout,
    pub occupation: Occupation,
    pub pay: Option<PayView>,
    pub employment: String,
    pub states: Vec<StateLine>,
    pub roles: Vec<RoleCard>,
}

pub async fn show(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let code = SocCode::parse(&path)?;
    let occupation = oews::occupation(&state.pool, &code)
        .await?
        .filter(|o| o.level == 3)
        .ok_or(AppError::NotFound)?;
    let states = oews::state_wages(&state.pool, &code)
        .await?
        .iter()
        .map(state_line)
        .collect();
    let roles = queries::roles_with_soc_code(&state.pool, code.as_str())
        .await?
        .into_iter()
        .map(RoleCard::from)
        .collect();
    let median = occupation.annual_median.map_or_else(
        || "not published".to_owned(),
        |m| format::money_full(m, "USD"),
    );
    let url_path = format!("/salaries/{code}");
    let crumbs = vec![
        Crumb::new("Home", "/"),
        Crumb::new("Salaries", "/salaries"),
        Crumb::new(occupation.title.clone(), url_path.clone()),
    ];
    let mut layout = Layout::new(
        &state,
        &url_path,
        format!("{} Salary: Pay by State ({code})", occupation.title),
        format!(
            "{} in the U.S. earn a median of {median} a year (BLS OEWS, May 2025). See the 10th to 90th percentile range and pay in every state.",
            occupation.title
        ),
    )
    .with_breadcrumbs(crumbs);
    layout.json_alternate = Some(format!("{url_path}.json"));
    html_page(&SalaryPage {
        layout,
        pay: PayView::new(&occupation, None),
        employment: occupation
            .employment
            .map_or_else(|| "not published".into(), format::thousands),
        occupation,
        states,
        roles,
    })
}

fn state_line(s: &StateWage) -> StateLine {
    let money = |v: Option<i64>| v.map_or_else(|| "–".to_owned(), |m| format::money_full(m, "USD"));
    StateLine {
        name: s.area_name.clone(),
        employment: s.employment.map_or_else(|| "–".into(), format::thousands),
        median: money(s.annual_median),
        p10: money(s.annual_p10),
        p90: money(s.annual_p90),
    }
}
