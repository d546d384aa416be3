//! The BLS projection as pages show it: the outlook beside the prose of a
//! role's "Career outlook", the entry facts beside its "Qualifications",
//! and both on occupation pages.
use crate::datasets::projections::{self, Outlook, Projection};

/// One occupation's projection with what the page says about it.
pub struct OutlookView {
    pub projection: Projection,
    pub outlook: Outlook,
    /// Set when the figures are a related occupation's, not the role's own:
    /// that occupation's title, which the page names.
    pub related_occupation: Option<String>,
}

impl OutlookView {
    /// `related` says whether the role borrows another occupation's figures.
    pub fn new(projection: Projection, related: bool) -> Self {
        Self {
            outlook: projection.outlook(),
            related_occupation: related.then(|| projection.title.clone()),
            projection,
        }
    }

    /// "+3.1%": the average every figure is read against.
    pub fn average(&self) -> String {
        projections::outlook::signed_percent(projections::ALL_OCCUPATIONS_CHANGE)
    }

    pub fn education(&self) -> &'static str {
        self.projection.education.bls_name()
    }

    pub fn experience(&self) -> &'static str {
        self.projection.experience.label()
    }

    pub fn training(&self) -> &'static str {
        self.projection.training.label()
    }
}

/// How pages cite the projections.
pub const CITATION: &str = projections::CITATION;
pub const SOURCE_URL: &str = projections::SOURCE_URL;
