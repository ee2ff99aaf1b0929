-- The catalogue: who says what about which code, and where they said it.

CREATE TABLE vendor (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE
        CHECK (length(slug) BETWEEN 1 AND 64 AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*'),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('vendor', 'guide', 'standard'))
);

CREATE TABLE code (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 100),
    kind TEXT NOT NULL CHECK (kind IN ('http', 'oauth', 'other')),
    -- Derived, so it can never disagree with the code itself.
    http_class TEXT GENERATED ALWAYS AS (
        CASE WHEN kind = 'http' THEN substr(code, 1, 1) || 'xx' END
    ) VIRTUAL,
    CHECK (kind <> 'http' OR code GLOB '[1-5][0-9][0-9]')
);
CREATE INDEX code_by_class ON code(http_class, code);

CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL UNIQUE CHECK (length(file_name) > 0),
    vendor_id INTEGER NOT NULL REFERENCES vendor(id) ON DELETE RESTRICT,
    title TEXT,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    line_count INTEGER NOT NULL CHECK (line_count >= 0),
    imported_at TEXT NOT NULL
);
CREATE INDEX document_by_vendor ON document(vendor_id);

-- One variant per code x vendor x document x section. `occurrence` tells apart the rare
-- document that lists one code twice under the same section.
CREATE TABLE variant (
    id INTEGER PRIMARY KEY,
    code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    vendor_id INTEGER NOT NULL REFERENCES vendor(id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES document(id) ON DELETE CASCADE,
    section TEXT CHECK (section IS NULL OR length(trim(section)) > 0),
    occurrence INTEGER NOT NULL DEFAULT 0 CHECK (occurrence >= 0),
    position INTEGER NOT NULL DEFAULT 0,
    title TEXT CHECK (title IS NULL OR length(trim(title)) > 0),
    description TEXT NOT NULL,
    http_status INTEGER CHECK (http_status IS NULL OR http_status BETWEEN 100 AND 599),
    line_start INTEGER CHECK (line_start IS NULL OR line_start >= 1),
    line_end INTEGER CHECK (line_end IS NULL OR line_end >= line_start),
    -- Set by an admin's edit, so that a later import reports a conflict instead of undoing it.
    edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    -- A row may name a code without explaining it, but it must say something.
    CHECK (title IS NOT NULL OR length(trim(description)) > 0)
);
-- NULLs are distinct in a UNIQUE constraint, so the identity is an expression index.
CREATE UNIQUE INDEX variant_identity
    ON variant(code_id, vendor_id, ifnull(document_id, 0), ifnull(section, ''), occurrence);
CREATE INDEX variant_by_document ON variant(document_id, position);
CREATE INDEX variant_by_vendor ON variant(vendor_id, code_id);

-- Causes and fixes: one ordered list of each per variant.
CREATE TABLE variant_item (
    id INTEGER PRIMARY KEY,
    variant_id INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    list TEXT NOT NULL CHECK (list IN ('cause', 'fix')),
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0)
);
CREATE INDEX variant_item_by_variant ON variant_item(variant_id, list, position);
