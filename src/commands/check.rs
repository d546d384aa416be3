//! `career-guide check`: every problem the server would find, as
//! `path:line:col: error|warning: message` with the offending line.
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use time::OffsetDateTime;

use crate::content::wage_checks::{self, WageBand};
use crate::content::{self, Diagnostic, Report, Severity};
use crate::content::{abbreviation_checks, outlook_checks};
use crate::datasets::oews::{self, OewsError};
use crate::datasets::projections::{self, Projection, ProjectionsError};

pub fn run(
    content_dir: &Path,
    wage_data_dir: &Path,
    projections_data_dir: &Path,
    options: Options,
) -> ExitCode {
    let Options {
        deny_warnings,
        coverage,
    } = options;
    let today = OffsetDateTime::now_utc().date();
    let (site, mut report) = content::load(content_dir, today);
    let mut coverage_report = None;
    let projections = match read_projections(projections_data_dir) {
        Ok(projections) => Some(projections),
        Err(e) => {
            report.push(Diagnostic::file_level(
                projections_data_dir,
                Severity::Warning,
                format!("outlook not compared with BLS projections: {e}"),
            ));
            None
        }
    };
    if let (true, Some(projections)) = (coverage, &projections) {
        coverage_report = Some(super::coverage::report(&site, projections));
    }
    let mut out = Vec::new();
    for role in site.role_facts() {
        match std::fs::read_to_string(&role.path) {
            Ok(text) => {
                abbreviation_checks::check(&role.path, &text, &mut out);
                if let Some(projections) = &projections {
                    outlook_checks::check(&role, &text, projections, &mut out);
                }
            }
            // Read a moment ago by the loader: only a file removed
            // meanwhile gets here, and the next run reports it.
            Err(e) => out.push(Diagnostic::file_level(
                &role.path,
                Severity::Warning,
                format!("prose not checked: {e}"),
            )),
        }
    }
    report.extend(out);
    match wage_bands(wage_data_dir) {
        Ok(bands) => {
            let mut out = Vec::new();
            wage_checks::check(&site.role_facts(), &bands, &mut out);
            report.extend(out);
        }
        Err(e) => report.push(Diagnostic::file_level(
            wage_data_dir,
            Severity::Warning,
            format!("salary ranges not compared with BLS wages: {e}"),
        )),
    }
    report.sort();
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`check | head`) is not an error worth a panic.
    let _ = write!(stdout, "{report}");
    let _ = writeln!(stdout, "{}", summary(site.file_count, &report));
    if let Some(text) = coverage_report {
        let _ = write!(stdout, "{text}");
    }
    let failed = report.has_errors() || (deny_warnings && report.warning_count() > 0);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// How `check` runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Exit with status 1 on warnings too.
    pub deny_warnings: bool,
    /// Print the library's coverage of the job market after the summary.
    pub coverage: bool,
}

/// BLS Employment Projections by SOC code.
pub fn read_projections(data_dir: &Path) -> Result<HashMap<String, Projection>, ProjectionsError> {
    let path = data_dir.join(projections::FILE);
    let bytes = std::fs::read(&path).map_err(|source| ProjectionsError::Read {
        file: path.clone(),
        source,
    })?;
    Ok(projections::parse::occupations(&path, &bytes)?
        .into_iter()
        .map(|p| (p.soc_code.to_string(), p))
        .collect())
}

/// The national 10th-90th percentile band of every occupation, by SOC code.
pub fn wage_bands(data_dir: &Path) -> Result<HashMap<String, WageBand>, OewsError> {
    Ok(oews::read_national(data_dir)?
        .into_iter()
        .map(|o| {
            let band = WageBand {
                title: o.title,
                p10: o.annual_p10,
                p90: o.annual_p90,
            };
            (o.soc_code.to_string(), band)
        })
        .collect())
}

/// `checked 57 files: 0 errors, 2 warnings`.
pub fn summary(files: usize, report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {}: {}, {}",
        plural(files, "file"),
        plural(report.error_count(), "error"),
        plural(report.warning_count(), "warning")
    )
}
