-- O*NET 30.1 skill and work-activity importance ratings, loaded from
-- data/onet-30.1-skills/ by crate::onet::import_if_changed. Replaced
-- wholesale in one transaction when a file's SHA-256 changes; only
-- crate::onet reads these tables.

-- The 76 rated dimensions, in file order: a rating list's positions.
CREATE TABLE onet_elements (
    position    INTEGER PRIMARY KEY NOT NULL,
    element_id  TEXT NOT NULL UNIQUE, -- e.g. 2.A.1.a
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('skill', 'work_activity'))
);

-- One row per O*NET occupation (6-digit SOC code as O*NET keeps it).
CREATE TABLE onet_ratings (
    soc_code  TEXT PRIMARY KEY NOT NULL,
    title     TEXT NOT NULL,
    ratings   TEXT NOT NULL -- JSON array of importance (1-5), in element order
) WITHOUT ROWID;

CREATE TABLE onet_imports (
    file       TEXT PRIMARY KEY NOT NULL,
    sha256     TEXT NOT NULL,
    row_count  INTEGER NOT NULL
);
