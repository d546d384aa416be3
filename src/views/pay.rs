//! The BLS pay block: chart geometry plus the figures its text equivalent
//! and its tables need, nationally and, when a reader picks one, for a state.
use crate::datasets::oews::postal;
use crate::datasets::oews::{Occupation, StateArea, StateWage};
use crate::format;
use crate::views::PayChart;
use crate::views::chart::{Series, Unit};

pub const CITATION: &str =
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025";

/// The words every page uses for the two kinds of salary figure.
pub const EDITOR_LABEL: &str = "Typical range (editor's estimate)";
pub const BLS_MEDIAN_LABEL: &str = "BLS median";

pub struct PayView {
    pub chart: PayChart,
    /// Annual, or hourly for occupations BLS publishes only hourly.
    pub unit: Unit,
    pub soc_code: String,
    /// The BLS occupation title, e.g. "Software Developers".
    pub occupation: String,
    /// e.g. "1,654,440", or None when not published.
    pub employment: Option<String>,
    /// One line per percentile: the national figure and the chosen state's.
    pub rows: Vec<PercentileRow>,
    /// The state the reader chose, if any.
    pub state: Option<StateFigures>,
}

pub struct PercentileRow {
    pub name: &'static str,
    pub national: String,
    pub state: Option<String>,
    /// The hourly equivalents BLS publishes beside annual figures.
    pub national_hourly: Option<String>,
    pub state_hourly: Option<String>,
}

pub struct StateFigures {
    pub name: String,
    pub postal: &'static str,
    /// e.g. "$98,000", or None when BLS publishes no median there.
    pub median: Option<String>,
    /// e.g. "12% above the national median".
    pub relative: Option<String>,
    pub employment: Option<String>,
}

/// A state a reader can pick: its postal code and name.
pub struct StateOption {
    pub postal: &'static str,
    pub name: String,
    pub selected: bool,
}

impl PayView {
    /// `editor` is the profile's annual salary range, drawn on the same
    /// scale (hourly charts leave it out: the units differ). `state` adds
    /// that state's figures beside the national ones.
    pub fn new(
        occupation: &Occupation,
        editor: Option<(i64, i64)>,
        state: Option<&StateWage>,
    ) -> Option<Self> {
        let unit = unit_of(occupation)?;
        let national = match unit {
            Unit::Annual => occupation.percentiles(),
            Unit::Hourly => occupation.hourly_percentiles(),
        };
        let state_values = state.map(|s| match unit {
            Unit::Annual => s.percentiles(),
            Unit::Hourly => s.hourly_percentiles(),
        });
        let mut series = vec![Series {
            title: "BLS, United States".to_owned(),
            percentiles: national,
        }];
        if let (Some(s), Some(values)) = (state, state_values) {
            series.push(Series {
                title: format!("BLS, {}", s.area_name),
                percentiles: values,
            });
        }
        let editor = editor.filter(|_| unit == Unit::Annual);
        let chart = PayChart::new(unit, series, editor)?;

        let figure =
            |v: Option<i64>| v.map_or_else(|| "not published".to_owned(), |v| unit.exact(v));
        let names = [
            "10th percentile",
            "25th percentile",
            BLS_MEDIAN_LABEL,
            "75th percentile",
            "90th percentile",
        ];
        // Most of these jobs are paid by the hour: beside annual figures,
        // the hourly ones BLS publishes for the same percentiles.
        let national_hourly = (unit == Unit::Annual).then(|| occupation.hourly_percentiles());
        let state_hourly = state
            .filter(|_| unit == Unit::Annual)
            .map(StateWage::hourly_percentiles);
        let hour = |v: Option<i64>| v.map(|c| format!("{} an hour", format::cents(c)));
        let rows = names
            .iter()
            .enumerate()
            .map(|(i, name)| PercentileRow {
                name,
                national: figure(national[i]),
                state: state_values.map(|v| figure(v[i])),
                national_hourly: national_hourly.and_then(|v| hour(v[i])),
                state_hourly: state_hourly.and_then(|v| hour(v[i])),
            })
            .collect();
        let state = state.map(|s| {
            let median = state_values.and_then(|v| v[2]);
            StateFigures {
                name: s.area_name.clone(),
                postal: postal::postal_code(&s.area_code).unwrap_or_default(),
                median: median.map(|m| unit.exact(m)),
                relative: median
                    .zip(national[2])
                    .map(|(m, n)| format!("{} the national median", format::relative(m, n))),
                employment: s.employment.map(format::thousands),
            }
        });
        Some(Self {
            chart,
            unit,
            soc_code: occupation.soc_code.to_string(),
            occupation: occupation.title.clone(),
            employment: occupation.employment.map(format::thousands),
            rows,
            state,
        })
    }

    /// True for occupations BLS publishes only as hourly wages.
    pub fn is_hourly(&self) -> bool {
        self.unit == Unit::Hourly
    }

    /// e.g. "$135,980 a year ($65.38 an hour)" or "$29.05 an hour".
    pub fn median_text(&self) -> String {
        let hourly = self
            .rows
            .get(2)
            .and_then(|r| r.national_hourly.as_deref())
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        format!("{} {}{hourly}", self.chart.median.exact, self.unit.per())
    }
}

/// Annual when BLS publishes an annual median; hourly when it publishes
/// only hourly wages (performers paid by the engagement); else nothing.
pub fn unit_of(occupation: &Occupation) -> Option<Unit> {
    if occupation.annual_median.is_some() {
        Some(Unit::Annual)
    } else if occupation.hourly_median.is_some() {
        Some(Unit::Hourly)
    } else {
        None
    }
}

/// The states that publish `wages`, for the state picker, by name.
pub fn state_options(areas: &[StateArea], chosen: Option<&str>) -> Vec<StateOption> {
    areas
        .iter()
        .filter_map(|a| {
            let postal = postal::postal_code(&a.area_code)?;
            Some(StateOption {
                postal,
                name: a.area_name.clone(),
                selected: chosen == Some(postal),
            })
        })
        .collect()
}
