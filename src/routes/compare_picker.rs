//! Building a comparison without JavaScript: `/compare` with fewer than two
//! roles is a picker (search a title, or pick from the fields), `add=`
//! adds the best match for a typed title and redirects to the canonical
//! comparison, and every role in play can be removed.
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CacheControl, CacheDirective, ContentType, LOCATION};
use askama::Template;

use crate::db::queries::{self, RoleSummary};
use crate::db::search::{self, Hit};
use crate::error::AppError;
use crate::search::{Query, intent};
use crate::state::AppState;
use crate::urls;

/// The most roles one comparison holds: four columns still fit a laptop
/// screen, and stack readably on a phone.
pub const MAX_ROLES: usize = 4;
use crate::views::{Crumb, Layout};

/// A role in play, with the comparison without it.
pub struct Chosen {
    pub slug: String,
    pub title: String,
    pub remove: String,
}

/// A field's roles, each with the comparison that adds it.
pub struct Field {
    pub title: String,
    pub roles: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "compare_picker.html")]
pub struct PickerPage {
    pub layout: Layout,
    pub problem: Option<String>,
    pub chosen: Vec<Chosen>,
    /// The slugs in play, comma-separated, for the add form.
    pub roles_value: String,
    pub can_add: bool,
    pub fields: Vec<Field>,
}

/// The slug of the role whose title (or everyday name) best matches `text`,
/// as search ranks it; a role that only mentions the words is no match.
pub async fn best_match(state: &AppState, text: &str) -> Result<Option<String>, AppError> {
    let words = intent::read(text).words;
    let Ok(query) = Query::parse(&words) else {
        return Ok(None);
    };
    if query.is_empty() {
        return Ok(None);
    }
    let found = search::search(&state.pool, &query, false, 20, 0).await?;
    Ok(found.hits.into_iter().find_map(|h| match h {
        Hit::Role(r) if r.by_title => Some(r.slug),
        _ => None,
    }))
}

/// 303 to the comparison of `slugs` (a picker for fewer than two).
pub fn see(slugs: &[String]) -> HttpResponse {
    let refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
    HttpResponse::SeeOther()
        .insert_header((LOCATION, urls::compare(&refs)))
        .finish()
}

/// The picker with `chosen` (known roles) in play and an optional problem.
pub async fn picker(
    state: &AppState,
    status: StatusCode,
    chosen: Vec<RoleSummary>,
    problem: Option<String>,
) -> Result<HttpResponse, AppError> {
    let slugs: Vec<String> = chosen.iter().map(|r| r.slug.clone()).collect();
    let with = |extra: &str| {
        let mut set: Vec<&str> = slugs.iter().map(String::as_str).collect();
        set.push(extra);
        urls::compare(&set)
    };
    let chosen_views = chosen
        .iter()
        .map(|r| {
            let rest: Vec<&str> = slugs
                .iter()
                .map(String::as_str)
                .filter(|s| *s != r.slug)
                .collect();
            Chosen {
                slug: r.slug.clone(),
                title: r.title.clone(),
                remove: urls::compare(&rest),
            }
        })
        .collect();
    let categories = queries::categories(&state.pool, false).await?;
    let roles = queries::all_roles(&state.pool, false).await?;
    let can_add = slugs.len() < MAX_ROLES;
    let fields = if can_add {
        categories
            .into_iter()
            .map(|c| Field {
                roles: roles
                    .iter()
                    .filter(|r| r.category_slug == c.slug && !slugs.contains(&r.slug))
                    .map(|r| (r.title.clone(), with(&r.slug)))
                    .collect(),
                title: c.title,
            })
            .filter(|f| !f.roles.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let mut layout = Layout::new(
        state,
        urls::COMPARE,
        "Compare roles",
        "Put two to four job profiles side by side: pay, outlook, education and skills.",
    )
    .with_breadcrumbs(vec![
        Crumb::new("Home", urls::HOME),
        Crumb::new("Compare roles", urls::COMPARE),
    ]);
    layout.noindex = true;
    let page = PickerPage {
        layout,
        problem,
        roles_value: slugs.join(","),
        chosen: chosen_views,
        can_add,
        fields,
    };
    let body = page.render()?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(body))
}
