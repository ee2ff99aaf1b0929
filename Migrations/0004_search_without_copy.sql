-- The search index stops keeping a copy of the text it indexes: FTS5 reads code, title,
-- description, causes and fixes from variant_search_source when a snippet needs them. An
-- import writes about a fifth less (BENCHMARKS.md).
--
-- With external content FTS5 can only take a row out of the index when it is told the exact
-- text it indexed. So the triggers take a variant's row out while the source still shows the
-- old text (BEFORE) and put it back from the new text (AFTER). Foreign-key cascades run after
-- their parent row is gone, when the source no longer shows the variant, so a cascade never
-- takes a row out twice; deleting or renaming a code takes its variants out first, because
-- the source joins code.
-- (A bulk import still lifts the variant and variant_item triggers inside its own
-- transaction and does the same work itself; see VariantStore.suspendSearchTriggers.)

DROP TRIGGER variant_search_after_insert;
DROP TRIGGER variant_search_after_update;
DROP TRIGGER variant_search_after_delete;
DROP TRIGGER variant_search_after_item_insert;
DROP TRIGGER variant_search_after_item_update;
DROP TRIGGER variant_search_after_item_delete;
DROP TRIGGER variant_search_after_code_rename;
DROP TABLE variant_search;

CREATE VIRTUAL TABLE variant_search USING fts5(
    code, title, description, causes, fixes,
    content = 'variant_search_source', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO variant_search (variant_search) VALUES ('rebuild');

CREATE TRIGGER variant_search_after_insert AFTER INSERT ON variant BEGIN
    INSERT INTO variant_search (rowid, code, title, description, causes, fixes)
    SELECT rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = new.id;
END;

CREATE TRIGGER variant_search_before_update BEFORE UPDATE OF code_id, title, description ON variant BEGIN
    INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
    SELECT 'delete', rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = old.id;
END;

CREATE TRIGGER variant_search_after_update AFTER UPDATE OF code_id, title, description ON variant BEGIN
    INSERT INTO variant_search (rowid, code, title, description, causes, fixes)
    SELECT rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = new.id;
END;

CREATE TRIGGER variant_search_before_delete BEFORE DELETE ON variant BEGIN
    INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
    SELECT 'delete', rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = old.id;
END;

CREATE TRIGGER variant_search_before_item_insert BEFORE INSERT ON variant_item BEGIN
    INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
    SELECT 'delete', rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = new.variant_id;
END;

CREATE TRIGGER variant_search_after_item_insert AFTER INSERT ON variant_item BEGIN
    INSERT INTO variant_search (rowid, code, title, description, causes, fixes)
    SELECT rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = new.variant_id;
END;

CREATE TRIGGER variant_search_before_item_update BEFORE UPDATE ON variant_item BEGIN
    INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
    SELECT 'delete', rowid, code, title, description, causes, fixes FROM variant_search_source
    WHERE rowid = old.variant_id OR rowid = new.variant_id;
END;

CREATE TRIGGER variant_search_after_item_update AFTER UPDATE ON variant_item BEGIN
    INSERT INTO variant_search (rowid, code, title, description, causes, fixes)
    SELECT rowid, code, title, description, causes, fixes FROM variant_search_source
    WHERE rowid = old.variant_id OR rowid = new.variant_id;
END;

CREATE TRIGGER variant_search_before_item_delete BEFORE DELETE ON variant_item BEGIN
    INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
    SELECT 'delete', rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = old.variant_id;
END;

CREATE TRIGGER variant_search_after_item_delete AFTER DELETE ON variant_item BEGIN
    INSERT INTO variant_search (rowid, code, title, description, causes, fixes)
    SELECT rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = old.variant_id;
END;

CREATE TRIGGER variant_search_before_code_change BEFORE UPDATE OF code ON code BEGIN
    INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
    SELECT 'delete', s.rowid, s.code, s.title, s.description, s.causes, s.fixes
    FROM variant_search_source s JOIN variant v ON v.id = s.rowid WHERE v.code_id = old.id;
END;

CREATE TRIGGER variant_search_after_code_change AFTER UPDATE OF code ON code BEGIN
    INSERT INTO variant_search (rowid, code, title, description, causes, fixes)
    SELECT s.rowid, s.code, s.title, s.description, s.causes, s.fixes
    FROM variant_search_source s JOIN variant v ON v.id = s.rowid WHERE v.code_id = new.id;
END;

CREATE TRIGGER variant_search_before_code_delete BEFORE DELETE ON code BEGIN
    INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
    SELECT 'delete', s.rowid, s.code, s.title, s.description, s.causes, s.fixes
    FROM variant_search_source s JOIN variant v ON v.id = s.rowid WHERE v.code_id = old.id;
END;
