//! Small value types that can only hold valid values.
mod slug;

pub use slug::{Slug, SlugError};
