//! `/roles/{slug}`: the role profile page.
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::html_page;
use super::moves::{self as career_moves, MovesView};
use super::place::{Place, PlacePay, place_pay};
use crate::datasets::oews::{self, SocCode};
use crate::datasets::projections;
use crate::db::queries::{self, DutyRow, FaqRow, RoleRow, RoleSummary, SourceRow};
use crate::domain::{Slug, SocMatch};
use crate::error::AppError;
use crate::format;
use crate::state::AppState;
use crate::urls;
use crate::views::structured_data;
use crate::views::structured_data::Percentiles;
use crate::views::{Crumb, Layout, OutlookView, PayView, RoleCard, StateOption, state_options};

/// How many sibling roles the "More in" sidebar lists.
pub const SIDEBAR_SIZE: usize = 6;
/// How many of the nearest roles "Compare with..." lists; any other is
/// added by its title.
const COMPARE_CHOICES: usize = 20;

#[derive(Template)]
#[template(path = "role.html")]
pub struct RolePage {
    pub layout: Layout,
    pub role: RoleRow,
    pub salary: String,
    pub updated_long: String,
    pub duties: Vec<DutyRow>,
    pub faqs: Vec<FaqRow>,
    /// The nearest roles of the category, for the sidebar.
    pub siblings: Vec<RoleCard>,
    /// Roles to compare with, nearest first.
    pub compare_with: Vec<(String, String)>,
    /// Where this work leads.
    pub moves: Option<MovesView>,
    /// Measured BLS wages, when the role has a SOC code with published data.
    pub pay: Option<PayView>,
    /// Set when `pay` is for a related occupation: the editor's reason.
    pub related_reason: Option<String>,
    /// The states publishing the occupation, for the state picker.
    pub states: Vec<StateOption>,
    /// The chosen place's wages and links (areas of its state, or its
    /// states when the area publishes no estimate).
    pub place: PlacePay,
    /// The reader's place, carried in links to other roles.
    pub here: Place,
    /// "On this page" links: (fragment, text).
    pub toc: Vec<(&'static str, &'static str)>,
    pub sources: Vec<SourceView>,
    /// BLS projections and entry categories of the role's occupation.
    pub outlook: Option<OutlookView>,
}

/// A source as the page lists it: publisher, linked title, date checked.
pub struct SourceView {
    pub row: SourceRow,
    pub accessed_long: String,
}

impl From<SourceRow> for SourceView {
    fn from(row: SourceRow) -> Self {
        Self {
            accessed_long: format::long_date(row.accessed),
            row,
        }
    }
}

/// The role page's query parameters: a place (see `place`). A place view
/// depends on the query string, so it is `noindex` with the plain page as
/// its canonical, and it is rendered per request.
#[derive(Deserialize)]
pub struct RoleQuery {
    /// A postal code (`?state=CA`): that state's pay beside the nation's.
    state: Option<String>,
    /// An OEWS metro or nonmetro area code (`?area=0041940`).
    area: Option<String>,
}

pub async fn show(
    path: web::Path<String>,
    query: web::Query<RoleQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let slug = Slug::parse(&path)?;
    let pool = &state.pool;
    // An empty choice ("United States only") is the plain page.
    let place = Place::parse(pool, query.state.as_deref(), query.area.as_deref()).await?;
    let Some(role) = queries::role(pool, slug.as_str(), state.drafts()).await? else {
        return redirect_alias(&state, &slug).await;
    };
    let queries::RoleItems {
        duties,
        faqs,
        sources,
    } = queries::role_items(pool, &role.slug).await?;
    let mut siblings = queries::siblings(pool, &role.category_slug, &role.slug).await?;
    order_by_similarity(&state, role.soc_code.as_ref(), &mut siblings);
    let compare_with = compare_choices(&state, &role, &siblings).await?;
    let (occupation, areas, projection) = match &role.soc_code {
        Some(code) => (
            oews::occupation(pool, code).await?,
            oews::state_areas(pool, code).await?,
            projections::projection(pool, code).await?,
        ),
        None => (None, Vec::new(), None),
    };
    let place_pay = match &role.soc_code {
        Some(code) => place_pay(pool, &role.slug, code, &place, &areas).await?,
        None => PlacePay::default(),
    };
    let pay = occupation.as_ref().and_then(|o| {
        PayView::new(
            o,
            Some((role.salary_min, role.salary_max)),
            place_pay.wage.as_ref(),
        )
    });
    // A related occupation's distribution is not the role's own pay: search
    // engines get the editor's range instead (one pay truth per role).
    let percentiles = occupation
        .as_ref()
        .filter(|_| !borrows_related_figures(&role))
        .and_then(Percentiles::of);
    let related_reason = match role.soc_match {
        Some(SocMatch::Related) => role.soc_match_reason.clone(),
        _ => None,
    };
    let moves = match &role.soc_code {
        Some(code) => {
            let mut view = career_moves::load(
                &state,
                code,
                borrows_related_figures(&role),
                &role.next_roles,
            )
            .await?;
            // The reader's place follows them to the profiles moves lead to.
            for m in view.groups.iter_mut().flat_map(|g| g.moves.iter_mut()) {
                if m.profile.is_some() {
                    m.url = place.carry(&m.url);
                }
            }
            Some(view)
        }
        None => None,
    };
    let mut toc = vec![("duties", "Duties"), ("qualifications", "Qualifications")];
    if pay.is_some() {
        toc.push(("pay", "Pay"));
    }
    if moves.is_some() {
        toc.push(("moves", "Career moves"));
    }
    if role.cover_letter_html.is_some() {
        toc.push(("cover-letter", "Cover letter"));
    }
    if !faqs.is_empty() {
        toc.push(("faq", "Frequently asked questions"));
    }
    if !sources.is_empty() {
        toc.push(("sources", "Sources"));
    }

    let url_path = urls::role(&role.slug);
    let crumbs = vec![
        Crumb::new("Home", urls::HOME),
        Crumb::new(
            role.category_title.clone(),
            urls::category(&role.category_slug),
        ),
        Crumb::new(role.title.clone(), url_path.clone()),
    ];
    let mut layout = Layout::new(
        &state,
        &url_path,
        format!("{} – Job Profile, Salary and Duties", role.title),
        role.summary.clone(),
    )
    .with_breadcrumbs(crumbs)
    .og_type("article")
    // A state view is a variant of the plain page (its canonical).
    .noindex(role.draft || place.is_chosen())
    .feed(
        format!("{} roles", role.category_title),
        urls::category_feed(&role.category_slug),
    );
    layout.json_alternate = Some(urls::json_alternate(&url_path));
    let json_ld = structured_data::role_page(
        &state.base_url,
        &layout.facts(),
        &role,
        structured_data::RoleLists {
            skills: &role.skills,
            duties: &duties,
            faqs: &faqs,
            sources: &sources,
        },
        percentiles,
    );
    layout.json_ld = Some(json_ld);

    html_page(&RolePage {
        layout,
        salary: format::salary_range(role.salary_min, role.salary_max, &role.currency),
        updated_long: format::long_date(role.updated),
        duties,
        faqs,
        compare_with,
        siblings: siblings
            .into_iter()
            .take(SIDEBAR_SIZE)
            .map(RoleCard::from)
            .collect(),
        moves,
        states: if pay.is_some() {
            state_options(&areas, place.state())
        } else {
            Vec::new()
        },
        place: place_pay,
        here: place,
        pay,
        related_reason,
        toc,
        sources: sources.into_iter().map(SourceView::from).collect(),
        outlook: projection.map(|p| OutlookView::new(p, borrows_related_figures(&role))),
        role,
    })
}

/// "Compare with...": the roles whose occupations' work is nearest this
/// one's, across fields (a plumber for an electrician), then the field's
/// other roles; at most [`COMPARE_CHOICES`], as (slug, title).
async fn compare_choices(
    state: &AppState,
    role: &RoleRow,
    siblings: &[RoleSummary],
) -> Result<Vec<(String, String)>, AppError> {
    let mut choices: Vec<(String, String)> = Vec::new();
    if let Some(code) = &role.soc_code {
        // Profiles cover a fraction of the occupations: look among the
        // nearest few first, and further only when they hold too few roles.
        for occupations in [COMPARE_CHOICES, 5 * COMPARE_CHOICES, 40 * COMPARE_CHOICES] {
            let nearest = state.moves.nearest(code.as_str(), occupations);
            let roles =
                queries::roles_of_codes(&state.pool, &nearest, &role.slug, COMPARE_CHOICES).await?;
            let enough = roles.len() == COMPARE_CHOICES || nearest.len() < occupations;
            choices = roles.into_iter().map(|r| (r.slug, r.title)).collect();
            if enough {
                break;
            }
        }
    }
    for s in siblings {
        if !choices.iter().any(|(slug, _)| *slug == s.slug) {
            choices.push((s.slug.clone(), s.title.clone()));
        }
    }
    choices.truncate(COMPARE_CHOICES);
    Ok(choices)
}

/// Orders `siblings` by how similar their occupation's work is to `code`'s
/// (the same occupation first), those O*NET cannot compare last, A-Z
/// within equal similarity (the order they came in).
fn order_by_similarity(state: &AppState, code: Option<&SocCode>, siblings: &mut [RoleSummary]) {
    let Some(code) = code else {
        return;
    };
    let closeness = |s: &RoleSummary| match s.soc_code.as_deref() {
        Some(other) if other == code.as_str() => Some(2.0),
        Some(other) => state.moves.similarity(code.as_str(), other),
        None => None,
    };
    let keyed: Vec<Option<f64>> = siblings.iter().map(closeness).collect();
    let mut order: Vec<usize> = (0..siblings.len()).collect();
    order.sort_by(|a, b| {
        match (keyed[*a], keyed[*b]) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(a.cmp(b))
    });
    let sorted: Vec<RoleSummary> = order.iter().map(|i| siblings[*i].clone()).collect();
    siblings.clone_from_slice(&sorted);
}

/// Whether the role borrows a related occupation's BLS figures.
fn borrows_related_figures(role: &RoleRow) -> bool {
    role.soc_match == Some(SocMatch::Related)
}

/// A renamed role's old slug answers with a permanent redirect.
async fn redirect_alias(state: &AppState, slug: &Slug) -> Result<HttpResponse, AppError> {
    match queries::alias_target(&state.pool, slug.as_str(), state.drafts()).await? {
        Some(target) => Ok(HttpResponse::MovedPermanently()
            .insert_header((LOCATION, urls::role(target)))
            .finish()),
        None => Err(AppError::NotFound),
    }
}
