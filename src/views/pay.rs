//! The BLS pay block: chart geometry plus the figures its text equivalent needs.
use crate::format;
use crate::oews::{Occupation, PayChart};

/// Width of the chart in SVG user units; it scales to the page width.
const CHART_WIDTH: u32 = 640;

pub const CITATION: &str = "U.S. Bureau of Labor Statistics, OEWS, May 2025";

pub struct PayView {
    pub chart: PayChart,
    pub soc_code: String,
    /// The BLS occupation title, e.g. "Software Developers".
    pub occupation: String,
    /// e.g. "1,654,440", or None when not published.
    pub employment: Option<String>,
    /// What the editor's bar stands for, e.g. "Typical range on this page".
    pub editor_label: Option<String>,
}

impl PayView {
    /// `editor` is the profile's salary range, drawn on the same scale.
    pub fn new(occupation: &Occupation, editor: Option<(i64, i64)>) -> Option<Self> {
        let chart = PayChart::new(occupation.percentiles(), editor, CHART_WIDTH)?;
        Some(Self {
            chart,
            soc_code: occupation.soc_code.to_string(),
            occupation: occupation.title.clone(),
            employment: occupation.employment.map(format::thousands),
            editor_label: editor.map(|_| "Typical range in this profile".to_owned()),
        })
    }
}
