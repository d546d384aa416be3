//! The content version: which publish of the content and the wage data the
//! site is serving. It is the one source for page-cache keys, `Last-Modified`
//! and preview reloads.
use std::time::SystemTime;

use sqlx::SqlitePool;
use time::Date;

use crate::datasets::oews;
use crate::db::queries;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentVersion {
    /// 0 at start-up, one more after every publish attempt (`serve --watch`).
    /// Only meaningful within one process: never sent as a validator.
    pub number: u64,
    /// Newest `updated` date of the published (non-draft) roles.
    pub latest_update: Option<Date>,
    /// `Last-Modified` of every page of this version: the later of the newest
    /// `updated` date and the wage data's reference date, at midnight UTC.
    ///
    /// It comes from the content, not from the clock, so every replica and
    /// every restart on the same content sends the same date. A page may
    /// change without its date moving (an edit that does not bump
    /// `updated`, a new release of the code); the strong `ETag`, which
    /// clients send with the date and which wins over it, catches those.
    pub last_modified: SystemTime,
}

impl ContentVersion {
    /// Reads the dates of what the database holds now.
    pub async fn read(pool: &SqlitePool, number: u64) -> Result<Self, sqlx::Error> {
        let latest_update = queries::latest_update(pool).await?;
        let data = oews::REFERENCE_DATE.max(crate::datasets::projections::RELEASE_DATE);
        let newest = latest_update.map_or(data, |d| d.max(data));
        Ok(Self {
            number,
            latest_update,
            last_modified: newest.midnight().assume_utc().into(),
        })
    }
}
