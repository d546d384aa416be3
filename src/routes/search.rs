//! `/search?q=...&page=N`: full-text search over roles and BLS occupations.
//! Never cached as one page per path, never indexed by search engines.
use actix_web::http::StatusCode;
use actix_web::http::header::{CacheControl, CacheDirective, ContentType};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::datasets::oews::postal;
use crate::db::finder::{self, Filters, FinderRow, Sort};
use crate::db::search::{self, Hit, PopularCategory};
use crate::error::AppError;
use crate::format;
use crate::search::intent::{self, Intent, Topic};
use crate::search::query::echo;
use crate::search::snippet::has_mark;
use crate::search::{Query, Segment, segments, spelling};
use crate::state::AppState;
use crate::urls;
use crate::views::Layout;

pub const PER_PAGE: i64 = 20;

#[derive(Deserialize)]
pub struct Params {
    #[serde(default)]
    q: String,
    page: Option<String>,
}

/// A result as the page shows it.
pub struct ResultView {
    pub href: String,
    pub title: String,
    /// Set for roles: they can be put side by side.
    pub compare_slug: Option<String>,
    pub kind: &'static str,
    pub category: String,
    pub pay: String,
    pub snippet: Vec<Segment>,
}

pub struct PageLink {
    pub number: i64,
    pub href: String,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub layout: Layout,
    /// The text as typed, for the search box.
    pub q: String,
    /// Why the request was refused (the page then has status 400).
    pub problem: Option<String>,
    pub searched: bool,
    /// The words actually searched, when a misspelling was corrected.
    pub corrected: Option<String>,
    pub total: i64,
    pub page: i64,
    pub first: i64,
    pub last: i64,
    pub results: Vec<ResultView>,
    pub prev: Option<PageLink>,
    pub next: Option<PageLink>,
    pub categories: Vec<PopularCategory>,
    /// What the query asked beyond the job, each with a link that drops it.
    pub filters: Vec<FilterChip>,
    /// The finder with the query's filters, where a search finds nothing.
    pub finder: Option<String>,
}

/// A filter read from the query, shown so the reader can remove it.
pub struct FilterChip {
    pub label: String,
    pub remove: String,
}

pub async fn show(
    params: web::Query<Params>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let q = echo(&params.q);
    let mut page = SearchPage {
        layout: layout(&state, &q),
        q,
        problem: None,
        searched: false,
        corrected: None,
        total: 0,
        page: 1,
        first: 0,
        last: 0,
        results: Vec::new(),
        prev: None,
        next: None,
        categories: Vec::new(),
        filters: Vec::new(),
        finder: None,
    };
    if let Err(e) = Query::parse(&params.q) {
        page.problem = Some(e.to_string());
        page.q.clear();
        return respond(StatusCode::BAD_REQUEST, &page);
    }
    // The words around the job say what to show, where, and which jobs;
    // only the job's words are searched.
    let intent = intent::read(&params.q);
    let query = Query::parse(&intent.words).unwrap_or(Query { terms: Vec::new() });
    page.filters = filter_chips(&intent);
    let filters = finder_filters(&intent);
    page.page = match params.page.as_deref().map(str::parse::<i64>) {
        None => 1,
        Some(Ok(n)) if (1..=10_000).contains(&n) => n,
        Some(_) => {
            page.problem = Some("The page number must be a whole number from 1.".into());
            return respond(StatusCode::BAD_REQUEST, &page);
        }
    };
    if query.is_empty() && filters.is_none() {
        page.categories = search::popular_categories(&state.pool, 6).await?;
        return respond(StatusCode::OK, &page);
    }
    page.searched = true;
    let offset = (page.page - 1) * PER_PAGE;
    let link_of = |slug: &str| role_link(slug, &intent);
    if let Some(filters) = &filters {
        page.finder = Some(finder_url(filters));
    }
    if query.is_empty() {
        // Only filters: the finder's answer, best paid first.
        let filters = filters.unwrap_or_default();
        let rows =
            finder::find_page(&state.pool, &filters, state.drafts(), PER_PAGE, offset).await?;
        page.total = rows.first().map_or(0, |r| r.total);
        if page.total == 0 && offset == 0 {
            page.categories = search::popular_categories(&state.pool, 6).await?;
        } else if rows.is_empty() {
            return Err(AppError::NotFound);
        }
        let shown: Vec<ResultView> = rows
            .into_iter()
            .map(|row| finder_view(row, &link_of))
            .collect();
        return finish(page, shown, offset, &params.q);
    }
    let (limit, skip) = if filters.is_some() {
        // Filtered in Rust below: read every match, then page.
        (FILTERED_LIMIT, 0)
    } else {
        (PER_PAGE, offset)
    };
    let mut found = search::search(&state.pool, &query, state.drafts(), limit, skip).await?;
    if found.total == 0 {
        let dictionary = search::terms(&state.pool).await?;
        if let Some(words) = spelling::correct(&query.terms, &dictionary) {
            let corrected = Query { terms: words };
            let retry =
                search::search(&state.pool, &corrected, state.drafts(), PER_PAGE, offset).await?;
            if retry.total > 0 {
                page.corrected = Some(corrected.text());
                found = retry;
            }
        }
    }
    if let Some(filters) = &filters {
        // Roles that pass the filters; occupations are not filtered jobs.
        let allowed: Vec<String> = finder::find(&state.pool, filters, state.drafts())
            .await?
            .into_iter()
            .map(|r| r.slug)
            .collect();
        found
            .hits
            .retain(|h| matches!(h, Hit::Role(r) if allowed.contains(&r.slug)));
        if intent.by_pay {
            // "Best paying ...": the finder's order, highest pay first.
            let rank = |h: &Hit| match h {
                Hit::Role(r) => allowed.iter().position(|s| *s == r.slug),
                Hit::Occupation(_) => None,
            };
            found.hits.sort_by_key(rank);
        }
        found.total = found.hits.len() as i64;
        found.hits = found
            .hits
            .into_iter()
            .skip(offset as usize)
            .take(PER_PAGE as usize)
            .collect();
    }
    page.total = found.total;
    if found.total == 0 {
        // No dead end: the fields whose name or summary shares a word with
        // the query first, then the largest.
        page.categories = search::categories_by_words(&state.pool, &query.terms, 6).await?;
    } else if found.hits.is_empty() {
        return Err(AppError::NotFound);
    }
    let shown = found.hits.into_iter().map(|h| view(h, &link_of)).collect();
    finish(page, shown, offset, &params.q)
}

/// How many matches a filtered search reads before filtering.
const FILTERED_LIMIT: i64 = 1000;

/// Fills the page's results and paging, and answers.
fn finish(
    mut page: SearchPage,
    shown: Vec<ResultView>,
    offset: i64,
    q: &str,
) -> Result<HttpResponse, AppError> {
    page.first = offset + 1;
    page.last = offset + shown.len() as i64;
    page.results = shown;
    let link = |number: i64| PageLink {
        number,
        href: urls::search_page(q, number),
    };
    page.prev = (page.page > 1).then(|| link(page.page - 1));
    page.next = (page.last < page.total).then(|| link(page.page + 1));
    respond(StatusCode::OK, &page)
}

/// The finder's filters the query asked for, if any.
fn finder_filters(intent: &Intent) -> Option<Filters> {
    if intent.max_education.is_none() && intent.min_pay.is_none() && !intent.by_pay {
        return None;
    }
    Some(Filters {
        max_education: intent.max_education,
        min_pay: intent.min_pay,
        sort: Sort::Pay,
        ..Filters::default()
    })
}

/// The finder page with the same filters.
fn finder_url(filters: &Filters) -> String {
    let education = filters.max_education.map(|e| e.as_str());
    let pay = filters.min_pay.map(|p| p.to_string());
    let mut params: Vec<(&str, &str)> = Vec::new();
    if let Some(e) = education {
        params.push(("max_education", e));
    }
    if let Some(p) = pay.as_deref() {
        params.push(("min_pay", p));
    }
    params.push(("sort", "pay"));
    urls::finder(params)
}

/// The query's filters as removable chips: each links to the search
/// without it.
fn filter_chips(intent: &Intent) -> Vec<FilterChip> {
    let state = intent.state.and_then(postal::state_name);
    let parts = |skip: usize| -> String {
        let mut words = vec![intent.words.clone()];
        if skip != 0
            && let Some(name) = state
        {
            words.push(format!("in {name}"));
        }
        if skip != 1 && intent.max_education.is_some() {
            words.push("without a degree".into());
        }
        if skip != 2
            && let Some(pay) = intent.min_pay
        {
            words.push(format!("over {pay}"));
        }
        let text = words
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        urls::with_query(urls::SEARCH, [("q", text.as_str())])
    };
    let mut chips = Vec::new();
    if let Some(name) = state {
        chips.push(FilterChip {
            label: format!("Pay in {name}"),
            remove: parts(0),
        });
    }
    if intent.max_education.is_some() {
        chips.push(FilterChip {
            label: "No degree needed".into(),
            remove: parts(1),
        });
    }
    if let Some(pay) = intent.min_pay {
        chips.push(FilterChip {
            label: format!("BLS median at least {}", format::money_full(pay, "USD")),
            remove: parts(2),
        });
    }
    chips
}

/// A role's page as the query wants it: in the reader's state, at the
/// section the query asked about.
fn role_link(slug: &str, intent: &Intent) -> String {
    let mut href = urls::role(slug);
    if let Some(state) = intent.state {
        href = urls::with_query(&href, [("state", state)]);
    }
    let fragment = match intent.topic {
        Some(Topic::Pay) => "#pay",
        Some(Topic::GettingIn) => "#qualifications",
        Some(Topic::Work) => "#duties",
        None => "",
    };
    href + fragment
}

fn finder_view(row: FinderRow, link_of: &impl Fn(&str) -> String) -> ResultView {
    let pay = match (row.related_occupation.as_ref(), row.bls_median) {
        (None, Some(median)) => format!(
            "Typical salary {} · BLS median {}",
            format::salary_range(row.salary_min, row.salary_max, &row.currency),
            format::money_full(median, "USD")
        ),
        _ => format!(
            "Typical salary {}",
            format::salary_range(row.salary_min, row.salary_max, &row.currency)
        ),
    };
    ResultView {
        href: link_of(&row.slug),
        compare_slug: Some(row.slug),
        title: row.title,
        kind: "Job profile",
        category: row.category_title,
        pay,
        snippet: segments(&row.summary),
    }
}

fn layout(state: &AppState, q: &str) -> Layout {
    let title = if q.trim().is_empty() {
        "Search job profiles and salaries".to_owned()
    } else {
        format!("Search: {q}")
    };
    let mut layout = Layout::new(
        state,
        urls::SEARCH,
        title,
        "Search every job profile and U.S. occupation by title, skill or keyword.",
    );
    layout.noindex = true;
    layout
}

fn view(hit: Hit, link_of: &impl Fn(&str) -> String) -> ResultView {
    match hit {
        Hit::Role(r) => {
            let summary = segments(&r.summary_marked);
            let body = segments(&r.body_snippet);
            let snippet = if has_mark(&summary) || !has_mark(&body) {
                summary
            } else {
                body
            };
            ResultView {
                href: link_of(&r.slug),
                compare_slug: (!r.draft).then(|| r.slug.clone()),
                title: r.title,
                kind: "Job profile",
                category: r.category_title,
                pay: format!(
                    "Typical salary {}",
                    format::salary_range(r.salary_min, r.salary_max, &r.currency)
                ),
                snippet,
            }
        }
        Hit::Occupation(o) => {
            let pay = match (o.annual_p10, o.annual_p90, o.annual_median) {
                (Some(low), Some(high), _) => {
                    format!("BLS pay range {}", format::salary_range(low, high, "USD"))
                }
                (_, _, Some(median)) => {
                    format!("BLS median {}", format::money_short(median, "USD"))
                }
                _ => "BLS pay not published".to_owned(),
            };
            ResultView {
                href: urls::salary(&o.soc_code),
                title: o.title,
                compare_slug: None,
                kind: "BLS occupation",
                category: o.group_title.unwrap_or_default(),
                pay,
                snippet: segments(&o.title_marked),
            }
        }
    }
}

/// Search pages change with every query and every publish: never stored.
fn respond(status: StatusCode, page: &SearchPage) -> Result<HttpResponse, AppError> {
    let body = page.render()?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        .body(body))
}
