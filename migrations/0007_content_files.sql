-- What the last publish read of each role file: the hash of its text (and of
-- the loader build that read it), and (compressed JSON) the facts the checks across
-- files need plus the file's own diagnostics. A publish parses only the
-- files whose hash changed; written in the sync's transaction, so it always
-- describes the roles the database holds.
CREATE TABLE content_files (
    path   TEXT PRIMARY KEY NOT NULL,
    hash   TEXT NOT NULL,
    record BLOB NOT NULL  -- zstd-compressed JSON: content::facts::FileRecord
) WITHOUT ROWID;
