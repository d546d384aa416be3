//! Pieces shared by every page's template.
pub mod chart;
mod crumb;
mod layout;
pub mod outlook;
mod pay;
pub mod structured_data;

pub use chart::PayChart;
pub use crumb::Crumb;
pub use layout::{Layout, SITE_NAME};
pub use outlook::OutlookView;
pub use pay::{
    BLS_MEDIAN_LABEL, CITATION, EDITOR_LABEL, PayView, StateOption, state_options, unit_of,
};

use crate::db::queries::RoleSummary;
use crate::format;

/// A role as lists and the sidebar show it.
pub struct RoleCard {
    pub slug: String,
    /// Where the card links: the role's page, with the reader's place
    /// when one is carried.
    pub href: String,
    pub title: String,
    pub summary: String,
    pub salary: String,
    pub draft: bool,
}

impl From<RoleSummary> for RoleCard {
    fn from(r: RoleSummary) -> Self {
        Self {
            salary: format::salary_range(r.salary_min, r.salary_max, &r.currency),
            href: crate::urls::role(&r.slug),
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            draft: r.draft,
        }
    }
}
