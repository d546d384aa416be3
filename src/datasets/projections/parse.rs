//! occupations.csv -> [`Projection`]s. Every column is checked, including
//! the ones not stored, so a changed release is rejected loudly rather than
//! half understood; each error names file, line and column.
use std::collections::HashMap;
use std::path::Path;

use super::{Projection, ProjectionsError};
use crate::datasets::oews::SocCode;
use crate::domain::{EducationLevel, Training, WorkExperience};

/// Columns of occupations.csv, as documented in data/bls-ep-2024-34/README.md.
pub const COLUMNS: &[&str] = &[
    "soc_code",
    "title",
    "employment_2024_thousands",
    "employment_2034_thousands",
    "change_thousands",
    "change_percent",
    "annual_openings_thousands",
    "median_annual_wage_may2024",
    "typical_education",
    "work_experience",
    "typical_training",
];

/// Parses the whole file; `file` only labels errors.
pub fn occupations(file: &Path, bytes: &[u8]) -> Result<Vec<Projection>, ProjectionsError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|source| ProjectionsError::Csv {
            file: file.to_owned(),
            line: 1,
            source,
        })?
        .clone();
    let index: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h, i)).collect();
    let missing: Vec<&'static str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !index.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(ProjectionsError::HeaderMissing {
            file: file.to_owned(),
            missing,
            expected: COLUMNS,
        });
    }

    let mut rows = Vec::new();
    let mut seen: HashMap<SocCode, u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|source| ProjectionsError::Csv {
            file: file.to_owned(),
            line: source.position().map_or(0, |p| p.line()),
            source,
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let row = Row {
            file,
            line,
            record: &record,
            index: &index,
        };
        let soc_code = SocCode::parse(row.text("soc_code")?)
            .map_err(|e| row.problem("soc_code", e.to_string()))?;
        if let Some(first_line) = seen.insert(soc_code.clone(), line) {
            return Err(ProjectionsError::Duplicate {
                file: file.to_owned(),
                line,
                first_line,
                key: format!("SOC code {soc_code}"),
            });
        }
        let title = row.text("title")?;
        if title.is_empty() {
            return Err(row.problem("title", "is empty".into()));
        }
        let employment_2024 = row.thousands("employment_2024_thousands")?;
        let employment_2034 = row.thousands("employment_2034_thousands")?;
        row.number("change_thousands")?;
        let change_percent = row.number("change_percent")?;
        let annual_openings = row.thousands("annual_openings_thousands")?;
        // Not stored (pages show OEWS May 2025), but it must be a wage or empty.
        if !row.text("median_annual_wage_may2024")?.is_empty() {
            row.number("median_annual_wage_may2024")?;
        }
        let education = row.vocabulary(
            "typical_education",
            EducationLevel::from_bls,
            EducationLevel::ALL.iter().map(|l| l.bls_name()),
        )?;
        let experience = row.vocabulary(
            "work_experience",
            WorkExperience::from_bls,
            ["None", "Less than 5 years", "5 years or more"],
        )?;
        let training = row.vocabulary(
            "typical_training",
            Training::from_bls,
            [
                "None",
                "Short-term on-the-job training",
                "Moderate-term on-the-job training",
                "Long-term on-the-job training",
                "Apprenticeship",
                "Internship/residency",
            ],
        )?;
        rows.push(Projection {
            soc_code,
            title: title.to_owned(),
            employment_2024,
            employment_2034,
            change_percent,
            annual_openings,
            education,
            experience,
            training,
        });
    }
    Ok(rows)
}

/// One record and where it stands, for messages that name the column.
struct Row<'a> {
    file: &'a Path,
    line: u64,
    record: &'a csv::StringRecord,
    index: &'a HashMap<&'a str, usize>,
}

impl Row<'_> {
    fn problem(&self, column: &'static str, problem: String) -> ProjectionsError {
        ProjectionsError::Field {
            file: self.file.to_owned(),
            line: self.line,
            column,
            problem,
        }
    }

    fn text(&self, column: &'static str) -> Result<&str, ProjectionsError> {
        self.index
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map(str::trim)
            .ok_or_else(|| self.problem(column, "is missing from this row".into()))
    }

    fn number(&self, column: &'static str) -> Result<f64, ProjectionsError> {
        let text = self.text(column)?;
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(self.problem(column, format!("{text:?} is not a number"))),
        }
    }

    /// A count published in thousands (`309.4`), as a whole number of jobs.
    fn thousands(&self, column: &'static str) -> Result<i64, ProjectionsError> {
        let n = self.number(column)?;
        if n < 0.0 {
            return Err(self.problem(column, format!("{n} is negative")));
        }
        Ok((n * 1000.0).round() as i64)
    }

    fn vocabulary<T>(
        &self,
        column: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        expected: impl IntoIterator<Item = &'static str>,
    ) -> Result<T, ProjectionsError> {
        let text = self.text(column)?;
        parse(text).ok_or_else(|| {
            let expected: Vec<&str> = expected.into_iter().collect();
            self.problem(
                column,
                format!("{text:?} is not one of: {}", expected.join("; ")),
            )
        })
    }
}

#[cfg(test)]
mod tests;
