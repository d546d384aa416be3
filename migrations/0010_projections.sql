-- BLS Employment Projections 2024-34 (Table 1.2), loaded from
-- data/bls-ep-2024-34/occupations.csv by crate::projections::import_if_changed.
-- Replaced wholesale in one transaction when the file's SHA-256 changes;
-- nothing else writes here, and only crate::projections reads these tables
-- (the finder's query joins them for its filters and sorts).
CREATE TABLE ep_projections (
    soc_code         TEXT PRIMARY KEY NOT NULL, -- NN-NNNN
    title            TEXT NOT NULL,             -- the matrix title
    employment_2024  INTEGER NOT NULL,          -- jobs
    employment_2034  INTEGER NOT NULL,          -- jobs
    change_percent   REAL NOT NULL,             -- negative = decline
    annual_openings  INTEGER NOT NULL,          -- average a year, 2024-34
    education        TEXT NOT NULL,             -- crate::domain::EducationLevel
    experience       TEXT NOT NULL,             -- crate::domain::WorkExperience
    training         TEXT NOT NULL              -- crate::domain::Training
) WITHOUT ROWID;

CREATE TABLE ep_imports (
    file       TEXT PRIMARY KEY NOT NULL,
    sha256     TEXT NOT NULL,
    row_count  INTEGER NOT NULL
);
