//! Editorial checks of salary ranges against measured BLS wages: warnings,
//! since an editor may know better than a national average, but should look.
use std::collections::HashMap;

use super::diagnostics::Diagnostic;
use super::facts::RoleFacts;
use crate::format;

/// The annual 10th-90th percentile band of one occupation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WageBand {
    pub title: String,
    pub p10: Option<i64>,
    pub p90: Option<i64>,
}

/// Warns for each role whose `soc_code` is not in `bands`, or whose salary
/// range leaves the occupation's 10th-90th percentile band.
pub fn check<'a>(
    roles: impl IntoIterator<Item = &'a RoleFacts>,
    bands: &HashMap<String, WageBand>,
    out: &mut Vec<Diagnostic>,
) {
    for role in roles {
        let (Some(code), Some(anchor)) = (&role.soc_code, &role.anchors.soc_code) else {
            continue;
        };
        let Some(band) = bands.get(code.as_str()) else {
            out.push(anchor.warning(format!("SOC code {code} is not in the BLS OEWS data")));
            continue;
        };
        let (Some(p10), Some(p90)) = (band.p10, band.p90) else {
            continue;
        };
        let (min, max) = (i64::from(role.salary.min), i64::from(role.salary.max));
        if role.salary.currency == "USD" && (min < p10 || max > p90) {
            out.push(role.anchors.salary.warning(format!(
                "salary range {} is outside the BLS 10th-90th percentile band {} for {code} ({})",
                format::salary_range(min, max, "USD"),
                format::salary_range(p10, p90, "USD"),
                band.title
            )));
        }
    }
}
