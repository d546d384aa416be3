//! `SocCode`: a Standard Occupational Classification code such as `15-1252`.
//!
//! It appears in URLs (`/salaries/15-1252`), role front matter and the OEWS
//! files, so it is validated once, here, and carried as a type afterwards.
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A SOC code: exactly two ASCII digits, a hyphen, four ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SocCode(String);

/// Why a string is not a SOC code; displays the offending input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not a SOC code (expected two digits, a hyphen and four digits, e.g. 15-1252)"
)]
pub struct SocCodeError {
    input: String,
}

impl SocCode {
    pub fn parse(s: &str) -> Result<SocCode, SocCodeError> {
        if is_soc_code(s) {
            Ok(SocCode(s.to_owned()))
        } else {
            Err(SocCodeError {
                input: s.to_owned(),
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The major group this code belongs to (`15-1252` -> `15-0000`); for a
    /// major group itself, the same code.
    pub fn major_group(&self) -> SocCode {
        SocCode(format!("{}-0000", &self.0[..2]))
    }

    /// True for `NN-0000` codes (the all-occupations total and major groups).
    pub fn is_major_group(&self) -> bool {
        self.0.ends_with("-0000")
    }
}

// Byte-wise on purpose: `char::is_numeric` would accept non-ASCII digits,
// and every index below relies on the code being 7 ASCII bytes.
fn is_soc_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[2] == b'-'
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[3..].iter().all(u8::is_ascii_digit)
}

impl fmt::Display for SocCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for SocCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for SocCode {
    type Err = SocCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SocCode::parse(s)
    }
}

impl TryFrom<String> for SocCode {
    type Error = SocCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        // Reuse the allocation rather than copying through `parse`.
        if is_soc_code(&s) {
            Ok(SocCode(s))
        } else {
            Err(SocCodeError { input: s })
        }
    }
}

impl From<SocCode> for String {
    fn from(code: SocCode) -> String {
        code.0
    }
}

// Stored as TEXT. Decoding checks the code, so a row carries a `SocCode` (or
// `Option<SocCode>` for a nullable column, which `#[sqlx(try_from)]` cannot
// express) and readers never re-parse it.
impl sqlx::Type<sqlx::Sqlite> for SocCode {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <String as sqlx::Type<sqlx::Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <String as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for SocCode {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let text = <String as sqlx::Decode<sqlx::Sqlite>>::decode(value)?;
        Ok(SocCode::try_from(text)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_well_formed_codes() {
        for s in ["15-1252", "00-0000", "53-7199"] {
            let code = SocCode::parse(s).unwrap();
            assert_eq!(code.as_str(), s);
            assert_eq!(code.to_string(), s);
        }
    }

    #[test]
    fn rejects_malformed_codes() {
        for s in [
            "",
            "15-125",
            "15-12520",
            "151252",
            "15_1252",
            "1-51252",
            "15-125a",
            "ab-1252",
            " 15-1252",
            "15-1252 ",
            "15–1252",
            "١٥-١٢٥٢",
        ] {
            let err = SocCode::parse(s).unwrap_err();
            assert!(err.to_string().contains(&format!("{s:?}")), "{err}");
        }
    }

    #[test]
    fn major_group_keeps_the_first_two_digits() {
        let code = SocCode::parse("15-1252").unwrap();
        assert_eq!(code.major_group().as_str(), "15-0000");
        assert!(!code.is_major_group());
        assert!(code.major_group().is_major_group());
    }

    #[test]
    fn serde_goes_through_parse() {
        #[derive(Debug, Deserialize)]
        struct Row {
            code: SocCode,
        }
        let mut rdr = csv::Reader::from_reader("code\n15-1252\n".as_bytes());
        let row: Row = rdr.deserialize().next().unwrap().unwrap();
        assert_eq!(row.code.as_str(), "15-1252");

        let mut rdr = csv::Reader::from_reader("code\n15-12\n".as_bytes());
        let err = rdr.deserialize::<Row>().next().unwrap().unwrap_err();
        assert!(err.to_string().contains("not a SOC code"), "{err}");
    }
}
