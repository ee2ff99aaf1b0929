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
    -- What the row is looked up by: the registered value (`404`, `105-199`) or the error code
    -- it names (`need_info` for IANA's `need_info (and its subsidiary parameters)`).
    key TEXT NOT NULL,
    cells TEXT NOT NULL CHECK (json_valid(cells)),
    PRIMARY KEY (sha256, position)
) WITHOUT ROWID;
CREATE INDEX registry_row_by_key ON registry_row(key);

-- Retry guidance: what a client should do after a status or an OAuth error, each resting on
-- one sentence of a specification, and where that sentence was read. Curated like variants:
-- edits are revisions and can be reverted. Keyed by the code's text, not its row, since the
-- guidance is policy for a code whether or not some page documents it yet. `context` tells
-- apart the rare code with guidance of its own at one endpoint (RFC 7009's 503).
CREATE TABLE retry_guidance (
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 100),
    context TEXT NOT NULL DEFAULT '',
    retry TEXT NOT NULL CHECK (retry IN ('yes', 'no', 'after_change', 'after_delay')),
    idempotent_only INTEGER NOT NULL CHECK (idempotent_only IN (0, 1)),
    wait TEXT,
    reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),
    quote TEXT NOT NULL CHECK (length(trim(quote)) > 0),
    read_from TEXT NOT NULL CHECK (length(trim(read_from)) > 0),
    PRIMARY KEY (code, context)
) WITHOUT ROWID;

-- The revision log learns the new entity; the CHECK is rebuilt as vendor's was.
CREATE TABLE revision_change_new (
    id INTEGER PRIMARY KEY,
    revision_id INTEGER NOT NULL REFERENCES revision(id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN ('vendor', 'code', 'document', 'variant', 'guidance')),
    entity_key TEXT NOT NULL,
    code TEXT,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    CHECK (before IS NOT NULL OR after IS NOT NULL)
);
INSERT INTO revision_change_new (id, revision_id, entity, entity_key, code, before, after)
    SELECT id, revision_id, entity, entity_key, code, before, after FROM revision_change;
DROP TABLE revision_change;
ALTER TABLE revision_change_new RENAME TO revision_change;
CREATE INDEX revision_change_by_revision ON revision_change(revision_id);
CREATE INDEX revision_change_by_code ON revision_change(code, revision_id);
