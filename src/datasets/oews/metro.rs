//! OEWS May 2025 estimates for metropolitan and nonmetropolitan areas: the
//! same release and columns as the state file, kept gzip-compressed in the
//! repository and read compressed. Imported like the state file (only when
//! the file changes; a bad row names file, line and column and leaves the
//! previous import), and read by occupation for pages.
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use flate2::read::GzDecoder;
use sha2::{Digest, Sha256};
use sqlx::types::Json;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::{OewsError, SocCode, StateArea, StateWage, parse, postal};

/// The file inside the metro data directory.
pub const METROS_FILE: &str = "metros.csv.gz";

/// Areas with fewer workers in an occupation than this are left out of
/// "where it pays most": their estimates are the least reliable.
pub const MIN_EMPLOYMENT_FOR_RANKING: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Unchanged,
    Imported { rows: usize },
}

/// Loads `metros.csv.gz` from `dir` unless it is what the last import
/// recorded.
pub async fn import_if_changed(pool: &SqlitePool, dir: &Path) -> Result<ImportOutcome, OewsError> {
    let path = dir.join(METROS_FILE);
    let compressed = tokio::fs::read(&path)
        .await
        .map_err(|source| OewsError::Read {
            file: path.clone(),
            source,
        })?;
    let sha256 = hex::encode(Sha256::digest(&compressed));
    let recorded: Option<String> =
        sqlx::query_scalar("SELECT sha256 FROM oews_imports WHERE file = ?")
            .bind(METROS_FILE)
            .fetch_optional(pool)
            .await?;
    if recorded.as_deref() == Some(sha256.as_str()) {
        return Ok(ImportOutcome::Unchanged);
    }
    // 11 MB compressed, 33 MB of CSV, streamed: CPU work, off the async
    // workers, and never held whole.
    let label = path.clone();
    let parsed = match tokio::task::spawn_blocking(move || collect(&label, &compressed)).await {
        Ok(parsed) => parsed?,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    };
    let started = std::time::Instant::now();
    let mut tx = pool.begin().await?;
    for statement in [
        "DELETE FROM oews_metro_wages",
        "DELETE FROM oews_metro_areas",
        "DELETE FROM oews_imports WHERE file = 'metros.csv.gz'",
    ] {
        sqlx::query(statement).execute(&mut *tx).await?;
    }
    for chunk in parsed.areas.chunks(400) {
        let mut insert: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT INTO oews_metro_areas (area_code, area_name) ");
        insert.push_values(chunk, |mut row, (code, name)| {
            row.push_bind(code).push_bind(name);
        });
        insert.build().persistent(false).execute(&mut *tx).await?;
    }
    for chunk in parsed.occupations.chunks(400) {
        let mut insert: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT INTO oews_metro_wages (soc_code, areas) ");
        insert.push_values(chunk, |mut row, (code, areas)| {
            row.push_bind(code).push_bind(areas);
        });
        insert.build().persistent(false).execute(&mut *tx).await?;
    }
    sqlx::query("INSERT INTO oews_imports (file, sha256, row_count) VALUES (?, ?, ?)")
        .bind(METROS_FILE)
        .bind(&sha256)
        .bind(i64::try_from(parsed.rows).unwrap_or(i64::MAX))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(
        rows = parsed.rows,
        occupations = parsed.occupations.len(),
        write_ms = started.elapsed().as_millis() as u64,
        "OEWS metro wage data imported"
    );
    Ok(ImportOutcome::Imported { rows: parsed.rows })
}

/// The file, grouped for storage.
struct Parsed {
    /// (area code, name), by code.
    areas: Vec<(String, String)>,
    /// (SOC code, its areas as the JSON array the table stores).
    occupations: Vec<(String, String)>,
    rows: usize,
}

/// One area's figures as stored: see migrations/0013_oews_metro.sql.
type Stored = (
    String,
    Option<i64>,
    [Option<i64>; 5],
    [Option<f64>; 5],
    Option<f64>,
);

/// Streams the compressed file through the validating parser, appending
/// each detailed occupation's row to that occupation's JSON array as it
/// comes: what is held is the arrays themselves, not 186,000 rows.
fn collect(file: &Path, compressed: &[u8]) -> Result<Parsed, OewsError> {
    let mut areas: Vec<(String, String)> = Vec::new();
    let mut area_index: HashMap<String, u16> = HashMap::new();
    let mut by_code: BTreeMap<String, (String, HashMap<u16, u64>)> = BTreeMap::new();
    let mut rows = 0;
    parse::area_rows(file, GzDecoder::new(compressed), |at, w| {
        // The all-occupations rows are not shown.
        if w.soc_code.as_str() == "00-0000" {
            return Ok(());
        }
        let area = match area_index.get(&w.area_code) {
            Some(i) => *i,
            None => {
                let i = u16::try_from(areas.len()).unwrap_or(u16::MAX);
                area_index.insert(w.area_code.clone(), i);
                areas.push((w.area_code.clone(), w.area_name.clone()));
                i
            }
        };
        let (json, seen) = by_code.entry(w.soc_code.to_string()).or_default();
        if let Some(first_line) = seen.insert(area, at.line) {
            let what = format!("SOC code {} in area {}", w.soc_code, w.area_code);
            return Err(at.duplicate(first_line, what));
        }
        let row: Stored = (
            w.area_code,
            w.employment,
            [
                w.annual_p10,
                w.annual_p25,
                w.annual_median,
                w.annual_p75,
                w.annual_p90,
            ],
            [
                w.hourly_p10,
                w.hourly_p25,
                w.hourly_median,
                w.hourly_p75,
                w.hourly_p90,
            ],
            w.location_quotient,
        );
        json.push(if json.is_empty() { '[' } else { ',' });
        json.push_str(&serde_json::to_string(&row).expect("numbers and text serialize"));
        rows += 1;
        Ok(())
    })?;
    areas.sort();
    let occupations = by_code
        .into_iter()
        .map(|(code, (mut json, _))| {
            json.push(']');
            (code, json)
        })
        .collect();
    Ok(Parsed {
        areas,
        occupations,
        rows,
    })
}

/// True when an earlier import left metro data in the database.
pub async fn has_imported_data(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM oews_imports WHERE file = ?)")
        .bind(METROS_FILE)
        .fetch_one(pool)
        .await
}

/// Every area that published `code`, by area name.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn wages(pool: &SqlitePool, code: &SocCode) -> Result<Vec<StateWage>, sqlx::Error> {
    let stored: Option<Json<Vec<Stored>>> =
        sqlx::query_scalar("SELECT areas FROM oews_metro_wages WHERE soc_code = ?")
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?;
    let Some(Json(stored)) = stored else {
        return Ok(Vec::new());
    };
    let names: HashMap<String, String> =
        sqlx::query_as("SELECT area_code, area_name FROM oews_metro_areas")
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let mut wages: Vec<StateWage> = stored
        .into_iter()
        .map(
            |(area_code, employment, annual, hourly, location_quotient)| StateWage {
                area_name: names.get(&area_code).cloned().unwrap_or_default(),
                area_code,
                soc_code: code.clone(),
                employment,
                annual_p10: annual[0],
                annual_p25: annual[1],
                annual_median: annual[2],
                annual_p75: annual[3],
                annual_p90: annual[4],
                hourly_p10: hourly[0],
                hourly_p25: hourly[1],
                hourly_median: hourly[2],
                hourly_p75: hourly[3],
                hourly_p90: hourly[4],
                location_quotient,
            },
        )
        .collect();
    wages.sort_by(|a, b| a.area_name.cmp(&b.area_name));
    Ok(wages)
}

/// The annual median of `code` in one area, if published: one row read,
/// no names (the finder asks this for every result).
pub async fn median(
    pool: &SqlitePool,
    code: &SocCode,
    area_code: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let stored: Option<Json<Vec<Stored>>> =
        sqlx::query_scalar("SELECT areas FROM oews_metro_wages WHERE soc_code = ?")
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?;
    Ok(stored.and_then(|Json(rows)| {
        rows.into_iter()
            .find(|r| r.0 == area_code)
            .and_then(|r| r.2[2])
    }))
}

/// The wages of `code` in one area, if it published them.
pub async fn wage(
    pool: &SqlitePool,
    code: &SocCode,
    area_code: &str,
) -> Result<Option<StateWage>, sqlx::Error> {
    Ok(wages(pool, code)
        .await?
        .into_iter()
        .find(|w| w.area_code == area_code))
}

/// The name of the area `area_code`, if BLS publishes any estimate there.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn area_name(pool: &SqlitePool, area_code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT area_name FROM oews_metro_areas WHERE area_code = ?")
        .bind(area_code)
        .fetch_optional(pool)
        .await
}

/// The areas that published `code`, by name (for the area picker).
pub async fn areas(pool: &SqlitePool, code: &SocCode) -> Result<Vec<StateArea>, sqlx::Error> {
    Ok(wages(pool, code)
        .await?
        .into_iter()
        .map(|w| StateArea {
            area_code: w.area_code,
            area_name: w.area_name,
        })
        .collect())
}

/// The postal codes of the states an area lies in: those after the last
/// comma of a metro area's name ("Kansas City, MO-KS"), or the state whose
/// FIPS code begins a nonmetropolitan area's code (`3000001`: Montana).
pub fn area_states(area_code: &str, area_name: &str) -> Vec<&'static str> {
    if !area_code.starts_with("00") {
        let state_area = format!("{}00000", area_code.get(..2).unwrap_or_default());
        return postal::postal_code(&state_area).into_iter().collect();
    }
    area_name
        .rsplit_once(", ")
        .map(|(_, states)| {
            states
                .split('-')
                .filter_map(|s| postal::parse_postal(s.trim()))
                .collect()
        })
        .unwrap_or_default()
}

/// An OEWS metro or nonmetro area code: seven digits.
pub fn is_area_code(text: &str) -> bool {
    text.len() == 7 && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::GzEncoder;
    use tempfile::TempDir;

    use super::*;

    const HEADER: &str = "area_code,area_name,soc_code,occupation,level,employment,employment_rse,hourly_mean,annual_mean,wage_rse,hourly_p10,hourly_p25,hourly_median,hourly_p75,hourly_p90,annual_p10,annual_p25,annual_median,annual_p75,annual_p90,jobs_per_1000,location_quotient,footnotes";
    const SAN_JOSE: &str = "0041940,\"San Jose-Sunnyvale-Santa Clara, CA\",15-1252,Software Developers,3,87350,2.1,100.00,208000,1.0,55.00,75.00,102.46,125.00,150.00,114400,156000,213110,260000,312000,70.0,7.5,";

    fn write_gz(path: &Path, rows: &[&str]) {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        writeln!(gz, "{HEADER}").unwrap();
        for row in rows {
            writeln!(gz, "{row}").unwrap();
        }
        std::fs::write(path, gz.finish().unwrap()).unwrap();
    }

    #[tokio::test]
    async fn imports_the_compressed_file_once_and_keeps_it_when_a_new_one_is_broken() {
        let dir = TempDir::new().unwrap();
        let pool = crate::db::test_pool(
            dir.path(),
            &[
                include_str!("../../../migrations/0002_oews.sql"),
                include_str!("../../../migrations/0004_oews_hourly.sql"),
                include_str!("../../../migrations/0013_oews_metro.sql"),
            ],
        )
        .await;
        let file = dir.path().join(METROS_FILE);
        write_gz(&file, &[SAN_JOSE]);
        assert_eq!(
            import_if_changed(&pool, dir.path()).await.unwrap(),
            ImportOutcome::Imported { rows: 1 }
        );
        assert_eq!(
            import_if_changed(&pool, dir.path()).await.unwrap(),
            ImportOutcome::Unchanged
        );
        let code = SocCode::parse("15-1252").unwrap();
        let wage = wage(&pool, &code, "0041940").await.unwrap().unwrap();
        assert_eq!(wage.annual_median, Some(213_110));
        assert_eq!(
            area_name(&pool, "0041940").await.unwrap().as_deref(),
            Some("San Jose-Sunnyvale-Santa Clara, CA")
        );

        write_gz(
            &file,
            &[
                SAN_JOSE,
                &SAN_JOSE
                    .replace("0041940", "0031080")
                    .replace("213110", "lots"),
            ],
        );
        let err = import_if_changed(&pool, dir.path())
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("metros.csv.gz:3: column annual_median: \"lots\" is not a number"),
            "{err}"
        );
        assert_eq!(wages(&pool, &code).await.unwrap().len(), 1);
    }

    #[test]
    fn finds_the_states_of_an_area() {
        assert_eq!(area_states("0028140", "Kansas City, MO-KS"), ["MO", "KS"]);
        assert_eq!(
            area_states("0041940", "San Jose-Sunnyvale-Santa Clara, CA"),
            ["CA"]
        );
        assert_eq!(
            area_states("3000001", "Western Montana nonmetropolitan area"),
            ["MT"]
        );
        assert!(is_area_code("0041940"));
        assert!(!is_area_code("41940"));
        assert!(!is_area_code("00419x0"));
    }
}
