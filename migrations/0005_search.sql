-- Full-text search (SQLite FTS5). Both indexes are rebuilt from the content
-- and the wage tables inside the content sync's transaction, so a search
-- never disagrees with the pages. Columns are ordered as bm25() weighs them:
-- the title above its old names, the summary above the skills, the skills
-- above the body text.
CREATE VIRTUAL TABLE role_search USING fts5(
    slug UNINDEXED,
    title,
    aliases,   -- former slugs, hyphens as spaces: old titles
    summary,
    skills,
    body,      -- duties, overview, qualifications, outlook, FAQ: plain text
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- The BLS detailed occupations (the /salaries/{soc} pages), by title.
CREATE VIRTUAL TABLE occupation_search USING fts5(
    soc_code UNINDEXED,
    title,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Every word of every role title, former slug and BLS title, lowercased:
-- the dictionary a misspelt query is corrected against ("did you mean").
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY NOT NULL,
    uses INTEGER NOT NULL -- how many titles use it: ties go to the commoner word
) WITHOUT ROWID;

-- Search leaves drafts out by rowid, outside preview.
CREATE INDEX roles_drafts ON roles (draft) WHERE draft = 1;
