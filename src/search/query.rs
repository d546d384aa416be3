//! A search box's text -> an FTS5 expression that cannot be malformed.
//!
//! Only runs of letters and digits are kept, each becomes a quoted prefix
//! term (`"develop"*`), and the terms are ANDed. FTS5 syntax typed by the
//! reader (quotes, `*`, `NEAR`, `AND`, parentheses, `:`) is thereby searched
//! for as plain words or dropped; it never reaches the parser as syntax.
use std::fmt;

/// Longer queries get a 400 page that says so: nobody types this much into a
/// job search, and the bound keeps each search's cost bounded.
pub const MAX_QUERY_CHARS: usize = 200;

/// More words than this add nothing to a title search; the rest are ignored.
const MAX_TERMS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Lowercased words, in the order typed, without repeats.
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    TooLong { chars: usize },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::TooLong { chars } => write!(
                f,
                "Your search is {chars} characters long; searches are limited to {MAX_QUERY_CHARS}. Shorten it and try again."
            ),
        }
    }
}

impl Query {
    pub fn parse(text: &str) -> Result<Self, QueryError> {
        let chars = text.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong { chars });
        }
        let mut terms: Vec<String> = Vec::new();
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let word = word.to_lowercase();
            if !terms.contains(&word) {
                terms.push(word);
            }
            if terms.len() == MAX_TERMS {
                break;
            }
        }
        Ok(Self { terms })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every term as a quoted prefix phrase, all required; a term of one or
    /// two characters only as itself ("ai" must not find "aide").
    pub fn fts(&self) -> String {
        self.terms
            .iter()
            .map(|t| {
                if t.chars().count() <= 2 {
                    format!("\"{t}\"")
                } else {
                    format!("\"{t}\"*")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The same expression restricted to the title and former names.
    pub fn fts_in_titles(&self) -> String {
        format!("{{title aliases}} : ({})", self.fts())
    }

    /// The words as a reader would type them again.
    pub fn text(&self) -> String {
        self.terms.join(" ")
    }
}

/// What the search box shows back: the text as typed, minus control
/// characters (NUL and friends are not text and not valid in HTML).
pub fn echo(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(text: &str) -> String {
        Query::parse(text).unwrap().fts()
    }

    #[test]
    fn words_become_quoted_prefix_terms() {
        assert_eq!(fts("Develop"), r#""develop"*"#);
        assert_eq!(fts("  data   engineer "), r#""data"* "engineer"*"#);
    }

    #[test]
    fn fts_syntax_is_never_passed_through() {
        assert_eq!(fts(r#"nurse" OR "x"#), r#""nurse"* "or" "x""#);
        assert_eq!(fts("NEAR(a b) *) ( : ^"), r#""near"* "a" "b""#);
        assert_eq!(
            fts("<script>alert(1)</script>"),
            r#""script"* "alert"* "1""#
        );
        assert_eq!(fts("ai"), r#""ai""#);
        assert!(Query::parse("\0 \"\" *** ()").unwrap().is_empty());
    }

    #[test]
    fn repeats_are_dropped_and_terms_capped() {
        assert_eq!(Query::parse("a A a").unwrap().terms, ["a"]);
        let many = (0..20)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(Query::parse(&many).unwrap().terms.len(), MAX_TERMS);
    }

    #[test]
    fn long_queries_are_refused() {
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(
            Query::parse(&long),
            Err(QueryError::TooLong {
                chars: MAX_QUERY_CHARS + 1
            })
        );
        assert!(Query::parse(&"é".repeat(MAX_QUERY_CHARS)).is_ok());
    }

    #[test]
    fn echo_drops_control_characters() {
        assert_eq!(echo("nur\0se\u{7}"), "nurse");
    }
}
