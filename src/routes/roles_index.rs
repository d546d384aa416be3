//! `/roles`: every role A to Z.
use actix_web::{HttpResponse, web};
use askama::Template;

use super::finder::FinderForm;
use super::html_page;
use crate::db::queries;
use crate::error::AppError;
use crate::state::AppState;
use crate::urls;
use crate::views::{Crumb, Layout, RoleCard};

/// Roles grouped under their initial letter.
pub struct LetterGroup {
    pub letter: char,
    pub roles: Vec<RoleCard>,
}

#[derive(Template)]
#[template(path = "roles_index.html")]
pub struct RolesIndexPage {
    pub layout: Layout,
    pub groups: Vec<LetterGroup>,
    pub total: usize,
    /// The occupation finder's filters, all unset.
    pub form: FinderForm,
}

pub async fn show(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let roles = queries::all_roles(&state.pool, state.drafts()).await?;
    let total = roles.len();
    let mut groups: Vec<LetterGroup> = Vec::new();
    for role in roles {
        let letter = role
            .title
            .chars()
            .next()
            .map_or('#', |c| c.to_ascii_uppercase());
        match groups.last_mut() {
            Some(group) if group.letter == letter => group.roles.push(role.into()),
            _ => groups.push(LetterGroup {
                letter,
                roles: vec![role.into()],
            }),
        }
    }
    let crumbs = vec![
        Crumb::new("Home", urls::HOME),
        Crumb::new("All roles", urls::ROLES),
    ];
    let layout = Layout::new(&state, urls::ROLES, "All Job Profiles A–Z", format!("Browse all {total} job profiles A to Z, each with duties, qualifications, salary range, career outlook and a sample cover letter."))
        .with_breadcrumbs(crumbs);
    let items = groups
        .iter()
        .flat_map(|g| &g.roles)
        .map(|r| (r.title.as_str(), urls::role(&r.slug)));
    let layout = layout.listing(items, &state.base_url);
    html_page(&RolesIndexPage {
        layout,
        groups,
        total,
        form: FinderForm::load(&state).await?,
    })
}
