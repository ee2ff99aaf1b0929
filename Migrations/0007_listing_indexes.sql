-- Listings filtered by kind walk the codes of that kind in code order, as those filtered by
-- class already do (code_by_class): without it, a page of the few OAuth codes scanned every
-- code to fill, and the kind facets scanned the whole table (issue 27, finding 3). One entry
-- per code, so imports barely notice it.
CREATE INDEX code_by_kind ON code(kind, code);

-- A code's answer finds its registry's copies by their bytes' sha256 (registry_copy), and
-- without this the join walked every document for each uncached answer.
CREATE INDEX document_by_sha256 ON document(sha256);
