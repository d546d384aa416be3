//! Full-text search over the roles and the BLS occupations: what a typed
//! query becomes (`query`), how a misspelt word is corrected against the
//! words of every title (`spelling`), and how matched words come back
//! highlighted without ever passing HTML through (`snippet`), and how text
//! splits into words (`words`).
pub mod intent;
pub mod key;
pub mod query;
pub mod snippet;
pub mod spelling;
pub mod words;

pub use query::{MAX_QUERY_CHARS, Query, QueryError};
pub use snippet::{MARK_END, MARK_START, Segment, segments};
