import GRDB

/// Whether the search index holds exactly the text `variant_search_source` gives, posting by
/// posting. FTS5's own `integrity-check` cannot say so for an external-content index on
/// SQLite 3.40 (a stale or missing row passes it, tried), so this rebuilds the index the view
/// implies in a temporary table and compares every term, position and document size.
public enum SearchIndexCheck {
    /// What differs, or nil when the index matches its text.
    public static func problem(at path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        return try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE temp.expected USING fts5(
                        code, title, description, causes, fixes, tokenize = 'porter unicode61 remove_diacritics 2');
                    INSERT INTO temp.expected (rowid, code, title, description, causes, fixes)
                        SELECT rowid, code, title, description, causes, fixes FROM main.variant_search_source;
                    CREATE VIRTUAL TABLE temp.actual_postings USING fts5vocab(main, variant_search, instance);
                    CREATE VIRTUAL TABLE temp.expected_postings USING fts5vocab(temp, expected, instance);
                    """)
            let extra = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM (SELECT * FROM temp.actual_postings EXCEPT SELECT * FROM temp.expected_postings)") ?? 0
            let missing = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM (SELECT * FROM temp.expected_postings EXCEPT SELECT * FROM temp.actual_postings)") ?? 0
            let sizes =
                (try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM (SELECT id, sz FROM main.variant_search_docsize EXCEPT SELECT id, sz FROM temp.expected_docsize)")
                    ?? 0)
                + (try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM (SELECT id, sz FROM temp.expected_docsize EXCEPT SELECT id, sz FROM main.variant_search_docsize)")
                    ?? 0)
            guard extra + missing + sizes > 0 else { return nil }
            return "\(extra) postings the text does not have, \(missing) postings missing, \(sizes) document sizes differ"
        }
    }
}
