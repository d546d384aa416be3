//! The closed vocabularies of role profiles: typical entry-level education,
//! how much AI changes the job, and how closely a profile's BLS occupation
//! matches it. Front matter spells them in kebab-case (`high-school`); the
//! same spelling is stored in the database and used in URLs (`?education=`).
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Declares a kebab-case vocabulary: the enum, its `ALL` list in display
/// order, `as_str` (the stored and URL spelling), `label` (what readers see)
/// and `FromStr`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| UnknownValue {
                        value: s.to_owned(),
                        expected: Self::ALL.iter().map(|v| v.as_str()).collect(),
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The BLS "typical education needed for entry" categories, lowest first.
    EducationLevel {
        None => "none", "No formal credential";
        HighSchool => "high-school", "High school diploma";
        Postsecondary => "postsecondary", "Postsecondary certificate";
        SomeCollege => "some-college", "Some college";
        Associates => "associates", "Associate's degree";
        Bachelors => "bachelors", "Bachelor's degree";
        Masters => "masters", "Master's degree";
        Doctoral => "doctoral", "Doctoral or professional degree";
    }
}

vocabulary! {
    /// How much AI and automation are changing the job's tasks.
    AiImpactLevel {
        Low => "low", "Low";
        Moderate => "moderate", "Moderate";
        High => "high", "High";
    }
}

vocabulary! {
    /// Whether a role's `soc_code` is its own BLS occupation or the closest
    /// related one whose figures the profile borrows.
    SocMatch {
        Exact => "exact", "Exact";
        Related => "related", "Related";
    }
}

/// A value outside a vocabulary, with the values it could have been.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
/// Shown to readers (the finder's 400 page), so it quotes the way prose does.
#[error("“{value}” is not one of: {}", expected.join(", "))]
pub struct UnknownValue {
    pub value: String,
    pub expected: Vec<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling_it_prints() {
        for level in EducationLevel::ALL {
            assert_eq!(level.as_str().parse::<EducationLevel>(), Ok(*level));
        }
        for level in AiImpactLevel::ALL {
            assert_eq!(level.as_str().parse::<AiImpactLevel>(), Ok(*level));
        }
    }

    #[test]
    fn education_levels_are_ordered_lowest_first() {
        assert!(EducationLevel::None < EducationLevel::HighSchool);
        assert!(EducationLevel::Bachelors < EducationLevel::Doctoral);
    }

    #[test]
    fn rejects_unknown_values_naming_the_expected_ones() {
        let err = "bachelor".parse::<EducationLevel>().unwrap_err();
        assert_eq!(err.value, "bachelor");
        assert_eq!(
            err.to_string(),
            "“bachelor” is not one of: none, high-school, postsecondary, some-college, associates, bachelors, masters, doctoral"
        );
        assert!("High".parse::<AiImpactLevel>().is_err());
    }

    #[test]
    fn front_matter_spelling_is_kebab_case() {
        #[derive(Deserialize)]
        struct T {
            e: EducationLevel,
        }
        let t: T = toml::from_str("e = \"some-college\"").unwrap();
        assert_eq!(t.e, EducationLevel::SomeCollege);
    }
}
