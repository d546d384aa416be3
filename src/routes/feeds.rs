//! Atom feeds of roles by last update: `/feed.xml` for the whole site and
//! `/categories/{slug}/feed.xml` for one category.
use actix_web::{HttpResponse, web};
use askama::Template;
use time::Date;

use super::render::document;
use crate::db::queries::{self, RoleSummary};
use crate::domain::Slug;
use crate::error::AppError;
use crate::state::AppState;
use crate::urls;
use crate::views::SITE_NAME;

/// Newest entries per feed: readers poll for what changed, not the archive.
pub const FEED_SIZE: i64 = 50;
const ATOM: &str = "application/atom+xml; charset=utf-8";

pub struct FeedEntry {
    pub url: String,
    pub title: String,
    /// RFC 3339.
    pub updated: String,
    pub summary: String,
    pub category: String,
}

#[derive(Template)]
#[template(path = "feed.xml")]
pub struct Feed {
    pub title: String,
    pub subtitle: String,
    pub self_url: String,
    pub page_url: String,
    pub home_url: String,
    pub site_name: &'static str,
    /// RFC 3339: the newest entry's.
    pub updated: String,
    pub entries: Vec<FeedEntry>,
}

pub async fn site(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let roles = queries::recently_updated(&state.pool, None, FEED_SIZE).await?;
    let feed = build(
        &state,
        format!("{SITE_NAME}: recently updated job profiles"),
        "New and revised job profiles: duties, qualifications and pay.".into(),
        (urls::SITE_FEED, urls::ROLES),
        roles,
    )?;
    document(&feed, ATOM)
}

pub async fn category(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let slug = Slug::parse(&path)?;
    let category = queries::category(&state.pool, slug.as_str(), false)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = queries::recently_updated(&state.pool, Some(slug.as_str()), FEED_SIZE).await?;
    let feed = build(
        &state,
        format!("{} roles – {SITE_NAME}", category.title),
        category.summary,
        (&urls::category_feed(&slug), &urls::category(&slug)),
        roles,
    )?;
    document(&feed, ATOM)
}

/// `paths`: the feed's own path and the page it mirrors.
fn build(
    state: &AppState,
    title: String,
    subtitle: String,
    (self_path, page_path): (&str, &str),
    roles: Vec<RoleSummary>,
) -> Result<Feed, AppError> {
    let base = &state.base_url;
    // Atom requires a feed date even with no entries: then the site's
    // latest update (of this content version) stands in, so the date still
    // comes from the content.
    let newest = match roles.first() {
        Some(role) => Some(role.updated),
        None => state.published.current().latest_update,
    };
    let entries = roles
        .into_iter()
        .map(|r| FeedEntry {
            url: base.join(&urls::role(&r.slug)),
            updated: rfc3339(r.updated),
            title: r.title,
            summary: r.summary,
            category: r.category_slug,
        })
        .collect();
    Ok(Feed {
        title,
        subtitle,
        self_url: base.join(self_path),
        page_url: base.join(page_path),
        home_url: base.join(urls::HOME),
        site_name: SITE_NAME,
        updated: match newest {
            Some(date) => rfc3339(date),
            None => "1970-01-01T00:00:00Z".into(),
        },
        entries,
    })
}

/// A content date as the start of that day in UTC. Content dates are
/// four-digit years (`YYYY-MM-DD` in the front matter), whose `Display` is
/// already the RFC 3339 full-date, so this cannot fail.
fn rfc3339(day: Date) -> String {
    format!("{day}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn content_dates_become_rfc3339_instants() {
        assert_eq!(
            rfc3339(time::macros::date!(2026 - 10 - 01)),
            "2026-10-01T00:00:00Z"
        );
    }
}
