//! O*NET keeps some occupations more detailed than OEWS publishes them
//! (OEWS 53-1047 is O*NET's 53-1042 and 53-1043). Their ratings are
//! averaged into the OEWS code, so that every published occupation whose
//! work O*NET rates has one rating list.

/// (O*NET code, the OEWS code it belongs to).
pub const CROSSWALK: &[(&str, &str)] = &[
    ("13-1021", "13-1020"),
    ("13-1022", "13-1020"),
    ("13-1023", "13-1020"),
    ("13-2022", "13-2020"),
    ("13-2023", "13-2020"),
    ("21-1011", "21-1018"),
    ("21-1014", "21-1018"),
    ("25-2056", "25-2052"),
    ("25-9042", "25-9045"),
    ("25-9043", "25-9045"),
    ("29-2011", "29-2010"),
    ("29-2012", "29-2010"),
    ("31-1121", "31-1120"),
    ("31-1122", "31-1120"),
    ("39-7011", "39-7010"),
    ("39-7012", "39-7010"),
    ("47-4091", "47-4090"),
    ("47-4099", "47-4090"),
    ("51-2022", "51-2028"),
    ("51-2023", "51-2028"),
    ("51-2092", "51-2090"),
    ("53-1042", "53-1047"),
    ("53-1043", "53-1047"),
];

/// The OEWS code `onet_code` is rated under.
pub fn oews_code(onet_code: &str) -> &str {
    CROSSWALK
        .iter()
        .find(|(from, _)| *from == onet_code)
        .map_or(onet_code, |(_, to)| to)
}
