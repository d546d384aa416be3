//! Problems found in content files, reported the way rustc reports code errors:
//! `path:line:col: error: message`, the offending line, and a caret under it.
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file. `line` and `col` are 1-based; `col` counts characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
    /// The text of the offending line and how many characters the caret covers.
    pub snippet: Option<(String, usize)>,
}

impl Diagnostic {
    /// A problem with a file (or directory) as a whole: reported at 1:1,
    /// with no snippet.
    pub fn file_level(path: &std::path::Path, severity: Severity, message: String) -> Self {
        Self {
            path: path.to_owned(),
            line: 1,
            col: 1,
            severity,
            message,
            snippet: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form, without the snippet: `path:line:col: error: message`.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.severity,
            self.message
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some((text, width)) = &self.snippet {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {text}")?;
            let pad = " ".repeat(self.col.saturating_sub(1));
            writeln!(f, "{gutter} | {pad}{}", "^".repeat((*width).max(1)))?;
        }
        Ok(())
    }
}

/// A content file's text, able to turn byte offsets into line and column.
pub struct SourceFile<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Self { path, text }
    }

    /// A diagnostic pointing at `span` (byte offsets into the whole file).
    pub fn at(
        &self,
        span: Range<usize>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line = self.text[..start].matches('\n').count() + 1;
        let col = self.text[line_start..start].chars().count() + 1;
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let end = floor_char_boundary(self.text, span.end.clamp(start, line_end));
        let width = self.text[start..end].chars().count();
        Diagnostic {
            path: self.path.to_owned(),
            line,
            col,
            severity,
            message: message.into(),
            snippet: Some((line_text.to_owned(), width)),
        }
    }

    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.at(span, Severity::Error, message)
    }

    pub fn warning(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.at(span, Severity::Warning, message)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every diagnostic from one load, errors and warnings alike.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorted by file, then position, so output is stable across runs.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity).cmp(&(&b.path, b.line, b.col, b.severity))
        });
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_line_and_column() {
        let text = "+++\ntitle = 1\nsumary = \"x\"\n+++\n";
        let file = SourceFile::new(Path::new("content/roles/a.md"), text);
        let start = text.find("sumary").unwrap();
        let d = file.error(start..start + 6, "unknown field `sumary`");
        assert_eq!((d.line, d.col), (3, 1));
        assert_eq!(
            d.headline(),
            "content/roles/a.md:3:1: error: unknown field `sumary`"
        );
        let shown = d.to_string();
        assert!(shown.contains("3 | sumary = \"x\""), "{shown}");
        assert!(shown.contains("  | ^^^^^^\n"), "{shown}");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "é = bad";
        let file = SourceFile::new(Path::new("x.md"), text);
        // "é" is two bytes: "bad" starts at byte 5 but is the fifth character.
        let d = file.warning(5..8, "m");
        assert_eq!((d.line, d.col), (1, 5));
        assert_eq!(d.snippet, Some(("é = bad".to_owned(), 3)));
    }
}
