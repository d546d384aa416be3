//! The markdown content tree: parsing, checking and the in-memory index that
//! the database is synced from.
pub mod abbreviation_checks;
mod checks;
pub mod citations;
pub mod diagnostics;
pub mod facts;
mod files;
pub mod front_matter;
pub mod loader;
pub mod markdown;
pub mod model;
pub mod outlook_checks;
mod parse_category;
mod parse_common;
pub mod parse_role;
mod role_sources;
pub mod scaffold;
pub mod site;
pub mod wage_checks;

pub use diagnostics::{Diagnostic, Report, Severity};
pub use model::{Category, Role};
pub use site::{Site, load};
