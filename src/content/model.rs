//! Content after parsing and per-file checks: what gets stored and served.
use std::path::PathBuf;

use time::Date;

use super::diagnostics::{Diagnostic, Severity};
pub use super::front_matter::AtAGlance;
use crate::datasets::oews::SocCode;
use crate::domain::{AiImpactLevel, EducationLevel, Slug, SocMatch};

#[derive(Debug, Clone)]
pub struct Category {
    pub slug: Slug,
    pub path: PathBuf,
    pub title: String,
    pub summary: String,
    pub intro_html: String,
    /// Internal link targets in the introduction and where each stands.
    pub links: Vec<(String, Anchor)>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Salary {
    pub min: u32,
    pub max: u32,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    pub html: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faq {
    pub question: String,
    pub answer_html: String,
    pub answer_text: String,
}

/// Where a profile's facts come from: one `[[sources]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// What the body's footnote references (`[^id]`) name.
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub accessed: Date,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub slug: Slug,
    pub path: PathBuf,
    pub title: String,
    pub category: Slug,
    pub summary: String,
    pub salary: Salary,
    pub updated: Date,
    pub at_a_glance: AtAGlance,
    pub skills: Vec<String>,
    pub soc_code: Option<SocCode>,
    pub soc_match: Option<SocMatch>,
    pub soc_match_reason: Option<String>,
    pub education_level: EducationLevel,
    /// Why `education_level` differs from BLS's, when it does on purpose.
    pub education_level_reason: Option<String>,
    pub ai_impact_level: AiImpactLevel,
    pub sources: Vec<Source>,
    pub draft: bool,
    pub aliases: Vec<Slug>,
    /// The editor's pinned career moves, in order.
    pub next_roles: Vec<Slug>,
    /// Everyday names and abbreviations readers search for.
    pub also_known_as: Vec<String>,
    pub duties: Vec<Duty>,
    pub overview_html: String,
    pub qualifications_html: String,
    pub outlook_html: String,
    pub cover_letter_html: Option<String>,
    pub faqs: Vec<Faq>,
    pub word_count: usize,
    pub cover_letter_word_count: usize,
    /// Places in the file that cross-file checks may need to point at.
    pub anchors: RoleAnchors,
}

/// Where in a role file its references to other content stand, so that a
/// check run after every file is loaded can still name file, line and column.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RoleAnchors {
    pub title: Anchor,
    pub category: Anchor,
    pub summary: Anchor,
    pub updated: Anchor,
    pub salary: Anchor,
    pub soc_code: Option<Anchor>,
    pub education_level: Anchor,
    pub aliases: Vec<Anchor>,
    /// Each `also_known_as` entry, in order.
    #[serde(default)]
    pub also_known_as: Vec<Anchor>,
    /// The `accessed` date of each source, in order.
    pub sources_accessed: Vec<Anchor>,
    /// Internal link targets (`/roles/x`) and where each stands.
    pub links: Vec<(String, Anchor)>,
}

/// A position in a file, ready to become a diagnostic.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Anchor(pub Diagnostic);

impl Anchor {
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        self.with(Severity::Error, message)
    }

    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        self.with(Severity::Warning, message)
    }

    fn with(&self, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            ..self.0.clone()
        }
    }
}
