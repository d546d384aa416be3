//! `career-guide check`: every problem the server would find, as
//! `path:line:col: error|warning: message` with the offending line.
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use time::OffsetDateTime;

use crate::content::{self, Report};

pub fn run(content_dir: &Path, wage_data_dir: &Path, deny_warnings: bool) -> ExitCode {
    let today = OffsetDateTime::now_utc().date();
    let (site, mut report) = content::load(content_dir, today);
    let _ = wage_data_dir;
    report.sort();
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`check | head`) is not an error worth a panic.
    let _ = write!(stdout, "{report}");
    let _ = writeln!(stdout, "{}", summary(site.file_count, &report));
    let failed = report.has_errors() || (deny_warnings && report.warning_count() > 0);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
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
