//! `/categories/{slug}`: a category's introduction and all its roles.
use actix_web::{HttpResponse, web};
use askama::Template;

use serde::Deserialize;

use super::html_page;
use super::place::Place;
use crate::db::queries::{self, CategoryRow};
use crate::domain::Slug;
use crate::error::AppError;
use crate::state::AppState;
use crate::urls;
use crate::views::{Crumb, Layout, RoleCard};

#[derive(Template)]
#[template(path = "category.html")]
pub struct CategoryPage {
    pub layout: Layout,
    pub category: CategoryRow,
    pub roles: Vec<RoleCard>,
}

/// A place carried from a role page (`?state=` or `?area=`): the cards
/// carry it on. Any other query (tracking tags) is the plain page.
#[derive(Deserialize)]
pub struct CategoryQuery {
    state: Option<String>,
    area: Option<String>,
}

pub async fn show(
    path: web::Path<String>,
    query: web::Query<CategoryQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let slug = Slug::parse(&path)?;
    let place = Place::parse(&state.pool, query.state.as_deref(), query.area.as_deref()).await?;
    let category = queries::category(&state.pool, slug.as_str(), state.drafts())
        .await?
        .ok_or(AppError::NotFound)?;
    let roles: Vec<RoleCard> =
        queries::roles_in_category(&state.pool, slug.as_str(), state.drafts())
            .await?
            .into_iter()
            .map(RoleCard::from)
            .map(|card| RoleCard {
                href: place.carry(&card.href),
                ..card
            })
            .collect();
    let url_path = urls::category(&slug);
    let crumbs = vec![
        Crumb::new("Home", urls::HOME),
        Crumb::new(category.title.clone(), url_path.clone()),
    ];
    let mut layout = Layout::new(
        &state,
        &url_path,
        format!("{} Jobs: Roles, Salaries and Career Paths", category.title),
        category.summary.clone(),
    )
    .with_breadcrumbs(crumbs)
    .feed(
        format!("{} roles", category.title),
        urls::category_feed(&slug),
    );
    // A place view is a variant of the plain page (its canonical).
    layout.noindex = place.is_chosen();
    let layout = layout.listing(
        roles
            .iter()
            .map(|r| (r.title.as_str(), urls::role(&r.slug))),
        &state.base_url,
    );
    html_page(&CategoryPage {
        layout,
        category,
        roles,
    })
}
