-- The registries: IANA's HTTP status and OAuth error registries, and the statuses the OAuth
-- RFCs prescribe, as the CSV tables their publishers give out.

-- A registry is a fourth kind of source. SQLite cannot change a CHECK in place, so the table
-- is rebuilt (the migrator runs this with foreign keys off and checks them after).
CREATE TABLE vendor_new (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE
        CHECK (length(slug) BETWEEN 1 AND 64 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*'),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('vendor', 'guide', 'standard', 'registry'))
);
INSERT INTO vendor_new (id, slug, name, kind) SELECT id, slug, name, kind FROM vendor;
DROP TABLE vendor;
ALTER TABLE vendor_new RENAME TO vendor;

-- Every row of a registry table, verbatim, keyed like document_text by the bytes it was read
-- from: the current rows of a document are those of its sha256, so a revert to an older
-- version brings its rows back, and `export --format iana-csv` can give the file back byte for
-- byte. `registry_copy` says which registry a version holds and when that copy was taken.
CREATE TABLE registry_copy (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    registry TEXT NOT NULL CHECK (registry IN ('http-status', 'oauth-error', 'oauth-status')),
    header TEXT NOT NULL CHECK (json_valid(header)),
    as_of TEXT CHECK (as_of IS NULL OR as_of GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
) WITHOUT ROWID;

CREATE TABLE registry_row (
    sha256 TEXT NOT NULL REFERENCES registry_copy(sha256) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    line INTEGER NOT NULL CHECK (line >= 1),
    -- The first cell: the registered value (`404`, `105-199`) or name (`invalid_grant`).
    key TEXT NOT NULL,
    cells TEXT NOT NULL CHECK (json_valid(cells)),
    PRIMARY KEY (sha256, position)
) WITHOUT ROWID;
CREATE INDEX registry_row_by_key ON registry_row(key);
