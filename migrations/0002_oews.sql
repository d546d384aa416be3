-- BLS OEWS wage estimates, loaded from data/oews-2025/*.csv by
-- crate::oews::import_if_changed. The tables are replaced wholesale in one
-- transaction whenever a source file's SHA-256 changes, so nothing else may
-- write to them. Figures are NULL where BLS did not publish them ("-" in the
-- CSV); they are never stored as 0.

-- One row per SOC code in national.csv (all levels: 0 = total / major
-- group, 1 = minor, 2 = broad, 3 = detailed occupation).
CREATE TABLE oews_occupations (
    soc_code       TEXT PRIMARY KEY NOT NULL, -- NN-NNNN
    title          TEXT NOT NULL,
    level          INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
    employment     INTEGER,
    annual_mean    INTEGER,
    annual_p10     INTEGER,
    annual_p25     INTEGER,
    annual_median  INTEGER,
    annual_p75     INTEGER,
    annual_p90     INTEGER,
    hourly_median  REAL,
    footnotes      TEXT NOT NULL DEFAULT '' -- BLS footnote codes, ';'-separated
);

-- detailed_occupations() and major_groups() filter on level and list in
-- SOC order.
CREATE INDEX oews_occupations_by_level ON oews_occupations (level, soc_code);

-- One row per (occupation, state-level area) in states.csv. Keyed by
-- soc_code first because pages ask "this occupation in every state"; the
-- table has no other readers, so it needs no separate rowid.
CREATE TABLE oews_state_wages (
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
    PRIMARY KEY (soc_code, area_code)
) WITHOUT ROWID;

-- What was imported, so start-up can skip unchanged files.
CREATE TABLE oews_imports (
    file       TEXT PRIMARY KEY NOT NULL, -- file name within the data dir
    sha256     TEXT NOT NULL,             -- lowercase hex
    row_count  INTEGER NOT NULL
);
