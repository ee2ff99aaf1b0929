-- Full-text search over every variant: its code, title, description, causes and fixes.
-- Triggers keep the index in step with every write, whoever makes it.
-- (A bulk import lifts these triggers inside its own transaction, indexes what it wrote in one
-- pass, and puts them back, from their SQL here, before it commits.)

CREATE VIRTUAL TABLE variant_search USING fts5(
    code, title, description, causes, fixes,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIEW variant_search_source AS
SELECT v.id AS rowid,
       c.code AS code,
       ifnull(v.title, '') AS title,
       v.description AS description,
       ifnull((SELECT group_concat(text, ' ') FROM (
           SELECT text FROM variant_item WHERE variant_id = v.id AND list = 'cause' ORDER BY position)), '') AS causes,
       ifnull((SELECT group_concat(text, ' ') FROM (
           SELECT text FROM variant_item WHERE variant_id = v.id AND list = 'fix' ORDER BY position)), '') AS fixes
FROM variant v JOIN code c ON c.id = v.code_id;

-- Variants that existed before this migration are indexed too.
INSERT INTO variant_search(rowid, code, title, description, causes, fixes)
SELECT rowid, code, title, description, causes, fixes FROM variant_search_source;

CREATE TRIGGER variant_search_after_insert AFTER INSERT ON variant BEGIN
    INSERT INTO variant_search(rowid, code, title, description, causes, fixes)
    SELECT rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = new.id;
END;

CREATE TRIGGER variant_search_after_update AFTER UPDATE OF code_id, title, description ON variant BEGIN
    DELETE FROM variant_search WHERE rowid = old.id;
    INSERT INTO variant_search(rowid, code, title, description, causes, fixes)
    SELECT rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = new.id;
END;

CREATE TRIGGER variant_search_after_delete AFTER DELETE ON variant BEGIN
    DELETE FROM variant_search WHERE rowid = old.id;
END;

CREATE TRIGGER variant_search_after_item_insert AFTER INSERT ON variant_item BEGIN
    UPDATE variant_search
    SET causes = (SELECT causes FROM variant_search_source WHERE rowid = new.variant_id),
        fixes = (SELECT fixes FROM variant_search_source WHERE rowid = new.variant_id)
    WHERE rowid = new.variant_id;
END;

CREATE TRIGGER variant_search_after_item_update AFTER UPDATE ON variant_item BEGIN
    UPDATE variant_search
    SET causes = (SELECT causes FROM variant_search_source WHERE rowid = new.variant_id),
        fixes = (SELECT fixes FROM variant_search_source WHERE rowid = new.variant_id)
    WHERE rowid = new.variant_id;
END;

CREATE TRIGGER variant_search_after_item_delete AFTER DELETE ON variant_item BEGIN
    UPDATE variant_search
    SET causes = (SELECT causes FROM variant_search_source WHERE rowid = old.variant_id),
        fixes = (SELECT fixes FROM variant_search_source WHERE rowid = old.variant_id)
    WHERE rowid = old.variant_id;
END;

CREATE TRIGGER variant_search_after_code_rename AFTER UPDATE OF code ON code BEGIN
    UPDATE variant_search SET code = new.code
    WHERE rowid IN (SELECT id FROM variant WHERE code_id = new.id);
END;
