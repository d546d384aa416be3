//! Multi-row inserts: each statement is a round trip to the database
//! thread, so rows go in as few statements as SQLite's parameter limit
//! allows.
use sqlx::{QueryBuilder, Sqlite, Transaction};

/// Far under SQLite's limit (32,766 bound parameters): a statement's values
/// are copied into it, and past a few hundred rows more rows per statement
/// save no time, only hold more memory (the file records are about 800
/// bytes each).
const MAX_BINDS: usize = 2_000;

/// Inserts `rows` with as few statements as the parameter limit allows:
/// `head` is the `INSERT INTO t (cols) ` part, `tail` what follows the
/// values (e.g. an upsert clause), `columns` the binds per row.
pub(super) async fn insert_rows<T>(
    tx: &mut Transaction<'_, Sqlite>,
    head: &str,
    tail: &str,
    columns: usize,
    rows: Vec<T>,
    bind: impl Fn(sqlx::query_builder::Separated<'_, Sqlite, &'static str>, T) + Copy,
) -> Result<(), sqlx::Error> {
    let per_statement = (MAX_BINDS / columns).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut query = QueryBuilder::<Sqlite>::new(head);
        query.push_values(rows.by_ref().take(per_statement), |row, item| {
            bind(row, item)
        });
        query.push(tail);
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}
