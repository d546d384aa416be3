//! BLS Employment Projections 2024-34 (Table 1.2): for each detailed
//! occupation the projected change in jobs, the openings a year, and the
//! typical entry education, related work experience and on-the-job
//! training. Parsed and imported here (only when the file changes), read
//! back for pages, and turned into the phrases and facts pages show
//! ([`outlook`]).
//!
//! Public domain; pages cite it as [`CITATION`].
use std::path::PathBuf;

pub mod outlook;
pub mod parse;
pub mod store;

pub use outlook::{Outlook, OutlookBand, TimeToQualify};
pub use store::{
    ImportOutcome, all, has_imported_data, import_hashes, import_if_changed, of_codes, projection,
};

use crate::datasets::oews::SocCode;
use crate::domain::{EducationLevel, Training, WorkExperience};

/// The file inside the data directory.
pub const FILE: &str = "occupations.csv";

/// Projected change of all occupations together, 2024-34, in percent: the
/// average every figure is read against.
pub const ALL_OCCUPATIONS_CHANGE: f64 = 3.1;

/// How pages cite the data.
pub const CITATION: &str = "U.S. Bureau of Labor Statistics, Employment Projections 2024-34";

/// The published table the file reproduces.
pub const SOURCE_URL: &str =
    "https://www.bls.gov/emp/tables/occupational-projections-and-characteristics.htm";

/// The release date of the 2024-34 projections: their contribution to a
/// page's `Last-Modified`.
pub const RELEASE_DATE: time::Date = time::macros::date!(2025 - 08 - 28);

/// One occupation's row, as stored in `ep_projections`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Projection {
    #[sqlx(try_from = "String")]
    pub soc_code: SocCode,
    /// The matrix title (sentence case: "Software developers").
    pub title: String,
    /// Jobs in 2024 and projected for 2034.
    pub employment_2024: i64,
    pub employment_2034: i64,
    /// Projected change 2024-34, percent, one decimal as BLS publishes it.
    pub change_percent: f64,
    /// Average openings a year 2024-34: growth plus replacement.
    pub annual_openings: i64,
    pub education: EducationLevel,
    pub experience: WorkExperience,
    pub training: Training,
}

impl Projection {
    /// The phrases and facts pages show for this row.
    pub fn outlook(&self) -> Outlook {
        Outlook::of(self)
    }
}

/// Everything that can go wrong reading or importing the file. Row-level
/// variants name the file, the 1-based line and the column.
#[derive(Debug, thiserror::Error)]
pub enum ProjectionsError {
    #[error("cannot read {}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
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
    #[error("SQLite error while importing the employment projections")]
    Database(#[from] sqlx::Error),
}
