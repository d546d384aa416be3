use super::Crumb;
use super::structured_data::{self, PageFacts};
use crate::assets;
use crate::state::AppState;
use crate::urls;

/// What `base.html` needs from every page: head metadata and site chrome.
pub struct Layout {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub og_type: &'static str,
    pub og_image: String,
    pub noindex: bool,
    pub css: String,
    pub icon: String,
    pub breadcrumbs: Vec<Crumb>,
    /// Serialized JSON-LD, already escaped for a `<script>` element.
    pub json_ld: Option<String>,
    /// Feeds to advertise with `<link rel=alternate>`: (title, path).
    pub feeds: Vec<(String, String)>,
    /// The page's facts as JSON (`<link rel=alternate type=application/json>`).
    pub json_alternate: Option<String>,
    /// Editor preview: show content errors and reload on change.
    pub preview: bool,
    pub preview_errors: Vec<String>,
    /// Whether the page is a document of its own address, with a
    /// description, canonical link and sharing cards. Error pages answer at
    /// any address and have none of these.
    pub shareable: bool,
    /// A class on `<body>` for page types styled as a whole.
    pub body_class: Option<&'static str>,
}

pub const SITE_NAME: &str = "career-guide";

impl Layout {
    /// The page as its structured data describes it.
    pub fn facts(&self) -> PageFacts<'_> {
        PageFacts {
            canonical: &self.canonical,
            title: &self.title,
            description: &self.description,
            breadcrumbs: &self.breadcrumbs,
        }
    }

    pub fn new(
        state: &AppState,
        path: &str,
        title: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        let preview_errors = if state.settings.watch {
            state
                .preview
                .errors
                .read()
                .map(|r| {
                    r.as_ref().map(|r| {
                        r.diagnostics
                            .iter()
                            .filter(|d| d.is_error())
                            .map(|d| d.to_string())
                            .collect()
                    })
                })
                .ok()
                .flatten()
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        Self {
            title: title.into(),
            description: description.into(),
            canonical: state.base_url.join(path),
            og_type: "website",
            og_image: state.base_url.join(&state.assets.url("og-image.png")),
            noindex: false,
            css: state.assets.url("style.css"),
            icon: state.assets.url("icon.svg"),
            breadcrumbs: Vec::new(),
            json_ld: None,
            feeds: vec![("All roles".into(), urls::SITE_FEED.into())],
            json_alternate: None,
            preview: state.settings.watch,
            preview_errors,
            shareable: true,
            body_class: None,
        }
    }

    /// An error page's layout. It needs no app state, because middleware
    /// answers some errors before any handler runs; the asset names come
    /// from the shared assets.
    pub fn error(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: String::new(),
            canonical: String::new(),
            og_type: "website",
            og_image: String::new(),
            noindex: true,
            css: assets::url("style.css"),
            icon: assets::url("icon.svg"),
            breadcrumbs: Vec::new(),
            json_ld: None,
            feeds: Vec::new(),
            json_alternate: None,
            preview: false,
            preview_errors: Vec::new(),
            shareable: false,
            body_class: Some("error-page"),
        }
    }

    pub fn with_breadcrumbs(mut self, crumbs: Vec<Crumb>) -> Self {
        self.breadcrumbs = crumbs;
        self
    }

    /// Open Graph type: `website` unless set (`article` for profiles).
    pub fn og_type(mut self, og_type: &'static str) -> Self {
        self.og_type = og_type;
        self
    }

    /// Keeps the page out of search indexes (drafts, re-ordered copies).
    pub fn noindex(mut self, noindex: bool) -> Self {
        self.noindex = noindex;
        self
    }

    /// A list page: its JSON-LD is a `CollectionPage` of `items` (name,
    /// path), in the order the page shows them.
    pub fn listing<'a>(
        mut self,
        items: impl Iterator<Item = (&'a str, String)>,
        base: &crate::config::BaseUrl,
    ) -> Self {
        self.json_ld = Some(structured_data::collection_page(&self.facts(), items, base));
        self
    }

    /// Advertises one more feed beside the site's own.
    pub fn feed(mut self, title: impl Into<String>, path: impl Into<String>) -> Self {
        self.feeds.push((title.into(), path.into()));
        self
    }
}
