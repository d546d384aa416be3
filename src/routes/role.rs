//! `/roles/{slug}`: the role profile page.
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::html_page;
use crate::db::queries::{self, DutyRow, FaqRow, RoleRow};
use crate::domain::Slug;
use crate::error::AppError;
use crate::format;
use crate::oews::{self, SocCode};
use crate::state::AppState;
use crate::structured_data;
use crate::structured_data::Percentiles;
use crate::views::{Crumb, Layout, PayView, RoleCard};

/// How many sibling roles the "More in" sidebar lists.
pub const SIDEBAR_SIZE: i64 = 6;

#[derive(Template)]
#[template(path = "role.html")]
pub struct RolePage {
    pub layout: Layout,
    pub role: RoleRow,
    pub salary: String,
    pub updated_long: String,
    pub skills: Vec<String>,
    pub duties: Vec<DutyRow>,
    pub faqs: Vec<FaqRow>,
    pub siblings: Vec<RoleCard>,
    /// Measured BLS wages, when the role has a SOC code with published data.
    pub pay: Option<PayView>,
}

pub async fn show(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let slug = Slug::parse(&path)?;
    let pool = &state.pool;
    let Some(role) = queries::role(pool, slug.as_str(), state.drafts()).await? else {
        return redirect_alias(&state, &slug).await;
    };
    let duties = queries::duties(pool, &role.slug).await?;
    let faqs = queries::faqs(pool, &role.slug).await?;
    let siblings = queries::siblings(pool, &role.category_slug, &role.slug, SIDEBAR_SIZE).await?;
    let skills: Vec<String> = serde_json::from_str(&role.skills_json)
        .map_err(|e| AppError::Corrupt(format!("skills of role {}: {e}", role.slug)))?;
    let updated = format::parse_date(&role.updated)
        .ok_or_else(|| AppError::Corrupt(format!("updated date of role {}", role.slug)))?;

    let occupation = match role.soc_code.as_deref().map(SocCode::parse) {
        Some(Ok(code)) => oews::occupation(pool, &code).await?,
        Some(Err(e)) => {
            return Err(AppError::Corrupt(format!(
                "soc_code of role {}: {e}",
                role.slug
            )));
        }
        None => None,
    };
    let pay = occupation
        .as_ref()
        .and_then(|o| PayView::new(o, Some((role.salary_min, role.salary_max))));
    let percentiles = occupation.as_ref().and_then(Percentiles::of);

    let url_path = format!("/roles/{}", role.slug);
    let crumbs = vec![
        Crumb::new("Home", "/"),
        Crumb::new(
            role.category_title.clone(),
            format!("/categories/{}", role.category_slug),
        ),
        Crumb::new(role.title.clone(), url_path.clone()),
    ];
    let mut layout = Layout::new(
        &state,
        &url_path,
        format!("{} – Job Profile, Salary and Duties", role.title),
        role.summary.clone(),
    )
    .with_breadcrumbs(crumbs);
    layout.og_type = "article";
    layout.json_alternate = Some(format!("{url_path}.json"));
    layout.noindex = role.draft;
    layout.feeds.push((
        format!("{} roles", role.category_title),
        format!("/categories/{}/feed.xml", role.category_slug),
    ));
    layout.json_ld = Some(structured_data::role_page(
        &state.base_url,
        &layout,
        &role,
        &skills,
        &duties,
        &faqs,
        percentiles,
    ));

    html_page(&RolePage {
        layout,
        salary: format::salary_range(role.salary_min, role.salary_max, &role.currency),
        updated_long: format::long_date(updated),
        skills,
        duties,
        faqs,
        siblings: siblings.into_iter().map(RoleCard::from).collect(),
        pay,
        role,
    })
}

/// A renamed role's old slug answers with a permanent redirect.
async fn redirect_alias(state: &AppState, slug: &Slug) -> Result<HttpResponse, AppError> {
    match queries::alias_target(&state.pool, slug.as_str(), state.drafts()).await? {
        Some(target) => Ok(HttpResponse::MovedPermanently()
            .insert_header((LOCATION, format!("/roles/{target}")))
            .finish()),
        None => Err(AppError::NotFound),
    }
}
