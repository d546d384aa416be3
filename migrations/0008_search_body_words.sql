-- The body text is indexed as the set of its distinct words, not as prose:
-- a word common to every profile then costs one entry per profile instead
-- of one per occurrence, which is what ranking a query that matches every
-- profile spends its time on (and most of what building the index costs).
-- bm25 loses the body's term frequency, the column weighted lowest. The
-- prose is kept, unindexed, for the result snippet, which marks the words
-- FTS5 matched in `body_words` (see `crate::search::snippet::window`).
DROP TABLE role_search;
CREATE VIRTUAL TABLE role_search USING fts5(
    slug UNINDEXED,
    title,
    aliases,    -- former slugs, hyphens as spaces: old titles
    summary,
    skills,
    body_words, -- distinct words of the duties, overview, qualifications, outlook, FAQ
    body UNINDEXED, -- the same as plain text, for snippets
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Every role file is read again on the next publish, which refills the index.
DELETE FROM content_files;
