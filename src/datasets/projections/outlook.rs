//! What pages say about a projection: a phrase that follows from the
//! number, the "bright outlook" label, and a "time to qualify" estimate
//! built from BLS's entry categories. The rules are documented in
//! docs/content.md ("Outlook and entry facts") and are the same ones
//! `check` holds the prose to.
use super::{ALL_OCCUPATIONS_CHANGE, Projection};
use crate::domain::{EducationLevel, Training, WorkExperience};
use crate::format;

/// Growth at least this many times the all-occupations average is
/// "bright", and so are this many openings a year or more.
pub const BRIGHT_GROWTH_MULTIPLE: f64 = 2.0;
pub const BRIGHT_MIN_OPENINGS: i64 = 100_000;

/// Projected change in bands of our own, read against the all-occupations
/// average of +3.1% (BLS's own cut-offs change with each cycle). A negative
/// figure below -1% is always a decline, never growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutlookBand {
    Decline,
    LittleOrNoChange,
    SlowerThanAverage,
    AboutAverage,
    FasterThanAverage,
    MuchFasterThanAverage,
}

impl OutlookBand {
    /// Lower bounds, percent: below -1.0 decline; from -1.0 little or no
    /// change; from 1.0 slower than average; from 3.0 about average; from
    /// 5.0 faster; from 8.0 much faster.
    pub fn of(change_percent: f64) -> Self {
        match change_percent {
            p if p < -1.0 => OutlookBand::Decline,
            p if p < 1.0 => OutlookBand::LittleOrNoChange,
            p if p < 3.0 => OutlookBand::SlowerThanAverage,
            p if p < 5.0 => OutlookBand::AboutAverage,
            p if p < 8.0 => OutlookBand::FasterThanAverage,
            _ => OutlookBand::MuchFasterThanAverage,
        }
    }

    /// The plain phrase a page shows beside the number.
    pub fn phrase(self) -> &'static str {
        match self {
            OutlookBand::Decline => "Projected to decline",
            OutlookBand::LittleOrNoChange => "Little or no change projected",
            OutlookBand::SlowerThanAverage => "Slower growth than average",
            OutlookBand::AboutAverage => "About as fast as average",
            OutlookBand::FasterThanAverage => "Faster than average",
            OutlookBand::MuchFasterThanAverage => "Much faster than average",
        }
    }
}

/// True for growth at least twice the average, or 100,000+ openings a year.
pub fn is_bright(change_percent: f64, annual_openings: i64) -> bool {
    change_percent >= BRIGHT_GROWTH_MULTIPLE * ALL_OCCUPATIONS_CHANGE
        || annual_openings >= BRIGHT_MIN_OPENINGS
}

/// A projection as pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    pub band: OutlookBand,
    /// "+15.8%" or "-12.9%".
    pub change: String,
    /// "about 29,800".
    pub openings: String,
    pub employment_2024: String,
    pub employment_2034: String,
    pub bright: bool,
    pub time_to_qualify: TimeToQualify,
}

impl Outlook {
    pub fn of(p: &Projection) -> Self {
        Self {
            band: OutlookBand::of(p.change_percent),
            change: signed_percent(p.change_percent),
            openings: format!("about {}", format::thousands(p.annual_openings)),
            employment_2024: format::thousands(p.employment_2024),
            employment_2034: format::thousands(p.employment_2034),
            bright: is_bright(p.change_percent, p.annual_openings),
            time_to_qualify: TimeToQualify::of(p.education, p.experience, p.training),
        }
    }
}

/// A percent with its sign and one decimal, as BLS publishes it.
pub fn signed_percent(p: f64) -> String {
    if p > 0.0 {
        format!("+{p:.1}%")
    } else {
        format!("{p:.1}%")
    }
}

/// The shortest typical path into an occupation, in months, from BLS's
/// entry categories: the schooling after high school, the related work
/// experience and the on-the-job training, each at the least its
/// category allows. An estimate a reader can compare between jobs, not
/// a promise: the page says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeToQualify {
    pub months: u32,
    /// "Under a month", "Under a year", "At least 4 years".
    pub label: String,
}

impl TimeToQualify {
    pub fn of(education: EducationLevel, experience: WorkExperience, training: Training) -> Self {
        let months =
            education_months(education) + experience_months(experience) + training_months(training);
        let label = match months {
            0 => "Under a month".to_owned(),
            1..12 => "Under a year".to_owned(),
            12..24 => "At least 1 year".to_owned(),
            m => format!("At least {} years", m / 12),
        };
        Self { months, label }
    }
}

/// Schooling after high school: a nondegree award can take a few weeks,
/// "some college" a term, a degree its usual length (a master's after a
/// bachelor's, a doctoral or professional degree at least three years after one).
fn education_months(level: EducationLevel) -> u32 {
    match level {
        EducationLevel::None | EducationLevel::HighSchool => 0,
        EducationLevel::Postsecondary => 1,
        EducationLevel::SomeCollege => 4,
        EducationLevel::Associates => 24,
        EducationLevel::Bachelors => 48,
        EducationLevel::Masters => 72,
        EducationLevel::Doctoral => 84,
    }
}

/// "Less than 5 years" of related work is counted as at least one.
fn experience_months(experience: WorkExperience) -> u32 {
    match experience {
        WorkExperience::None => 0,
        WorkExperience::LessThan5Years => 12,
        WorkExperience::FiveYearsOrMore => 60,
    }
}

/// BLS's training categories at their shortest: moderate-term is over a
/// month and long-term over a year; the apprenticeships of the trades BLS
/// assigns them run three years or more; an internship or residency at
/// least a term.
fn training_months(training: Training) -> u32 {
    match training {
        Training::None | Training::ShortTerm => 0,
        Training::ModerateTerm => 1,
        Training::LongTerm => 12,
        Training::Apprenticeship => 36,
        Training::InternshipResidency => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_change_below_one_percent_is_a_decline() {
        assert_eq!(OutlookBand::of(-12.9), OutlookBand::Decline);
        assert_eq!(OutlookBand::of(-1.1), OutlookBand::Decline);
        assert_eq!(OutlookBand::of(-0.7), OutlookBand::LittleOrNoChange);
        assert_eq!(OutlookBand::of(0.2), OutlookBand::LittleOrNoChange);
        assert_eq!(OutlookBand::of(1.0), OutlookBand::SlowerThanAverage);
        assert_eq!(OutlookBand::of(3.1), OutlookBand::AboutAverage);
        assert_eq!(OutlookBand::of(6.2), OutlookBand::FasterThanAverage);
        assert_eq!(OutlookBand::of(15.8), OutlookBand::MuchFasterThanAverage);
        assert!(!OutlookBand::Decline.phrase().contains("grow"));
    }

    #[test]
    fn bright_is_twice_the_average_or_many_openings() {
        assert!(is_bright(6.2, 1_000));
        assert!(!is_bright(6.1, 99_999));
        assert!(is_bright(-2.9, 160_200));
    }

    #[test]
    fn signs_percents_as_bls_prints_them() {
        assert_eq!(signed_percent(15.8), "+15.8%");
        assert_eq!(signed_percent(-0.7), "-0.7%");
        assert_eq!(signed_percent(0.0), "0.0%");
    }

    #[test]
    fn time_to_qualify_adds_the_shortest_paths() {
        let cashier = TimeToQualify::of(
            EducationLevel::None,
            WorkExperience::None,
            Training::ShortTerm,
        );
        assert_eq!(
            (cashier.months, cashier.label.as_str()),
            (0, "Under a month")
        );
        let electrician = TimeToQualify::of(
            EducationLevel::HighSchool,
            WorkExperience::None,
            Training::Apprenticeship,
        );
        assert_eq!(electrician.label, "At least 3 years");
        let nurse_practitioner = TimeToQualify::of(
            EducationLevel::Masters,
            WorkExperience::None,
            Training::None,
        );
        assert_eq!(nurse_practitioner.label, "At least 6 years");
        assert!(electrician.months > cashier.months);
    }
}
