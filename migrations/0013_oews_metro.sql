-- OEWS May 2025 estimates for 528 metropolitan and nonmetropolitan areas,
-- loaded from data/oews-2025-metro/metros.csv.gz by
-- crate::oews::metro::import_if_changed (recorded in oews_imports under the
-- file name). Replaced wholesale when the file's SHA-256 changes. Keyed by
-- occupation first: pages ask "this occupation in every area".
CREATE TABLE oews_metro_wages (
    area_code          TEXT NOT NULL,
    area_name          TEXT NOT NULL,
    soc_code           TEXT NOT NULL,
    employment         INTEGER,
    annual_p10         INTEGER,
    annual_p25         INTEGER,
    annual_median      INTEGER,
    annual_p75         INTEGER,
    annual_p90         INTEGER,
    location_quotient  REAL,
    hourly_p10         REAL,
    hourly_p25         REAL,
    hourly_median      REAL,
    hourly_p75         REAL,
    hourly_p90         REAL,
    PRIMARY KEY (soc_code, area_code)
) WITHOUT ROWID;

-- Whether an area code exists at all (a 400 for an unknown one).
CREATE INDEX oews_metro_wages_by_area ON oews_metro_wages (area_code);
