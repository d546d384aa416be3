-- OEWS May 2025 estimates for 528 metropolitan and nonmetropolitan areas,
-- loaded from data/oews-2025-metro/metros.csv.gz by
-- crate::oews::metro::import_if_changed (recorded in oews_imports under the
-- file name). Replaced wholesale when the file's SHA-256 changes.

-- The areas, by their OEWS code.
CREATE TABLE oews_metro_areas (
    area_code  TEXT PRIMARY KEY NOT NULL,
    area_name  TEXT NOT NULL
) WITHOUT ROWID;

-- One row per occupation: every area's figures as one JSON array of
-- [area_code, employment, annual p10, p25, median, p75, p90, hourly p10,
-- p25, median, p75, p90, location quotient], null where not published.
-- Pages always read an occupation's areas together, and 186,000 rows of
-- their own cost seconds to write; 800 rows of arrays cost milliseconds.
CREATE TABLE oews_metro_wages (
    soc_code  TEXT PRIMARY KEY NOT NULL,
    areas     TEXT NOT NULL
) WITHOUT ROWID;
