-- Structured facts of a role (see docs/content.md): typical entry-level
-- education and AI impact as closed lists, how its BLS occupation matches
-- it, and the sources its facts come from. Every start re-syncs content, so
-- the defaults only bridge rows written before this migration.
ALTER TABLE roles ADD COLUMN education_level TEXT NOT NULL DEFAULT '';
ALTER TABLE roles ADD COLUMN ai_impact_level TEXT NOT NULL DEFAULT '';
ALTER TABLE roles ADD COLUMN soc_match TEXT;          -- 'exact' | 'related'; NULL without soc_code
ALTER TABLE roles ADD COLUMN soc_match_reason TEXT;   -- only when 'related'

CREATE INDEX roles_by_education ON roles (education_level);

CREATE TABLE role_sources (
    role_slug TEXT NOT NULL REFERENCES roles (slug) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT NOT NULL,
    publisher TEXT NOT NULL,
    url       TEXT NOT NULL,
    accessed  TEXT NOT NULL, -- YYYY-MM-DD
    PRIMARY KEY (role_slug, position)
);
