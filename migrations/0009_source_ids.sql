-- A source's id: the body cites it as `[^id]`, and the page's Sources list
-- names each entry `#source-<id>`. Every start re-syncs content (the loader
-- build is part of each file's hash), so the default only bridges old rows.
ALTER TABLE role_sources ADD COLUMN source_id TEXT NOT NULL DEFAULT '';
-- Why a profile's education level differs from BLS's on purpose.
ALTER TABLE roles ADD COLUMN education_level_reason TEXT;
