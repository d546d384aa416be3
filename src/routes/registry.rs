//! Every route of the site, registered once. Each page type names its
//! pattern, how it is served (from the page cache or always by its handler),
//! what it sends, which of its URLs exist (for the sitemap and the static
//! export) and the example the snapshot test renders. The router, the page
//! cache, the sitemap, the export and the snapshot test all read this table,
//! so a new page type is one line here, its handler, its template and its
//! snapshot.
use actix_web::{Route, guard, web};

use super::{
    category, compare, feeds, finder, health, home, open_data, ready, robots, role, roles_index,
    salaries, salary, search, sitemap, static_files,
};
use crate::urls::{self, pattern};

/// How requests for a page type are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serving {
    /// Rendered once per content version, then answered from the page
    /// cache whatever the query string (tracking tags).
    Cached,
    /// Cached at its plain URL only; with a query string the handler
    /// answers (a state's pay, a place carried along).
    CachedPlainUrl,
    /// Always answered by its handler: user input, probes, assets.
    Live,
}

/// What a page type sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    Html,
    Json,
    Xml,
    Text,
    /// A fingerprinted static file or the favicon, sent as stored.
    Asset,
}

/// Which URLs of a page type exist: what the sitemap lists and the static
/// export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instances {
    /// Exactly this path, which changes whenever any profile does.
    One(&'static str),
    /// Exactly this path, which changes with the yearly wage data (no date
    /// in the content says when).
    Wages(&'static str),
    /// One per published category.
    Categories,
    /// One per published role.
    Roles,
    /// One per occupation with a salary page.
    Occupations,
    /// One feed per published category.
    CategoryFeeds,
    /// The sitemap's parts, when it is split.
    SitemapParts,
    /// One per fingerprinted static file.
    Assets,
    /// None to list: answers to a query, or the JSON alternates of pages
    /// that are listed.
    Answers,
    /// Not part of the site: health, readiness and metrics probes.
    Probe,
}

/// One registered page type.
#[derive(Debug, Clone, Copy)]
pub struct PageType {
    /// Its name in logs and the snapshot files.
    pub name: &'static str,
    pub pattern: &'static str,
    pub serving: Serving,
    pub body: Body,
    pub instances: Instances,
    /// Listed in the sitemap (indexable pages).
    pub in_sitemap: bool,
    /// Paths on the test site whose rendering is kept as a snapshot, each
    /// with its snapshot's name.
    pub examples: &'static [(&'static str, &'static str)],
}

impl PageType {
    /// Whether its URLs are files of the static export: every cached
    /// page type, and the static files.
    pub fn is_exported(&self) -> bool {
        self.is_cached() || self.body == Body::Asset
    }

    pub fn is_cached(&self) -> bool {
        self.serving != Serving::Live
    }
}

/// Declares the table and the router from one list. A `guard` restricts a
/// page type to some requests of a pattern it shares with the next entry.
macro_rules! page_types {
    ($(
        $name:literal => $pattern:expr, $serving:ident, $body:ident, $instances:expr,
        sitemap: $in_sitemap:literal, $handler:path
        $(, guard: $guard:expr)?
        ; examples: [$($example:expr),* $(,)?]
    ;)+) => {
        /// Every page type, in the order the router tries them.
        pub const PAGE_TYPES: &[PageType] = &[$(PageType {
            name: $name,
            pattern: $pattern,
            serving: Serving::$serving,
            body: Body::$body,
            instances: $instances,
            in_sitemap: $in_sitemap,
            examples: &[$($example),*],
        },)+];

        /// The route of each page type, in the order of [`PAGE_TYPES`].
        fn routes() -> Vec<Route> {
            vec![$({
                let route = web::get();
                $(let route = route.guard($guard);)?
                route.to($handler)
            },)+]
        }
    };
}

/// `/roles` with a query string is the finder; without, the A-Z index.
fn has_query(ctx: &guard::GuardContext) -> bool {
    !ctx.head().uri.query().unwrap_or("").is_empty()
}

page_types! {
    "home" => urls::HOME, Cached, Html, Instances::One(urls::HOME), sitemap: true, home::show;
        examples: [("home_page", "/")];
    "finder" => urls::ROLES, Live, Html, Instances::Answers, sitemap: false, finder::show,
        guard: guard::fn_guard(has_query);
        examples: [("finder_page", "/roles?max_education=bachelors&sort=pay")];
    "roles_index" => urls::ROLES, CachedPlainUrl, Html, Instances::One(urls::ROLES), sitemap: true, roles_index::show;
        examples: [("roles_index_page", "/roles")];
    "category" => pattern::CATEGORY, CachedPlainUrl, Html, Instances::Categories, sitemap: true, category::show;
        examples: [("category_page", "/categories/testing")];
    // Before `/roles/{slug}`, which would take `x.json` as a slug.
    "role_json" => pattern::ROLE_JSON, Live, Json, Instances::Answers, sitemap: false, open_data::role;
        examples: [("role_json", "/roles/quality-engineer.json")];
    "role" => pattern::ROLE, CachedPlainUrl, Html, Instances::Roles, sitemap: true, role::show;
        examples: [("role_page", "/roles/quality-engineer")];
    "site_feed" => urls::SITE_FEED, Cached, Xml, Instances::One(urls::SITE_FEED), sitemap: false, feeds::site;
        examples: [("site_feed", "/feed.xml")];
    "category_feed" => pattern::CATEGORY_FEED, Cached, Xml, Instances::CategoryFeeds, sitemap: false, feeds::category;
        examples: [("category_feed", "/categories/testing/feed.xml")];
    "sitemap" => urls::SITEMAP, Cached, Xml, Instances::One(urls::SITEMAP), sitemap: false, sitemap::index;
        examples: [("sitemap", "/sitemap.xml")];
    "sitemap_part" => pattern::SITEMAP_PART, Cached, Xml, Instances::SitemapParts, sitemap: false, sitemap::part;
        examples: [];
    "robots" => urls::ROBOTS, Cached, Text, Instances::One(urls::ROBOTS), sitemap: false, robots::show;
        examples: [("robots_txt", "/robots.txt")];
    "search" => urls::SEARCH, Live, Html, Instances::Answers, sitemap: false, search::show;
        examples: [("search_page", "/search?q=tester"), ("search_form_page", "/search")];
    "compare" => urls::COMPARE, Live, Html, Instances::Answers, sitemap: false, compare::show;
        examples: [
            ("compare_page", "/compare?roles=manual-tester,quality-engineer"),
            ("compare_picker_page", "/compare"),
            ("compare_problem_page", "/compare?roles=manual-tester"),
        ];
    "salaries" => urls::SALARIES, CachedPlainUrl, Html, Instances::Wages(urls::SALARIES), sitemap: true, salaries::index;
        examples: [("salaries_page", "/salaries")];
    // Before `/salaries/{soc}`, which would take `x.json` as a code.
    "salary_json" => pattern::SALARY_JSON, Live, Json, Instances::Answers, sitemap: false, open_data::salary;
        examples: [("salary_json", "/salaries/15-1253.json")];
    "salary" => pattern::SALARY, CachedPlainUrl, Html, Instances::Occupations, sitemap: true, salary::show;
        examples: [("salary_page", "/salaries/15-1253")];
    "health" => urls::HEALTH, Live, Text, Instances::Probe, sitemap: false, health::check;
        examples: [];
    "ready" => urls::READY, Live, Text, Instances::Probe, sitemap: false, ready::check;
        examples: [];
    "metrics" => urls::METRICS, Live, Text, Instances::Probe, sitemap: false, crate::metrics::show;
        examples: [];
    "static" => pattern::STATIC, Live, Asset, Instances::Assets, sitemap: false, static_files::serve;
        examples: [];
    "favicon" => urls::FAVICON, Live, Asset, Instances::One(urls::FAVICON), sitemap: false, static_files::favicon;
        examples: [];
}

/// Registers every page type's route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    for (page, route) in PAGE_TYPES.iter().zip(routes()) {
        cfg.route(page.pattern, route);
    }
}

/// The cached page type registered at `pattern`, if any.
pub fn cached(pattern: &str) -> Option<&'static PageType> {
    PAGE_TYPES
        .iter()
        .find(|p| p.pattern == pattern && p.is_cached())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_is_registered_once_but_for_a_guarded_pair() {
        for (i, page) in PAGE_TYPES.iter().enumerate() {
            let same: Vec<&str> = PAGE_TYPES
                .iter()
                .filter(|p| p.pattern == page.pattern)
                .map(|p| p.name)
                .collect();
            assert!(
                same.len() == 1
                    || (page.pattern == urls::ROLES && same == ["finder", "roles_index"]),
                "{same:?} share {}",
                page.pattern
            );
            assert!(
                PAGE_TYPES[..i].iter().all(|p| p.name != page.name),
                "{} is registered twice",
                page.name
            );
        }
    }

    #[test]
    fn pages_of_the_site_have_examples_and_only_pages_are_listed() {
        for page in PAGE_TYPES {
            let exempt = matches!(
                page.instances,
                Instances::Probe | Instances::Assets | Instances::SitemapParts
            ) || page.body == Body::Asset;
            assert!(
                exempt || !page.examples.is_empty(),
                "{} has no example to snapshot",
                page.name
            );
            if page.in_sitemap {
                assert_eq!(page.body, Body::Html, "{}", page.name);
                assert!(page.is_cached(), "{}", page.name);
            }
        }
    }
}
