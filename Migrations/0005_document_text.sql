-- The text of every imported document version, so a provenance link can show the exact lines
-- a fact came from. Keyed by the bytes' sha256, not by document: a revert that brings back an
-- older version of a document brings back its text with it, and a re-import of the same
-- bytes writes nothing. The text is the importer's lines joined by "\n", the numbering every
-- variant's line range uses. Documents imported before this migration have no row; their
-- pages say the text was not kept.
CREATE TABLE document_text (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    text TEXT NOT NULL
) WITHOUT ROWID;
