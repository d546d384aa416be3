//! One step of a page's breadcrumb trail.

/// A breadcrumb step; the last one is the current page.
#[derive(Clone)]
pub struct Crumb {
    pub name: String,
    pub path: String,
}

impl Crumb {
    pub fn new(name: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            path: path.into(),
        }
    }
}
