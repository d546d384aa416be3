-- What a search compares a query with to rank exact matches first: the
-- title and each everyday name (`also_known_as`) as search keys
-- (crate::search::key: lower case, words singular, single spaces), the
-- names '|'-separated. Every start re-syncs content, which fills them.
ALTER TABLE roles ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
ALTER TABLE roles ADD COLUMN alias_keys TEXT NOT NULL DEFAULT '';
ALTER TABLE roles ADD COLUMN also_known_as_json TEXT NOT NULL DEFAULT '[]';
