-- Content synced from content/*.md. Rendered HTML is stored so that requests
-- never touch markdown.
CREATE TABLE categories (
    slug        TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    intro_html  TEXT NOT NULL
);

CREATE TABLE roles (
    slug                TEXT PRIMARY KEY NOT NULL,
    category_slug       TEXT NOT NULL REFERENCES categories (slug),
    title               TEXT NOT NULL,
    summary             TEXT NOT NULL,
    salary_min          INTEGER NOT NULL,
    salary_max          INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    soc_code            TEXT,
    updated             TEXT NOT NULL, -- YYYY-MM-DD
    draft               INTEGER NOT NULL DEFAULT 0,
    education           TEXT NOT NULL,
    experience          TEXT NOT NULL,
    certifications      TEXT NOT NULL,
    employer_types      TEXT NOT NULL,
    growth_outlook      TEXT NOT NULL,
    ai_impact           TEXT NOT NULL,
    skills_json         TEXT NOT NULL, -- JSON array of strings
    overview_html       TEXT NOT NULL,
    qualifications_html TEXT NOT NULL,
    outlook_html        TEXT NOT NULL,
    cover_letter_html   TEXT,
    word_count          INTEGER NOT NULL
);

CREATE INDEX roles_by_category ON roles (category_slug, draft, title);
CREATE INDEX roles_by_soc_code ON roles (soc_code);

CREATE TABLE role_duties (
    role_slug TEXT NOT NULL REFERENCES roles (slug) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    html      TEXT NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (role_slug, position)
);

CREATE TABLE role_faqs (
    role_slug   TEXT NOT NULL REFERENCES roles (slug) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    question    TEXT NOT NULL,
    answer_html TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    PRIMARY KEY (role_slug, position)
);

-- Former slugs of a role: requests for them are redirected.
CREATE TABLE role_aliases (
    alias     TEXT PRIMARY KEY NOT NULL,
    role_slug TEXT NOT NULL REFERENCES roles (slug) ON DELETE CASCADE
);
