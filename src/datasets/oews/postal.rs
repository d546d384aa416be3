//! Two-letter postal codes for the state-level OEWS areas, so that a state
//! reads as `?state=CA` in a URL rather than as its area code `0600000`.
//! An OEWS state area code is the state's FIPS code followed by `00000`.

/// (FIPS code, postal code) of the 54 state-level areas BLS publishes.
const AREAS: [(&str, &str); 54] = [
    ("01", "AL"),
    ("02", "AK"),
    ("04", "AZ"),
    ("05", "AR"),
    ("06", "CA"),
    ("08", "CO"),
    ("09", "CT"),
    ("10", "DE"),
    ("11", "DC"),
    ("12", "FL"),
    ("13", "GA"),
    ("15", "HI"),
    ("16", "ID"),
    ("17", "IL"),
    ("18", "IN"),
    ("19", "IA"),
    ("20", "KS"),
    ("21", "KY"),
    ("22", "LA"),
    ("23", "ME"),
    ("24", "MD"),
    ("25", "MA"),
    ("26", "MI"),
    ("27", "MN"),
    ("28", "MS"),
    ("29", "MO"),
    ("30", "MT"),
    ("31", "NE"),
    ("32", "NV"),
    ("33", "NH"),
    ("34", "NJ"),
    ("35", "NM"),
    ("36", "NY"),
    ("37", "NC"),
    ("38", "ND"),
    ("39", "OH"),
    ("40", "OK"),
    ("41", "OR"),
    ("42", "PA"),
    ("44", "RI"),
    ("45", "SC"),
    ("46", "SD"),
    ("47", "TN"),
    ("48", "TX"),
    ("49", "UT"),
    ("50", "VT"),
    ("51", "VA"),
    ("53", "WA"),
    ("54", "WV"),
    ("55", "WI"),
    ("56", "WY"),
    ("66", "GU"),
    ("72", "PR"),
    ("78", "VI"),
];

/// Every (FIPS code, postal code) BLS publishes a state-level area for.
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    AREAS.iter().copied()
}

/// The name of the state-level area with `postal` code, as people type it.
pub fn state_name(postal: &str) -> Option<&'static str> {
    NAMES.iter().find(|(p, _)| *p == postal).map(|(_, n)| *n)
}

const NAMES: [(&str, &str); 54] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("GU", "Guam"),
    ("PR", "Puerto Rico"),
    ("VI", "Virgin Islands"),
];

/// `0600000` -> `CA`.
pub fn postal_code(area_code: &str) -> Option<&'static str> {
    let fips = area_code.strip_suffix("00000")?;
    AREAS.iter().find(|(f, _)| *f == fips).map(|(_, p)| *p)
}

/// `ca` or `CA` -> `CA`, if it names a state-level area.
pub fn parse_postal(text: &str) -> Option<&'static str> {
    AREAS
        .iter()
        .map(|(_, p)| *p)
        .find(|p| p.eq_ignore_ascii_case(text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_a_name() {
        for (_, postal) in all() {
            assert!(state_name(postal).is_some(), "{postal}");
        }
    }

    #[test]
    fn area_codes_map_to_postal_codes_and_back() {
        assert_eq!(postal_code("0600000"), Some("CA"));
        assert_eq!(postal_code("7800000"), Some("VI"));
        assert_eq!(postal_code("0300000"), None);
        assert_eq!(postal_code("06"), None);
        assert_eq!(parse_postal("ca"), Some("CA"));
        assert_eq!(parse_postal(" TX "), Some("TX"));
        assert_eq!(parse_postal("ZZ"), None);
        assert_eq!(parse_postal(""), None);
    }
}
