//! `/`: the categories and a way into every role.
use actix_web::{HttpResponse, web};
use askama::Template;

use super::html_page;
use crate::db::queries::{self, CategoryRow};
use crate::error::AppError;
use crate::state::AppState;
use crate::urls;
use crate::views::Layout;

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub layout: Layout,
    pub categories: Vec<CategoryRow>,
    pub role_total: i64,
}

pub async fn show(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let categories = queries::categories(&state.pool, state.drafts()).await?;
    let role_total = categories.iter().map(|c| c.role_count).sum();
    let layout = Layout::new(
        &state,
        urls::HOME,
        "career-guide – Job Profiles, Duties and Salaries",
        format!(
            "Plain-spoken profiles of {role_total} jobs: what each role does, what it takes to get hired, what it pays, and where it leads."
        ),
    );
    let items = categories
        .iter()
        .map(|c| (c.title.as_str(), urls::category(&c.slug)));
    let layout = layout.listing(items, &state.base_url);
    html_page(&HomePage {
        layout,
        categories,
        role_total,
    })
}
