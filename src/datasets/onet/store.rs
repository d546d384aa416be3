//! SQLite side of the O*NET ratings: the start-up import and the reads. The
//! schema is migrations/0011_onet.sql.
use std::path::Path;

use sha2::{Digest, Sha256};
use sqlx::types::Json;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::{ELEMENTS_FILE, Element, IMPORTANCE_FILE, OnetError, Ratings, parse};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Both files hash to what the last import recorded; nothing was written.
    Unchanged,
    Imported {
        occupations: usize,
    },
}

async fn read(path: &Path) -> Result<(Vec<u8>, String), OnetError> {
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|source| OnetError::Read {
            file: path.to_owned(),
            source,
        })?;
    let sha = hex::encode(Sha256::digest(&bytes));
    Ok((bytes, sha))
}

/// Loads both files from `data_dir` unless both are what the last import
/// recorded. Both are parsed whole before anything is written, and the
/// tables replaced in one transaction.
pub async fn import_if_changed(
    pool: &SqlitePool,
    data_dir: &Path,
) -> Result<ImportOutcome, OnetError> {
    let elements_path = data_dir.join(ELEMENTS_FILE);
    let importance_path = data_dir.join(IMPORTANCE_FILE);
    let (elements_bytes, elements_sha) = read(&elements_path).await?;
    let (importance_bytes, importance_sha) = read(&importance_path).await?;
    let recorded: Vec<(String, String)> = sqlx::query_as("SELECT file, sha256 FROM onet_imports")
        .fetch_all(pool)
        .await?;
    let is_recorded = |file: &str, sha: &str| recorded.iter().any(|(f, s)| f == file && s == sha);
    if is_recorded(ELEMENTS_FILE, &elements_sha) && is_recorded(IMPORTANCE_FILE, &importance_sha) {
        return Ok(ImportOutcome::Unchanged);
    }
    let elements = parse::elements(&elements_path, &elements_bytes)?;
    let ratings = parse::importance(&importance_path, &importance_bytes, &elements)?;

    let mut tx = pool.begin().await?;
    for table in ["onet_ratings", "onet_elements", "onet_imports"] {
        // Table names are constants of this module, never input.
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&mut *tx)
            .await?;
    }
    let mut insert: QueryBuilder<Sqlite> =
        QueryBuilder::new("INSERT INTO onet_elements (position, element_id, name, kind) ");
    insert.push_values(elements.iter().enumerate(), |mut row, (i, e)| {
        row.push_bind(i as i64)
            .push_bind(&e.element_id)
            .push_bind(&e.name)
            .push_bind(&e.kind);
    });
    insert.build().persistent(false).execute(&mut *tx).await?;
    // 3 values a row: 500 rows stay far below SQLite's parameter limit.
    for chunk in ratings.chunks(500) {
        let mut insert: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT INTO onet_ratings (soc_code, title, ratings) ");
        insert.push_values(chunk, |mut row, r| {
            row.push_bind(&r.soc_code)
                .push_bind(&r.title)
                .push_bind(Json(&r.importance));
        });
        insert.build().persistent(false).execute(&mut *tx).await?;
    }
    for (file, sha, rows) in [
        (ELEMENTS_FILE, &elements_sha, elements.len()),
        (IMPORTANCE_FILE, &importance_sha, ratings.len()),
    ] {
        sqlx::query("INSERT INTO onet_imports (file, sha256, row_count) VALUES (?, ?, ?)")
            .bind(file)
            .bind(sha)
            .bind(i64::try_from(rows).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!(dir = %data_dir.display(), occupations = ratings.len(), "O*NET ratings imported");
    Ok(ImportOutcome::Imported {
        occupations: ratings.len(),
    })
}

pub async fn has_imported_data(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM onet_imports)")
        .fetch_one(pool)
        .await
}

/// The SHA-256 of each imported file: the data's identity for the export.
pub async fn import_hashes(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT sha256 FROM onet_imports ORDER BY file")
        .fetch_all(pool)
        .await
}

/// The rated dimensions, in the order of every rating list.
pub async fn elements(pool: &SqlitePool) -> Result<Vec<Element>, sqlx::Error> {
    sqlx::query_as("SELECT element_id, name, kind FROM onet_elements ORDER BY position")
        .fetch_all(pool)
        .await
}

/// Every occupation's ratings (775 short rows: read whole, once per start).
pub async fn ratings(pool: &SqlitePool) -> Result<Vec<Ratings>, sqlx::Error> {
    let rows: Vec<(String, String, Json<Vec<f64>>)> =
        sqlx::query_as("SELECT soc_code, title, ratings FROM onet_ratings ORDER BY soc_code")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(soc_code, title, Json(importance))| Ratings {
            soc_code,
            title,
            importance,
        })
        .collect())
}

#[cfg(test)]
mod tests {

    use tempfile::TempDir;

    use super::*;

    #[tokio::test]
    async fn imports_once_reads_back_and_keeps_the_old_data_on_a_broken_file() {
        let dir = TempDir::new().unwrap();
        let pool = crate::db::test_pool(
            dir.path(),
            &[include_str!("../../../migrations/0011_onet.sql")],
        )
        .await;
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(
            data.join(ELEMENTS_FILE),
            "element_id,element_name,kind\n2.A.1.a,Reading Comprehension,skill\n4.A.3.a.1,Performing General Physical Activities,work_activity\n",
        )
        .unwrap();
        let importance = data.join(IMPORTANCE_FILE);
        std::fs::write(
            &importance,
            "soc_code,title,2.A.1.a,4.A.3.a.1\n47-2111,Electricians,3.0,4.5\n15-1252,Software Developers,4.25,1.5\n",
        )
        .unwrap();
        assert_eq!(
            import_if_changed(&pool, &data).await.unwrap(),
            ImportOutcome::Imported { occupations: 2 }
        );
        assert_eq!(
            import_if_changed(&pool, &data).await.unwrap(),
            ImportOutcome::Unchanged
        );
        assert_eq!(
            elements(&pool).await.unwrap()[1].name,
            "Performing General Physical Activities"
        );
        let read = ratings(&pool).await.unwrap();
        assert_eq!(read[0].soc_code, "15-1252");
        assert_eq!(read[0].importance, [4.25, 1.5]);

        std::fs::write(
            &importance,
            "soc_code,title,2.A.1.a,4.A.3.a.1\n47-2111,Electricians,3.0,x\n",
        )
        .unwrap();
        let err = import_if_changed(&pool, &data).await.unwrap_err();
        assert!(
            err.to_string().ends_with(
                "importance.csv:2: column 4.A.3.a.1: \"x\" is not an importance rating from 1 to 5"
            ),
            "{err}"
        );
        assert_eq!(ratings(&pool).await.unwrap().len(), 2);
    }
}
