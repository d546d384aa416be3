use std::path::Path;

use super::*;

const NATIONAL_HEADER: &str = "soc_code,occupation,level,employment,employment_rse,hourly_mean,annual_mean,wage_rse,hourly_p10,hourly_p25,hourly_median,hourly_p75,hourly_p90,annual_p10,annual_p25,annual_median,annual_p75,annual_p90,jobs_per_1000,location_quotient,footnotes";
const STATES_HEADER: &str = "area_code,area_name,soc_code,occupation,level,employment,employment_rse,hourly_mean,annual_mean,wage_rse,hourly_p10,hourly_p25,hourly_median,hourly_p75,hourly_p90,annual_p10,annual_p25,annual_median,annual_p75,annual_p90,jobs_per_1000,location_quotient,footnotes";
const DEVELOPERS: &str = "15-1252,Software Developers,3,1687890,0.6,71.20,148100,0.4,39.64,50.58,65.38,82.68,103.21,82460,105210,135980,171980,214670,,,";
// Reported hourly only (footnote 4): every annual figure is "-".
const HOURLY_ONLY: &str =
    "27-2042,\"Musicians and Singers\",3,33130,5.1,-,-,-,-,-,-,-,-,-,-,-,-,-,,,4";

fn national_csv(rows: &[&str]) -> String {
    std::iter::once(NATIONAL_HEADER)
        .chain(rows.iter().copied())
        .map(|r| format!("{r}\n"))
        .collect()
}

fn national_err(rows: &[&str]) -> String {
    let file = Path::new("data/oews-2025/national.csv");
    national(file, national_csv(rows).as_bytes())
        .unwrap_err()
        .to_string()
}

/// DEVELOPERS with one column replaced by `value`.
fn developers_with(column: &str, value: &str) -> String {
    let index = NATIONAL_COLUMNS.iter().position(|c| *c == column).unwrap();
    let mut fields: Vec<&str> = DEVELOPERS.split(',').collect();
    fields[index] = value;
    fields.join(",")
}

#[test]
fn parses_a_good_national_file() {
    let csv = national_csv(&[DEVELOPERS, HOURLY_ONLY]);
    let rows = national(Path::new("national.csv"), csv.as_bytes()).unwrap();
    assert_eq!(rows.len(), 2);
    let dev = &rows[0];
    assert_eq!(dev.soc_code.as_str(), "15-1252");
    assert_eq!(dev.title, "Software Developers");
    assert_eq!(dev.level, 3);
    assert_eq!(dev.employment, Some(1_687_890));
    assert_eq!(dev.annual_mean, Some(148_100));
    assert_eq!(
        dev.percentiles(),
        [
            Some(82_460),
            Some(105_210),
            Some(135_980),
            Some(171_980),
            Some(214_670)
        ]
    );
    assert_eq!(dev.hourly_median, Some(65.38));
    assert_eq!(dev.footnotes, "");
}

#[test]
fn dash_and_empty_are_not_published_never_zero() {
    let csv = national_csv(&[HOURLY_ONLY]);
    let rows = national(Path::new("national.csv"), csv.as_bytes()).unwrap();
    let row = &rows[0];
    assert_eq!(row.title, "Musicians and Singers");
    assert_eq!(row.employment, Some(33_130));
    assert_eq!(row.annual_mean, None);
    assert_eq!(row.percentiles(), [None; 5]);
    assert_eq!(row.hourly_median, None);
    assert!(row.has_footnote("4"));

    let empty = developers_with("annual_median", "");
    let rows = national(Path::new("n.csv"), national_csv(&[&empty]).as_bytes()).unwrap();
    assert_eq!(rows[0].annual_median, None);
}

#[test]
fn parses_a_good_states_file() {
    let csv = format!(
        "{STATES_HEADER}\n\
         0100000,Alabama,15-1252,Software Developers,3,9360,5.3,55.42,115270,1.6,32.21,42.25,53.91,66.36,79.94,67000,87880,112130,138040,166270,4.429,0.41,\n\
         7200000,Puerto Rico,15-1252,Software Developers,3,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,8\n"
    );
    let rows = states(Path::new("states.csv"), csv.as_bytes()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].area_code, "0100000");
    assert_eq!(rows[0].area_name, "Alabama");
    assert_eq!(rows[0].annual_median, Some(112_130));
    assert_eq!(rows[0].location_quotient, Some(0.41));
    assert_eq!(rows[1].employment, None);
    assert_eq!(rows[1].percentiles(), [None; 5]);
    assert_eq!(rows[1].location_quotient, None);
}

#[test]
fn markers_and_junk_name_file_line_and_column() {
    for marker in ["*", "**", "#", "abc", "NaN", "inf", "12k"] {
        let bad = developers_with("annual_median", marker);
        let err = national_err(&[HOURLY_ONLY, &bad]);
        assert_eq!(
            err,
            format!(
                "data/oews-2025/national.csv:3: column annual_median: {marker:?} is not a number"
            )
        );
    }
}

#[test]
fn markers_in_columns_that_are_not_stored_are_errors_too() {
    let bad = developers_with("hourly_p90", "#");
    let err = national_err(&[&bad]);
    assert_eq!(
        err,
        "data/oews-2025/national.csv:2: column hourly_p90: \"#\" is not a number"
    );
}

#[test]
fn fractions_and_negatives_in_whole_number_columns_are_errors() {
    let err = national_err(&[&developers_with("employment", "12.5")]);
    assert!(
        err.ends_with("column employment: \"12.5\" is not a whole number"),
        "{err}"
    );
    let err = national_err(&[&developers_with("annual_p10", "-5")]);
    assert!(
        err.ends_with("column annual_p10: \"-5\" is negative"),
        "{err}"
    );
}

#[test]
fn soc_code_and_level_are_validated() {
    let err = national_err(&[&developers_with("soc_code", "15-125")]);
    assert!(
        err.starts_with(
            "data/oews-2025/national.csv:2: column soc_code: \"15-125\" is not a SOC code"
        ),
        "{err}"
    );
    for level in ["4", "-1", "x", ""] {
        let err = national_err(&[&developers_with("level", level)]);
        assert!(err.contains(":2: column level: "), "{err}");
    }
    let err = national_err(&[&developers_with("occupation", "")]);
    assert!(err.ends_with(":2: column occupation: is empty"), "{err}");
}

#[test]
fn duplicate_keys_are_errors() {
    let err = national_err(&[DEVELOPERS, HOURLY_ONLY, DEVELOPERS]);
    assert_eq!(
        err,
        "data/oews-2025/national.csv:4: SOC code 15-1252 already appears on line 2"
    );
}

#[test]
fn a_bad_header_lists_the_missing_columns() {
    let csv = NATIONAL_HEADER.replace("annual_median", "median") + "\n" + DEVELOPERS + "\n";
    let err = national(Path::new("national.csv"), csv.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, OewsError::HeaderMissing { missing, .. } if missing == &["annual_median"])
    );
    assert!(
        err.to_string().starts_with(
            "national.csv: the header lacks column(s) annual_median; expected soc_code,occupation,"
        ),
        "{err}"
    );

    // national.csv given where states.csv belongs.
    let err = states(
        Path::new("states.csv"),
        national_csv(&[DEVELOPERS]).as_bytes(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("lacks column(s) area_code, area_name;"),
        "{err}"
    );

    let err = national(Path::new("empty.csv"), b"").unwrap_err();
    assert!(matches!(err, OewsError::HeaderMissing { .. }), "{err}");
}

#[test]
fn a_short_row_is_a_csv_error_with_its_line_and_cause() {
    let short = DEVELOPERS.rsplit_once(',').unwrap().0;
    let err = national_err(&[DEVELOPERS, short]);
    assert_eq!(err, "data/oews-2025/national.csv:3: malformed CSV row");
    let file = Path::new("x.csv");
    let err = national(file, national_csv(&[short]).as_bytes()).unwrap_err();
    let cause = std::error::Error::source(&err).expect("the csv error is kept");
    assert!(cause.to_string().contains("fields"), "{cause}");
}

#[test]
fn surrounding_spaces_are_ignored() {
    let header = NATIONAL_HEADER.replace("soc_code,", " soc_code ,");
    let row = developers_with("annual_median", " 135980 ")
        .replace("Software Developers", " Software Developers ")
        .replace(",,,", ", , ,");
    let csv = format!("{header}\n{row}\n");
    let rows = national(Path::new("n.csv"), csv.as_bytes()).unwrap();
    assert_eq!(rows[0].annual_median, Some(135_980));
    assert_eq!(rows[0].title, "Software Developers");
    assert_eq!(rows[0].footnotes, "");
}
