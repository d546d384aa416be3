//! BLS OEWS wage estimates (national, state and metro): parsing the CSV
//! release, loading it into SQLite and reading it back for pages (the pay
//! chart drawn from them is view code: `views::chart`).
//!
//! Start-up calls [`import_if_changed`] once; pages use the read functions
//! in [`store`]. The data is public domain; pages should cite
//! it as "U.S. Bureau of Labor Statistics, Occupational Employment and Wage
//! Statistics, May 2025".
use std::path::{Path, PathBuf};

pub mod metro;
pub mod parse;
pub mod postal;
pub mod soc_code;
pub mod store;

pub use soc_code::{SocCode, SocCodeError};
pub use store::{
    ImportOutcome, detailed_occupations, has_imported_data, import_if_changed, major_groups,
    occupation, occupations, salary_page_codes, state_areas, state_wage, state_wages,
    wage_import_hashes,
};

/// The reference date of the bundled release (May 2025 estimates): the
/// wage data's contribution to a page's `Last-Modified`.
pub const REFERENCE_DATE: time::Date = time::macros::date!(2025 - 05 - 31);

/// File names inside the data directory.
pub const NATIONAL_FILE: &str = "national.csv";
pub const STATES_FILE: &str = "states.csv";

/// Everything that can go wrong reading or importing the wage files.
///
/// Row-level variants carry the file and 1-based line so that a message
/// reads `data/oews-2025/states.csv:1234: column annual_median: "abc" is not
/// a number`. Underlying io/csv/sqlx errors are kept as `source()` and not
/// repeated in `Display` (print the chain, e.g. anyhow's `{:#}`, to see them).
#[derive(Debug, thiserror::Error)]
pub enum OewsError {
    #[error("cannot read {}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot read the CSV header", file.display())]
    HeaderUnreadable {
        file: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error("{}: the header lacks column(s) {}; expected {}", file.display(), missing.join(", "), expected.join(","))]
    HeaderMissing {
        file: PathBuf,
        missing: Vec<&'static str>,
        expected: &'static [&'static str],
    },
    #[error("{}:{line}: malformed CSV row", file.display())]
    Csv {
        file: PathBuf,
        line: u64,
        #[source]
        source: csv::Error,
    },
    #[error("{}:{line}: column {column}: {problem}", file.display())]
    Field {
        file: PathBuf,
        line: u64,
        column: &'static str,
        problem: String,
    },
    #[error("{}:{line}: {key} already appears on line {first_line}", file.display())]
    Duplicate {
        file: PathBuf,
        line: u64,
        first_line: u64,
        key: String,
    },
    #[error("SQLite error while importing OEWS wage data")]
    Database(#[from] sqlx::Error),
}

/// A row of national.csv, and of `oews_occupations`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Occupation {
    #[sqlx(try_from = "String")]
    pub soc_code: SocCode,
    pub title: String,
    /// 0 = total / major group, 1 = minor, 2 = broad, 3 = detailed.
    pub level: i64,
    pub employment: Option<i64>,
    pub annual_mean: Option<i64>,
    pub annual_p10: Option<i64>,
    pub annual_p25: Option<i64>,
    pub annual_median: Option<i64>,
    pub annual_p75: Option<i64>,
    pub annual_p90: Option<i64>,
    pub hourly_median: Option<f64>,
    pub hourly_p10: Option<f64>,
    pub hourly_p25: Option<f64>,
    pub hourly_p75: Option<f64>,
    pub hourly_p90: Option<f64>,
    /// BLS footnote codes, `;`-separated, e.g. `4` (reported hourly only).
    pub footnotes: String,
}

/// A state-level area that published an occupation's wages.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, sqlx::FromRow)]
pub struct StateArea {
    pub area_code: String,
    pub area_name: String,
}

/// A row of states.csv, and of `oews_state_wages`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StateWage {
    pub area_code: String,
    pub area_name: String,
    #[sqlx(try_from = "String")]
    pub soc_code: SocCode,
    pub employment: Option<i64>,
    pub annual_p10: Option<i64>,
    pub annual_p25: Option<i64>,
    pub annual_median: Option<i64>,
    pub annual_p75: Option<i64>,
    pub annual_p90: Option<i64>,
    pub hourly_p10: Option<f64>,
    pub hourly_p25: Option<f64>,
    pub hourly_median: Option<f64>,
    pub hourly_p75: Option<f64>,
    pub hourly_p90: Option<f64>,
    pub location_quotient: Option<f64>,
}

impl Occupation {
    /// Annual (p10, p25, median, p75, p90), the input of the pay chart.
    pub fn percentiles(&self) -> [Option<i64>; 5] {
        [
            self.annual_p10,
            self.annual_p25,
            self.annual_median,
            self.annual_p75,
            self.annual_p90,
        ]
    }

    /// Hourly (p10, p25, median, p75, p90) in cents.
    pub fn hourly_percentiles(&self) -> [Option<i64>; 5] {
        [
            self.hourly_p10,
            self.hourly_p25,
            self.hourly_median,
            self.hourly_p75,
            self.hourly_p90,
        ]
        .map(to_cents)
    }

    pub fn has_footnote(&self, code: &str) -> bool {
        self.footnotes.split(';').any(|c| c == code)
    }
}

impl StateWage {
    /// Annual (p10, p25, median, p75, p90), the input of the pay chart.
    pub fn percentiles(&self) -> [Option<i64>; 5] {
        [
            self.annual_p10,
            self.annual_p25,
            self.annual_median,
            self.annual_p75,
            self.annual_p90,
        ]
    }

    /// Hourly (p10, p25, median, p75, p90) in cents.
    pub fn hourly_percentiles(&self) -> [Option<i64>; 5] {
        [
            self.hourly_p10,
            self.hourly_p25,
            self.hourly_median,
            self.hourly_p75,
            self.hourly_p90,
        ]
        .map(to_cents)
    }
}

/// BLS hourly wages have two decimals; the chart works in whole cents.
fn to_cents(dollars: Option<f64>) -> Option<i64> {
    dollars.map(|d| (d * 100.0).round() as i64)
}

/// Both files, parsed and validated.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub national: Vec<Occupation>,
    pub states: Vec<StateWage>,
}

/// Reads and validates the national file alone: what `check` needs to
/// compare role salaries with, without parsing 37,000 state rows.
pub fn read_national(data_dir: &Path) -> Result<Vec<Occupation>, OewsError> {
    let path = data_dir.join(NATIONAL_FILE);
    parse::national(&path, &read(&path)?)
}

/// Reads and validates both files without touching a database.
pub fn read_dataset(data_dir: &Path) -> Result<Dataset, OewsError> {
    let national_path = data_dir.join(NATIONAL_FILE);
    let states_path = data_dir.join(STATES_FILE);
    let national = read(&national_path)?;
    let states = read(&states_path)?;
    Ok(Dataset {
        national: parse::national(&national_path, &national)?,
        states: parse::states(&states_path, &states)?,
    })
}

fn read(path: &Path) -> Result<Vec<u8>, OewsError> {
    std::fs::read(path).map_err(|source| OewsError::Read {
        file: path.to_owned(),
        source,
    })
}
