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

        /// Stored as its kebab-case text.
        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <str as sqlx::Type<sqlx::Sqlite>>::type_info()
            }

            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <str as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }

        /// A stored value outside the vocabulary fails the query that reads
        /// it, naming the value: never a silent "not stated".
        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(
                value: sqlx::sqlite::SqliteValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
                Ok(text.parse::<$name>()?)
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

vocabulary! {
    /// BLS "work experience in a related occupation" needed for entry.
    WorkExperience {
        None => "none", "None";
        LessThan5Years => "less-than-5-years", "Less than 5 years";
        FiveYearsOrMore => "5-years-or-more", "5 years or more";
    }
}

vocabulary! {
    /// BLS "typical on-the-job training needed to attain competency", shortest first.
    Training {
        None => "none", "None";
        ShortTerm => "short-term", "Short-term on-the-job training (a month or less)";
        ModerateTerm => "moderate-term", "Moderate-term on-the-job training (1 to 12 months)";
        LongTerm => "long-term", "Long-term on-the-job training (over 12 months)";
        Apprenticeship => "apprenticeship", "Apprenticeship";
        InternshipResidency => "internship-residency", "Internship or residency";
    }
}

impl EducationLevel {
    /// The category as BLS Employment Projections spells it
    /// ("Bachelor's degree"), the reverse of [`EducationLevel::from_bls`].
    pub fn bls_name(self) -> &'static str {
        match self {
            EducationLevel::None => "No formal educational credential",
            EducationLevel::HighSchool => "High school diploma or equivalent",
            EducationLevel::Postsecondary => "Postsecondary nondegree award",
            EducationLevel::SomeCollege => "Some college, no degree",
            EducationLevel::Associates => "Associate's degree",
            EducationLevel::Bachelors => "Bachelor's degree",
            EducationLevel::Masters => "Master's degree",
            EducationLevel::Doctoral => "Doctoral or professional degree",
        }
    }

    pub fn from_bls(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|l| l.bls_name() == name)
    }
}

impl WorkExperience {
    pub fn from_bls(name: &str) -> Option<Self> {
        match name {
            "None" => Some(WorkExperience::None),
            "Less than 5 years" => Some(WorkExperience::LessThan5Years),
            "5 years or more" => Some(WorkExperience::FiveYearsOrMore),
            _ => None,
        }
    }
}

impl Training {
    pub fn from_bls(name: &str) -> Option<Self> {
        match name {
            "None" => Some(Training::None),
            "Short-term on-the-job training" => Some(Training::ShortTerm),
            "Moderate-term on-the-job training" => Some(Training::ModerateTerm),
            "Long-term on-the-job training" => Some(Training::LongTerm),
            "Apprenticeship" => Some(Training::Apprenticeship),
            "Internship/residency" => Some(Training::InternshipResidency),
            _ => None,
        }
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
    fn reads_the_bls_spellings() {
        for level in EducationLevel::ALL {
            assert_eq!(EducationLevel::from_bls(level.bls_name()), Some(*level));
        }
        assert_eq!(
            Training::from_bls("Internship/residency"),
            Some(Training::InternshipResidency)
        );
        assert_eq!(
            WorkExperience::from_bls("5 years or more"),
            Some(WorkExperience::FiveYearsOrMore)
        );
        assert_eq!(EducationLevel::from_bls("bachelors"), None);
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
