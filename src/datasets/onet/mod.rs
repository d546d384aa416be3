//! O*NET 30.1 importance ratings (1-5) of 35 skills and 41 generalized work
//! activities for each occupation: parsed and imported here (only when its
//! files change) and read back whole for the career-moves computation
//! (`crate::moves`).
//!
//! CC BY 4.0: every page that uses the ratings carries [`ATTRIBUTION`].
pub mod parse;
pub mod store;

pub use store::{
    ImportOutcome, elements, has_imported_data, import_hashes, import_if_changed, ratings,
};

use std::path::PathBuf;

pub const ELEMENTS_FILE: &str = "elements.csv";
pub const IMPORTANCE_FILE: &str = "importance.csv";

/// The attribution the license asks of every page that uses the data.
pub const ATTRIBUTION: &str = "This site includes information from the O*NET 30.1 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET is a trademark of USDOL/ETA.";
pub const ATTRIBUTION_URL: &str = "https://www.onetcenter.org/database.html";

/// One rated dimension.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Element {
    /// O*NET's id, e.g. `2.A.1.a`.
    pub element_id: String,
    /// e.g. "Reading Comprehension".
    pub name: String,
    /// `skill` or `work_activity`.
    pub kind: String,
}

/// One occupation's ratings, in the order of the elements.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings {
    /// As O*NET keeps it: usually the OEWS code, sometimes a more detailed one.
    pub soc_code: String,
    pub title: String,
    pub importance: Vec<f64>,
}

/// Everything that can go wrong reading or importing the files; row-level
/// variants name the file, the 1-based line and the column.
#[derive(Debug, thiserror::Error)]
pub enum OnetError {
    #[error("cannot read {}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
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
        column: String,
        problem: String,
    },
    #[error("SQLite error while importing O*NET ratings")]
    Database(#[from] sqlx::Error),
}
