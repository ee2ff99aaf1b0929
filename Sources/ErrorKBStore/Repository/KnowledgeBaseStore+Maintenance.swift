import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    /// Merges the search index into one segment (FTS5 `optimize`), in one transaction. Every
    /// write transaction adds segments and FTS5 merges only some of them; at 100k variants
    /// after 20 imports the index had 8, and searches ran in about 60% of the time once merged
    /// (BENCHMARKS.md). It rewrites the whole index, about 0.4 s per 100k variants, so it is
    /// run after bulk imports, not after every write. The text and revisions are untouched.
    public func optimizeSearchIndex() async throws -> SearchIndexOptimization {
        try await database.write { db in
            let before = try Self.searchIndexSegments(db)
            try db.execute(sql: "INSERT INTO variant_search (variant_search) VALUES ('optimize')")
            return SearchIndexOptimization(segmentsBefore: before, segmentsAfter: try Self.searchIndexSegments(db))
        }
    }

    public func checkStorage() async throws {
        try await read { db in
            // Each table's own B-tree from its root to both edges (min and max rowid), the
            // smallest index of each in full (count(*)), and the search index for one term:
            // milliseconds at 100k variants, where quick_check reads the whole file. Not every
            // page, so `sqlite3 FILE 'PRAGMA integrity_check'` remains the full check.
            for table in ["code", "vendor", "document", "variant", "variant_item", "revision", "revision_change"] {
                // Apart: together they are answered by scanning an index, which holds rowids too.
                _ = try Int.fetchOne(db, sql: "SELECT min(rowid) FROM \(table)")
                _ = try Int.fetchOne(db, sql: "SELECT max(rowid) FROM \(table)")
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            // WITHOUT ROWID: its primary key is its B-tree.
            _ = try String.fetchOne(db, sql: "SELECT min(sha256) FROM document_text")
            _ = try String.fetchOne(db, sql: "SELECT max(sha256) FROM document_text")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM registry_copy")
            _ = try Int.fetchOne(db, sql: "SELECT count(*), max(key) FROM registry_row")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM variant_search WHERE variant_search MATCH 'error'")
        }
    }

    /// How many segments the search index has now.
    public func searchIndexSegments() async throws -> Int {
        try await read { db in try Self.searchIndexSegments(db) }
    }

    /// Merges small segments of the search index a little, within the caller's transaction.
    ///
    /// Why: a write through the triggers adds a segment per statement (FTS5 flushes at every
    /// savepoint, and each trigger statement opens one), and FTS5's own merging keeps pace with
    /// large writes, not many small ones: five single edits took a merged index from 1 segment
    /// to 16. FTS5's `merge` command with a positive budget merges only levels that hold at least
    /// four segments and writes at most that many pages, so after an edit it costs a few pages
    /// and the index stays at one or two segments. Run at the end of every edit and revert.
    /// (Imports index in one pass with the triggers lifted, and their segments are large enough
    /// for FTS5's own merging: 20 imports at 100k leave 8 with or without it.)
    static func mergeSmallSearchSegments(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO variant_search (variant_search, rank) VALUES ('merge', 16)")
    }

    private static func searchIndexSegments(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM variant_search_idx") ?? 0
    }
}
