use std::path::Path;

use super::*;

const HEADER: &str = "soc_code,title,employment_2024_thousands,employment_2034_thousands,change_thousands,change_percent,annual_openings_thousands,median_annual_wage_may2024,typical_education,work_experience,typical_training\n";

fn parse(rows: &str) -> Result<Vec<Projection>, ProjectionsError> {
    occupations(
        Path::new("occupations.csv"),
        format!("{HEADER}{rows}").as_bytes(),
    )
}

#[test]
fn reads_a_row_into_jobs_and_vocabularies() {
    let rows = parse(
        "47-2111,Electricians,818.7,869.2,50.5,6.2,81.0,62350,High school diploma or equivalent,None,Apprenticeship\n\
         43-3071,Tellers,338.6,294.9,-43.7,-12.9,29.8,,High school diploma or equivalent,None,Short-term on-the-job training\n",
    )
    .unwrap();
    assert_eq!(rows.len(), 2);
    let e = &rows[0];
    assert_eq!(e.soc_code.as_str(), "47-2111");
    assert_eq!(e.employment_2024, 818_700);
    assert_eq!(e.annual_openings, 81_000);
    assert_eq!(e.change_percent, 6.2);
    assert_eq!(e.education, EducationLevel::HighSchool);
    assert_eq!(e.training, Training::Apprenticeship);
    assert_eq!(rows[1].change_percent, -12.9);
}

#[test]
fn a_bad_number_names_file_line_and_column() {
    let err = parse(
        "47-2111,Electricians,818.7,869.2,50.5,6.2,81.0,62350,High school diploma or equivalent,None,Apprenticeship\n\
         43-3071,Tellers,338.6,294.9,-43.7,lots,29.8,,High school diploma or equivalent,None,None\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "occupations.csv:3: column change_percent: \"lots\" is not a number"
    );
}

#[test]
fn an_unknown_category_lists_the_known_ones() {
    let err = parse(
        "47-2111,Electricians,818.7,869.2,50.5,6.2,81.0,62350,Trade school,None,Apprenticeship\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("occupations.csv:2: column typical_education: \"Trade school\" is not one of: No formal educational credential;"),
        "{err}"
    );
}

#[test]
fn rejects_duplicates_missing_columns_and_negative_counts() {
    let row = "47-2111,Electricians,818.7,869.2,50.5,6.2,81.0,62350,High school diploma or equivalent,None,Apprenticeship\n";
    let err = parse(&format!("{row}{row}")).unwrap_err().to_string();
    assert_eq!(
        err,
        "occupations.csv:3: SOC code 47-2111 already appears on line 2"
    );

    let err = occupations(Path::new("x.csv"), b"soc_code,title\n15-1252,Software\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("x.csv: the header lacks column(s) employment_2024_thousands"),
        "{err}"
    );

    let err = parse("47-2111,Electricians,-1,869.2,50.5,6.2,81.0,,High school diploma or equivalent,None,None\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "occupations.csv:2: column employment_2024_thousands: -1 is negative"
    );
}

#[test]
fn parses_the_bundled_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bls-ep-2024-34/occupations.csv");
    let rows = occupations(&path, &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(rows.len(), 832);
    let developers = rows
        .iter()
        .find(|r| r.soc_code.as_str() == "15-1252")
        .unwrap();
    assert_eq!(developers.change_percent, 15.8);
}
