-- The revision log: every write is one revision, made of the changes it made to each entity,
-- each with its state before and after as JSON, so history can be read and a revision undone.

CREATE TABLE revision (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    actor TEXT NOT NULL CHECK (length(actor) > 0),
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    reverts INTEGER REFERENCES revision(id) ON DELETE SET NULL
);

CREATE TABLE revision_change (
    id INTEGER PRIMARY KEY,
    revision_id INTEGER NOT NULL REFERENCES revision(id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN ('vendor', 'code', 'document', 'variant')),
    entity_key TEXT NOT NULL,
    code TEXT,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    CHECK (before IS NOT NULL OR after IS NOT NULL)
);
CREATE INDEX revision_change_by_revision ON revision_change(revision_id);
CREATE INDEX revision_change_by_code ON revision_change(code, revision_id);
