use std::path::{Path, PathBuf};
use std::time::Instant;

use tempfile::TempDir;

use super::*;

const HEADER: &str = "soc_code,occupation,level,employment,employment_rse,hourly_mean,annual_mean,wage_rse,hourly_p10,hourly_p25,hourly_median,hourly_p75,hourly_p90,annual_p10,annual_p25,annual_median,annual_p75,annual_p90,jobs_per_1000,location_quotient,footnotes";
const NATIONAL: &[&str] = &[
    "00-0000,All Occupations,0,155495730,0.0,33.54,69770,0.1,15.00,18.07,24.51,38.71,61.81,31200,37590,50980,80520,128560,,,",
    "15-0000,Computer and Mathematical Occupations,0,5260110,0.3,57.73,120080,0.3,27.98,37.89,52.54,74.92,92.05,58200,78820,109280,155830,191450,,,",
    "15-1250,\"Software and Web Developers, Programmers, and Testers\",2,2000000,0.5,60.00,125000,0.4,30.00,40.00,55.00,75.00,95.00,62000,83000,115000,156000,198000,,,",
    "15-1252,Software Developers,3,1687890,0.6,71.20,148100,0.4,39.64,50.58,65.38,82.68,103.21,82460,105210,135980,171980,214670,,,",
    "15-1251,Computer Programmers,3,121200,1.8,53.06,110370,0.8,24.98,33.72,47.62,66.16,85.50,51950,70140,99050,137600,177840,,,",
    "27-2042,Musicians and Singers,3,33130,5.1,-,-,-,-,-,-,-,-,-,-,-,-,-,,,4",
];
const STATES: &[&str] = &[
    "area_code,area_name,soc_code,occupation,level,employment,employment_rse,hourly_mean,annual_mean,wage_rse,hourly_p10,hourly_p25,hourly_median,hourly_p75,hourly_p90,annual_p10,annual_p25,annual_median,annual_p75,annual_p90,jobs_per_1000,location_quotient,footnotes",
    "5600000,Wyoming,15-1252,Software Developers,3,540,14.2,50.11,104220,2.7,30.00,40.00,48.00,60.00,75.00,62400,83200,99840,124800,156000,1.930,0.20,",
    "0100000,Alabama,15-1252,Software Developers,3,9360,5.3,55.42,115270,1.6,32.21,42.25,53.91,66.36,79.94,67000,87880,112130,138040,166270,4.429,0.41,",
    "7200000,Puerto Rico,15-1252,Software Developers,3,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,8",
    "0100000,Alabama,15-1251,Computer Programmers,3,610,20.1,40.00,83200,3.0,20.00,30.00,38.00,50.00,60.00,41600,62400,79040,104000,124800,0.289,0.31,",
];

/// A fresh database file in `dir` with this module's schema only.
async fn pool_in(dir: &Path) -> SqlitePool {
    crate::db::test_pool(
        dir,
        &[
            include_str!("../../../../migrations/0002_oews.sql"),
            include_str!("../../../../migrations/0004_oews_hourly.sql"),
        ],
    )
    .await
}

/// Writes the sample files into `dir`/data and returns that directory.
fn write_data(dir: &Path, national: &[&str], states: &[&str]) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut text = format!("{HEADER}\n");
    for row in national {
        text.push_str(row);
        text.push('\n');
    }
    std::fs::write(data.join("national.csv"), text).unwrap();
    std::fs::write(data.join("states.csv"), states.join("\n") + "\n").unwrap();
    data
}

fn code(s: &str) -> SocCode {
    SocCode::parse(s).unwrap()
}

#[tokio::test]
async fn imports_reads_back_and_skips_unchanged_files() {
    let dir = TempDir::new().unwrap();
    let pool = pool_in(dir.path()).await;
    let data = write_data(dir.path(), NATIONAL, STATES);

    let outcome = import_if_changed(&pool, &data).await.unwrap();
    let expected = ImportOutcome::Imported {
        national_rows: 6,
        state_rows: 4,
    };
    assert_eq!(outcome, expected);

    let dev = occupation(&pool, &code("15-1252")).await.unwrap().unwrap();
    assert_eq!(dev.title, "Software Developers");
    assert_eq!(dev.annual_median, Some(135_980));
    assert_eq!(dev.hourly_median, Some(65.38));
    assert_eq!(
        dev.hourly_percentiles(),
        [
            Some(3_964),
            Some(5_058),
            Some(6_538),
            Some(8_268),
            Some(10_321)
        ]
    );
    let musicians = occupation(&pool, &code("27-2042")).await.unwrap().unwrap();
    assert_eq!(musicians.percentiles(), [None; 5]);
    assert_eq!(musicians.footnotes, "4");
    assert!(occupation(&pool, &code("99-9999")).await.unwrap().is_none());

    let detailed = detailed_occupations(&pool).await.unwrap();
    let codes: Vec<&str> = detailed.iter().map(|o| o.soc_code.as_str()).collect();
    assert_eq!(codes, ["15-1251", "15-1252", "27-2042"]);
    let groups = major_groups(&pool).await.unwrap();
    let codes: Vec<&str> = groups.iter().map(|o| o.soc_code.as_str()).collect();
    assert_eq!(codes, ["15-0000"]);

    let states = state_wages(&pool, &code("15-1252")).await.unwrap();
    let names: Vec<&str> = states.iter().map(|s| s.area_name.as_str()).collect();
    assert_eq!(names, ["Alabama", "Puerto Rico", "Wyoming"]);
    assert_eq!(states[0].annual_median, Some(112_130));
    assert_eq!(states[0].location_quotient, Some(0.41));
    assert_eq!(states[0].hourly_percentiles()[2], Some(5_391));
    assert_eq!(states[1].hourly_percentiles(), [None; 5]);
    assert_eq!(states[1].employment, None);
    assert_eq!(states[1].location_quotient, None);

    // What a role page reads: the areas to choose from, then one area.
    let areas = state_areas(&pool, &code("15-1252")).await.unwrap();
    let area_pairs: Vec<(&str, &str)> = areas
        .iter()
        .map(|a| (a.area_code.as_str(), a.area_name.as_str()))
        .collect();
    let state_pairs: Vec<(&str, &str)> = states
        .iter()
        .map(|s| (s.area_code.as_str(), s.area_name.as_str()))
        .collect();
    assert_eq!(area_pairs, state_pairs);
    for wage in &states {
        let one = state_wage(&pool, &code("15-1252"), &wage.area_code).await;
        assert_eq!(one.unwrap().as_ref(), Some(wage));
    }
    let elsewhere = state_wage(&pool, &code("27-2042"), &states[0].area_code).await;
    assert_eq!(elsewhere.unwrap(), None);
    assert!(
        state_areas(&pool, &code("27-2042"))
            .await
            .unwrap()
            .is_empty()
    );

    assert_eq!(
        import_if_changed(&pool, &data).await.unwrap(),
        ImportOutcome::Unchanged
    );

    // One changed file is enough to re-import both.
    write_data(dir.path(), NATIONAL, &STATES[..3]);
    assert_eq!(
        import_if_changed(&pool, &data).await.unwrap(),
        ImportOutcome::Imported {
            national_rows: 6,
            state_rows: 2
        }
    );
    let states = state_wages(&pool, &code("15-1252")).await.unwrap();
    assert_eq!(states.len(), 2);
    assert!(
        state_wages(&pool, &code("15-1251"))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_broken_file_leaves_the_previous_data_intact() {
    let dir = TempDir::new().unwrap();
    let pool = pool_in(dir.path()).await;
    let data = write_data(dir.path(), NATIONAL, STATES);
    import_if_changed(&pool, &data).await.unwrap();

    // national.csv is fine and changed; states.csv has a marker on line 3.
    let mut national = NATIONAL.to_vec();
    national.pop();
    let mut states = STATES.to_vec();
    let bad = states[2].replace("112130", "*");
    states[2] = &bad;
    write_data(dir.path(), &national, &states);

    let err = import_if_changed(&pool, &data).await.unwrap_err();
    let expected = format!(
        "{}:3: column annual_median: \"*\" is not a number",
        data.join("states.csv").display()
    );
    assert_eq!(err.to_string(), expected);

    // Everything from the first import is still there, hashes included.
    let musicians = occupation(&pool, &code("27-2042")).await.unwrap();
    assert!(musicians.is_some());
    assert_eq!(state_wages(&pool, &code("15-1252")).await.unwrap().len(), 3);
    let recorded: Vec<(String, i64)> =
        sqlx::query_as("SELECT file, row_count FROM oews_imports ORDER BY file")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        recorded,
        [("national.csv".to_owned(), 6), ("states.csv".to_owned(), 4)]
    );

    // Fixed, it imports.
    write_data(dir.path(), &national, STATES);
    assert_eq!(
        import_if_changed(&pool, &data).await.unwrap(),
        ImportOutcome::Imported {
            national_rows: 5,
            state_rows: 4
        }
    );
}

#[tokio::test]
async fn a_missing_file_is_an_error_naming_it() {
    let dir = TempDir::new().unwrap();
    let pool = pool_in(dir.path()).await;
    let err = import_if_changed(&pool, &dir.path().join("nowhere"))
        .await
        .unwrap_err();
    assert!(matches!(err, OewsError::Read { .. }), "{err:?}");
    assert!(err.to_string().ends_with("nowhere/national.csv"), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn values_sql_has_one_group_per_row() {
    assert_eq!(
        values_sql("INSERT INTO t (a, b) VALUES ", 2, 3),
        "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)"
    );
}

fn real_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/oews-2025")
}

#[tokio::test]
async fn the_real_files_import() {
    let dir = TempDir::new().unwrap();
    let pool = pool_in(dir.path()).await;
    let outcome = import_if_changed(&pool, &real_data()).await.unwrap();
    assert_eq!(
        outcome,
        ImportOutcome::Imported {
            national_rows: 1104,
            state_rows: 37_408
        }
    );
    let dev = occupation(&pool, &code("15-1252")).await.unwrap().unwrap();
    assert_eq!(dev.annual_median, Some(135_980));
    assert_eq!(detailed_occupations(&pool).await.unwrap().len(), 830);
    assert_eq!(major_groups(&pool).await.unwrap().len(), 22);
    let states = state_wages(&pool, &code("15-1252")).await.unwrap();
    assert!(states.len() > 50, "{}", states.len());
    assert!(states.windows(2).all(|w| w[0].area_name <= w[1].area_name));
}

/// A benchmark, not a check: `benches/oews_import.sh` runs it in release.
#[tokio::test]
#[ignore = "benchmark; run with benches/oews_import.sh"]
async fn bench_import_real_files() {
    let dir = TempDir::new().unwrap();
    let pool = pool_in(dir.path()).await;
    let started = Instant::now();
    let outcome = import_if_changed(&pool, &real_data()).await.unwrap();
    let import_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let again = import_if_changed(&pool, &real_data()).await.unwrap();
    let unchanged_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "oews import: {outcome:?} in {import_ms:.1} ms (fresh database, read + hash + parse + write)"
    );
    println!("oews import: {again:?} in {unchanged_ms:.1} ms (second call: read + hash only)");
    let started = Instant::now();
    let dataset = super::super::read_dataset(&real_data()).unwrap();
    let parse_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "oews import: read + parse alone: {} + {} rows in {parse_ms:.1} ms",
        dataset.national.len(),
        dataset.states.len()
    );
}
