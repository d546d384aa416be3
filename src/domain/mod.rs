//! Small value types that can only hold valid values.
mod levels;
mod slug;

pub use levels::{AiImpactLevel, EducationLevel, SocMatch, Training, UnknownValue, WorkExperience};
pub use slug::{Slug, SlugError};
