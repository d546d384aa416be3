use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;

const HEADER: &str = "soc_code,title,employment_2024_thousands,employment_2034_thousands,change_thousands,change_percent,annual_openings_thousands,median_annual_wage_may2024,typical_education,work_experience,typical_training";
const ELECTRICIANS: &str = "47-2111,Electricians,818.7,869.2,50.5,6.2,81.0,62350,High school diploma or equivalent,None,Apprenticeship";
const TELLERS: &str = "43-3071,Tellers,347.4,302.5,-44.9,-12.9,29.8,39340,High school diploma or equivalent,None,Short-term on-the-job training";

async fn pool_in(dir: &Path) -> SqlitePool {
    crate::db::test_pool(
        dir,
        &[include_str!("../../../../migrations/0010_projections.sql")],
    )
    .await
}

fn write(dir: &Path, rows: &[&str]) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join(FILE), format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    data
}

fn code(text: &str) -> SocCode {
    SocCode::parse(text).unwrap()
}

#[tokio::test]
async fn imports_once_and_reads_back_typed_rows() {
    let dir = TempDir::new().unwrap();
    let pool = pool_in(dir.path()).await;
    let data = write(dir.path(), &[ELECTRICIANS, TELLERS]);
    assert_eq!(
        import_if_changed(&pool, &data).await.unwrap(),
        ImportOutcome::Imported { rows: 2 }
    );
    assert_eq!(
        import_if_changed(&pool, &data).await.unwrap(),
        ImportOutcome::Unchanged
    );
    let tellers = projection(&pool, &code("43-3071")).await.unwrap().unwrap();
    assert_eq!(tellers.change_percent, -12.9);
    assert_eq!(tellers.annual_openings, 29_800);
    assert_eq!(tellers.training, crate::domain::Training::ShortTerm);
    assert!(projection(&pool, &code("15-1252")).await.unwrap().is_none());
    assert!(has_imported_data(&pool).await.unwrap());
}

#[tokio::test]
async fn a_changed_file_replaces_the_rows_and_a_broken_one_keeps_them() {
    let dir = TempDir::new().unwrap();
    let pool = pool_in(dir.path()).await;
    let data = write(dir.path(), &[ELECTRICIANS, TELLERS]);
    import_if_changed(&pool, &data).await.unwrap();

    write(dir.path(), &[ELECTRICIANS]);
    assert_eq!(
        import_if_changed(&pool, &data).await.unwrap(),
        ImportOutcome::Imported { rows: 1 }
    );
    assert!(projection(&pool, &code("43-3071")).await.unwrap().is_none());

    write(
        dir.path(),
        &[
            TELLERS,
            "47-2111,Electricians,818.7,869.2,50.5,six,81.0,,High school diploma or equivalent,None,Apprenticeship",
        ],
    );
    let err = import_if_changed(&pool, &data).await.unwrap_err();
    assert!(
        err.to_string()
            .ends_with("occupations.csv:3: column change_percent: \"six\" is not a number"),
        "{err}"
    );
    // Nothing of the broken file was written, and it is tried again next time.
    assert!(projection(&pool, &code("47-2111")).await.unwrap().is_some());
    assert!(projection(&pool, &code("43-3071")).await.unwrap().is_none());
    assert!(import_if_changed(&pool, &data).await.is_err());
}
