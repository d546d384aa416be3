//! national.csv / states.csv -> [`Occupation`] / [`StateWage`].
//!
//! serde maps columns by header name into borrowed `&str`s; the conversion to
//! numbers is done here by hand so every error can name the column (csv's own
//! deserialize errors only give a field index). Each file is validated as a
//! whole, including numeric columns that are not stored, so that a release
//! with `#` (top-coded) or `*` (not released) markers is rejected loudly
//! instead of being half understood.
use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::{Occupation, OewsError, SocCode, StateWage};

/// Columns of states.csv, as documented in data/oews-2025/README.md.
pub const STATE_COLUMNS: &[&str] = &[
    "area_code",
    "area_name",
    "soc_code",
    "occupation",
    "level",
    "employment",
    "employment_rse",
    "hourly_mean",
    "annual_mean",
    "wage_rse",
    "hourly_p10",
    "hourly_p25",
    "hourly_median",
    "hourly_p75",
    "hourly_p90",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
    "jobs_per_1000",
    "location_quotient",
    "footnotes",
];

/// Columns of national.csv: the same without the area.
pub const NATIONAL_COLUMNS: &[&str] = STATE_COLUMNS.split_at(2).1;

/// One CSV row as text. Both files share it; the area columns default to ""
/// for national.csv (the header check guarantees them for states.csv).
#[derive(Deserialize)]
struct RawRow<'a> {
    #[serde(default)]
    area_code: &'a str,
    #[serde(default)]
    area_name: &'a str,
    soc_code: &'a str,
    occupation: &'a str,
    level: &'a str,
    employment: &'a str,
    employment_rse: &'a str,
    hourly_mean: &'a str,
    annual_mean: &'a str,
    wage_rse: &'a str,
    hourly_p10: &'a str,
    hourly_p25: &'a str,
    hourly_median: &'a str,
    hourly_p75: &'a str,
    hourly_p90: &'a str,
    annual_p10: &'a str,
    annual_p25: &'a str,
    annual_median: &'a str,
    annual_p75: &'a str,
    annual_p90: &'a str,
    jobs_per_1000: &'a str,
    location_quotient: &'a str,
    footnotes: &'a str,
}

/// Parses national.csv; `file` only labels errors.
pub fn national(file: &Path, bytes: &[u8]) -> Result<Vec<Occupation>, OewsError> {
    let mut out = Vec::new();
    let mut seen: HashMap<SocCode, u64> = HashMap::new();
    for_each_row(file, bytes, NATIONAL_COLUMNS, |at, raw| {
        let row = Occupation {
            soc_code: at.soc_code(raw.soc_code)?,
            title: at.text("occupation", raw.occupation)?,
            level: at.level(raw.level)?,
            employment: at.int("employment", raw.employment)?,
            annual_mean: at.int("annual_mean", raw.annual_mean)?,
            annual_p10: at.int("annual_p10", raw.annual_p10)?,
            annual_p25: at.int("annual_p25", raw.annual_p25)?,
            annual_median: at.int("annual_median", raw.annual_median)?,
            annual_p75: at.int("annual_p75", raw.annual_p75)?,
            annual_p90: at.int("annual_p90", raw.annual_p90)?,
            hourly_median: at.real("hourly_median", raw.hourly_median)?,
            hourly_p10: at.real("hourly_p10", raw.hourly_p10)?,
            hourly_p25: at.real("hourly_p25", raw.hourly_p25)?,
            hourly_p75: at.real("hourly_p75", raw.hourly_p75)?,
            hourly_p90: at.real("hourly_p90", raw.hourly_p90)?,
            footnotes: raw.footnotes.trim().to_owned(),
        };
        at.check_unstored(&raw)?;
        if let Some(first_line) = seen.insert(row.soc_code.clone(), at.line) {
            return Err(at.duplicate(first_line, format!("SOC code {}", row.soc_code)));
        }
        out.push(row);
        Ok(())
    })?;
    Ok(out)
}

/// Parses states.csv; `file` only labels errors.
pub fn states(file: &Path, bytes: &[u8]) -> Result<Vec<StateWage>, OewsError> {
    let mut out = Vec::new();
    let mut seen: HashMap<(SocCode, String), u64> = HashMap::new();
    area_rows(file, bytes, |at, row| {
        let key = (row.soc_code.clone(), row.area_code.clone());
        if let Some(first_line) = seen.insert(key, at.line) {
            let what = format!("SOC code {} in area {}", row.soc_code, row.area_code);
            return Err(at.duplicate(first_line, what));
        }
        out.push(row);
        Ok(())
    })?;
    Ok(out)
}

/// Parses a file of area rows (the columns of states.csv) from `reader`,
/// handing each validated row to `f` with where it stands; `f` checks for
/// repeats. The metro file streams through here without being held whole.
pub fn area_rows(
    file: &Path,
    reader: impl std::io::Read,
    mut f: impl FnMut(&At<'_>, StateWage) -> Result<(), OewsError>,
) -> Result<(), OewsError> {
    for_each_row(file, reader, STATE_COLUMNS, |at, raw| {
        let row = StateWage {
            area_code: at.text("area_code", raw.area_code)?,
            area_name: at.text("area_name", raw.area_name)?,
            soc_code: at.soc_code(raw.soc_code)?,
            employment: at.int("employment", raw.employment)?,
            annual_p10: at.int("annual_p10", raw.annual_p10)?,
            annual_p25: at.int("annual_p25", raw.annual_p25)?,
            annual_median: at.int("annual_median", raw.annual_median)?,
            annual_p75: at.int("annual_p75", raw.annual_p75)?,
            annual_p90: at.int("annual_p90", raw.annual_p90)?,
            hourly_p10: at.real("hourly_p10", raw.hourly_p10)?,
            hourly_p25: at.real("hourly_p25", raw.hourly_p25)?,
            hourly_median: at.real("hourly_median", raw.hourly_median)?,
            hourly_p75: at.real("hourly_p75", raw.hourly_p75)?,
            hourly_p90: at.real("hourly_p90", raw.hourly_p90)?,
            location_quotient: at.real("location_quotient", raw.location_quotient)?,
        };
        at.text("occupation", raw.occupation)?;
        at.level(raw.level)?;
        at.check_unstored(&raw)?;
        f(at, row)
    })
}

fn for_each_row(
    file: &Path,
    bytes: impl std::io::Read,
    expected: &'static [&'static str],
    mut f: impl FnMut(&At<'_>, RawRow<'_>) -> Result<(), OewsError>,
) -> Result<(), OewsError> {
    // Fields are trimmed by the helpers below, as `&str` slices: csv's
    // `Trim::All` rebuilds every record and costs more than the parse.
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::Headers)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|source| OewsError::HeaderUnreadable {
            file: file.to_owned(),
            source,
        })?
        .clone();
    let missing: Vec<&'static str> = expected
        .iter()
        .copied()
        .filter(|column| !headers.iter().any(|h| h == *column))
        .collect();
    if !missing.is_empty() {
        return Err(OewsError::HeaderMissing {
            file: file.to_owned(),
            missing,
            expected,
        });
    }

    let mut record = csv::StringRecord::new();
    loop {
        // A read error (bad UTF-8, wrong field count) carries its own line;
        // fall back to where the reader stopped.
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(source) => {
                let line = match source.position() {
                    Some(pos) => pos.line(),
                    None => reader.position().line(),
                };
                return Err(csv_error(file, line, source));
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        let raw: RawRow<'_> = record
            .deserialize(Some(&headers))
            .map_err(|source| csv_error(file, line, source))?;
        f(&At { file, line }, raw)?;
    }
}

fn csv_error(file: &Path, line: u64, source: csv::Error) -> OewsError {
    OewsError::Csv {
        file: file.to_owned(),
        line,
        source,
    }
}

/// Where a row is: every conversion error is reported from here.
pub struct At<'f> {
    file: &'f Path,
    pub line: u64,
}

impl At<'_> {
    fn field_error(&self, column: &'static str, problem: String) -> OewsError {
        OewsError::Field {
            file: self.file.to_owned(),
            line: self.line,
            column,
            problem,
        }
    }

    pub fn duplicate(&self, first_line: u64, key: String) -> OewsError {
        OewsError::Duplicate {
            file: self.file.to_owned(),
            line: self.line,
            first_line,
            key,
        }
    }

    fn soc_code(&self, value: &str) -> Result<SocCode, OewsError> {
        let value = value.trim();
        SocCode::parse(value).map_err(|e| self.field_error("soc_code", e.to_string()))
    }

    fn level(&self, value: &str) -> Result<i64, OewsError> {
        let value = value.trim();
        match value.parse::<i64>() {
            Ok(level @ 0..=3) => Ok(level),
            _ => Err(self.field_error("level", format!("{value:?} is not a level 0 to 3"))),
        }
    }

    fn text(&self, column: &'static str, value: &str) -> Result<String, OewsError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(self.field_error(column, "is empty".to_owned()));
        }
        Ok(value.to_owned())
    }

    /// A whole, non-negative number; `-` (not published) and empty (not
    /// applicable) are `None`, never 0.
    fn int(&self, column: &'static str, value: &str) -> Result<Option<i64>, OewsError> {
        let value = value.trim();
        if not_published(value) {
            return Ok(None);
        }
        match value.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(Some(n)),
            Ok(_) => Err(self.field_error(column, format!("{value:?} is negative"))),
            Err(_) if self.real(column, value).is_ok() => {
                Err(self.field_error(column, format!("{value:?} is not a whole number")))
            }
            Err(_) => Err(self.not_a_number(column, value)),
        }
    }

    /// A finite, non-negative decimal; `-` and empty are `None`.
    fn real(&self, column: &'static str, value: &str) -> Result<Option<f64>, OewsError> {
        let value = value.trim();
        if not_published(value) {
            return Ok(None);
        }
        // `f64::from_str` accepts "NaN" and "inf"; neither is a figure.
        match value.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
            Ok(x) if x.is_finite() => {
                Err(self.field_error(column, format!("{value:?} is negative")))
            }
            _ => Err(self.not_a_number(column, value)),
        }
    }

    fn not_a_number(&self, column: &'static str, value: &str) -> OewsError {
        self.field_error(column, format!("{value:?} is not a number"))
    }

    /// Validates the numeric columns that are not stored, so that a marker
    /// such as `#` anywhere in the row is reported rather than ignored.
    fn check_unstored(&self, raw: &RawRow<'_>) -> Result<(), OewsError> {
        let decimals = [
            ("employment_rse", raw.employment_rse),
            ("hourly_mean", raw.hourly_mean),
            ("wage_rse", raw.wage_rse),
            ("jobs_per_1000", raw.jobs_per_1000),
            ("location_quotient", raw.location_quotient),
        ];
        for (column, value) in decimals {
            self.real(column, value)?;
        }
        Ok(())
    }
}

fn not_published(value: &str) -> bool {
    value.is_empty() || value == "-"
}

#[cfg(test)]
mod tests;
