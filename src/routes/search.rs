//! `/search?q=...&page=N`: full-text search over roles and BLS occupations.
//! Never cached as one page per path, never indexed by search engines.
use actix_web::http::StatusCode;
use actix_web::http::header::{CacheControl, CacheDirective, ContentType};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::db::search::{self, Hit, PopularCategory};
use crate::error::AppError;
use crate::format;
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
    };
    let query = match Query::parse(&params.q) {
        Ok(query) => query,
        Err(e) => {
            page.problem = Some(e.to_string());
            page.q.clear();
            return respond(StatusCode::BAD_REQUEST, &page);
        }
    };
    page.page = match params.page.as_deref().map(str::parse::<i64>) {
        None => 1,
        Some(Ok(n)) if (1..=10_000).contains(&n) => n,
        Some(_) => {
            page.problem = Some("The page number must be a whole number from 1.".into());
            return respond(StatusCode::BAD_REQUEST, &page);
        }
    };
    if query.is_empty() {
        page.categories = search::popular_categories(&state.pool, 6).await?;
        return respond(StatusCode::OK, &page);
    }
    page.searched = true;
    let offset = (page.page - 1) * PER_PAGE;
    let mut found = search::search(&state.pool, &query, state.drafts(), PER_PAGE, offset).await?;
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
    page.total = found.total;
    if found.total == 0 {
        page.categories = search::popular_categories(&state.pool, 6).await?;
    } else if found.hits.is_empty() {
        return Err(AppError::NotFound);
    }
    page.first = offset + 1;
    page.last = offset + found.hits.len() as i64;
    page.results = found.hits.into_iter().map(view).collect();
    let link = |number: i64| PageLink {
        number,
        href: page_href(&params.q, number),
    };
    page.prev = (page.page > 1).then(|| link(page.page - 1));
    page.next = (page.last < found.total).then(|| link(page.page + 1));
    respond(StatusCode::OK, &page)
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

fn page_href(q: &str, number: i64) -> String {
    let encoded = query_pair("q", q);
    format!("{}?{encoded}&page={number}", urls::SEARCH)
}

/// `name=value`, percent-encoded for a query string.
fn query_pair(name: &str, value: &str) -> String {
    let mut out = format!("{name}=");
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn view(hit: Hit) -> ResultView {
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
                href: urls::role(&r.slug),
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
