use std::fmt;

/// A URL slug: lower-case ASCII letters and digits in hyphen-separated words.
///
/// Content file names and URL path segments are parsed into a `Slug` once, so
/// the rest of the code never handles an unchecked string.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl TryFrom<String> for Slug {
    type Error = SlugError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("a slug is at most {max} characters long, this one has {len}", max = Slug::MAX_LEN)]
    TooLong { len: usize },
    #[error(
        "`{0}` is not a valid slug: use lower-case letters, digits and single hyphens, e.g. `data-engineer`"
    )]
    Invalid(String),
}

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(input: &str) -> Result<Self, SlugError> {
        if input.is_empty() {
            return Err(SlugError::Empty);
        }
        if input.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong { len: input.len() });
        }
        let well_formed = input.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if !well_formed {
            return Err(SlugError::Invalid(input.to_owned()));
        }
        Ok(Self(input.to_owned()))
    }

    /// The slug a title would get: `"Back End Developer"` -> `back-end-developer`.
    pub fn from_title(title: &str) -> Result<Self, SlugError> {
        let mut out = String::with_capacity(title.len());
        for c in title.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed = out.trim_end_matches('-');
        Self::parse(trimmed)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_hyphenated_lower_case_words() {
        for ok in ["a", "data-engineer", "aws-developer", "web3-dev", "x1"] {
            assert_eq!(Slug::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "", "-a", "a-", "a--b", "Data", "a_b", "a b", "a/b", "é", "../x",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(
            Slug::parse(&"a".repeat(81)),
            Err(SlugError::TooLong { len: 81 })
        );
    }

    #[test]
    fn derives_slugs_from_titles() {
        let cases = [
            ("Back End Developer", "back-end-developer"),
            ("AWS Developer", "aws-developer"),
            ("Data & AI", "data-ai"),
            ("  C++ / Rust Engineer ", "c-rust-engineer"),
        ];
        for (title, slug) in cases {
            assert_eq!(Slug::from_title(title).unwrap().as_str(), slug);
        }
        assert!(Slug::from_title("???").is_err());
    }
}
