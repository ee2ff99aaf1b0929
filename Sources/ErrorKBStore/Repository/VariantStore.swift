import ErrorKBCore
import GRDB

/// The row-level writes every higher-level write is made of. Each takes the transaction's
/// `Database`; none opens a transaction of its own.
enum VariantStore {
    static func vendorID(_ db: Database, slug: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM vendor WHERE slug = ?"), arguments: [slug])
        else { throw KnowledgeBaseError.unknownVendor(slug) }
        return id
    }

    static func vendor(_ db: Database, slug: String) throws -> Vendor? {
        try VendorRecord.fetchOne(db.cachedStatement(sql: "SELECT slug, name, kind FROM vendor WHERE slug = ?"), arguments: [slug])?
            .vendor
    }

    static func codeID(_ db: Database, code: String) throws -> Int64? {
        try db.cachedStatement(sql: "SELECT id FROM code WHERE code = ?").fetchIntegerDirectly(.text(code))
    }

    static func documentID(_ db: Database, fileName: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM document WHERE file_name = ?"), arguments: [fileName])
        else { throw KnowledgeBaseError.unknownDocument(fileName) }
        return id
    }

    /// A document's row and state, by file name.
    static func document(_ db: Database, fileName: String) throws -> (id: Int64, snapshot: DocumentSnapshot)? {
        try DocumentRecord.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT \(DocumentRecord.columns)
                    FROM document d JOIN vendor ve ON ve.id = d.vendor_id WHERE d.file_name = ?
                    """),
            arguments: [fileName]
        ).map { ($0.id, $0.document) }
    }

    /// Writes a document as the snapshot describes it, creating it or replacing its state.
    static func writeDocument(_ db: Database, _ snapshot: DocumentSnapshot) throws {
        try db.execute(
            sql: """
                INSERT INTO document (file_name, vendor_id, title, sha256, line_count, imported_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (file_name) DO UPDATE SET vendor_id = excluded.vendor_id, title = excluded.title,
                    sha256 = excluded.sha256, line_count = excluded.line_count, imported_at = excluded.imported_at
                """,
            arguments: [
                snapshot.fileName, try vendorID(db, slug: snapshot.vendor), snapshot.title, snapshot.sha256,
                snapshot.lineCount, snapshot.importedAt,
            ])
    }

    static func insertVendor(_ db: Database, _ vendor: Vendor, recorder: RevisionRecorder) throws {
        guard Vendor.isValidSlug(vendor.slug) else {
            throw KnowledgeBaseError.invalid(
                field: "vendor slug", reason: "\(vendor.slug.quotedForMessage()) must be lowercase letters, digits and hyphens")
        }
        guard !vendor.name.isBlankText else {
            throw KnowledgeBaseError.invalid(field: "vendor name", reason: "must not be empty")
        }
        guard try self.vendor(db, slug: vendor.slug) == nil else {
            throw KnowledgeBaseError.conflict("vendor '\(vendor.slug)' already exists")
        }
        try db.execute(
            sql: "INSERT INTO vendor (slug, name, kind) VALUES (?, ?, ?)",
            arguments: [vendor.slug, vendor.name.trimmingWhitespace(), vendor.kind.rawValue])
        try recorder.record(.vendor, key: vendor.slug, code: nil, before: nil, after: vendor)
    }

    /// The code's id, creating the code if it is new.
    static func ensureCode(_ db: Database, code: String, kind: CodeKind, recorder: RevisionRecorder) throws -> Int64 {
        if let id = try codeID(db, code: code) { return id }
        try ErrorCode.validate(code, kind: kind)
        // Cached: an import of new documents creates thousands of codes, and parsing this
        // statement each time was 2.5% of one.
        try db.cachedStatement(sql: "INSERT INTO code (code, kind) VALUES (?, ?)")
            .executeDirectly(.text(code), .text(kind.rawValue))
        try recorder.record(.code, key: code, code: code, before: nil, after: CodeSnapshot(code: code, kind: kind))
        return db.lastInsertedRowID
    }

    static func snapshot(_ db: Database, variantID: Int64) throws -> VariantSnapshot? {
        guard var snapshot = try VariantSnapshot.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT \(VariantSnapshot.columns)
                    FROM variant v JOIN code c ON c.id = v.code_id JOIN vendor ve ON ve.id = v.vendor_id
                    LEFT JOIN document d ON d.id = v.document_id WHERE v.id = ?
                    """),
            arguments: [variantID])
        else { return nil }
        // A cursor reuses one row: a variant may have 10,000 items, and a row object each was
        // a fifth of an edit's time.
        let items = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT list = 'cause', text FROM variant_item WHERE variant_id = ? ORDER BY list, position"),
            arguments: [variantID])
        while let item = try items.next() {
            if item[0] as Bool { snapshot.causes.append(item[1]) } else { snapshot.fixes.append(item[1]) }
        }
        return snapshot
    }

    /// Inserts a variant as the snapshot describes it, with its items; keeps the snapshot's id
    /// unless it is 0. Returns the variant's id.
    @discardableResult
    static func insert(
        _ db: Database, _ snapshot: VariantSnapshot, codeID: Int64, vendorID: Int64, documentID: Int64?
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO variant (id, code_id, vendor_id, document_id, section, occurrence, position, title,
                                     description, http_status, line_start, line_end, edited)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).executeDirectly(
            .integer(snapshot.id == 0 ? nil : snapshot.id), .integer(codeID), .integer(vendorID), .integer(documentID),
            .text(snapshot.section), .integer(Int64(snapshot.occurrence)), .integer(Int64(snapshot.position)),
            .text(snapshot.title), .text(snapshot.description), .integer(snapshot.httpStatus.map(Int64.init)),
            .integer(snapshot.lineStart.map(Int64.init)), .integer(snapshot.lineEnd.map(Int64.init)),
            .integer(snapshot.edited ? 1 : 0))
        let id = db.lastInsertedRowID
        try insertItems(db, variantID: id, list: "cause", items: snapshot.causes)
        try insertItems(db, variantID: id, list: "fix", items: snapshot.fixes)
        return id
    }

    /// Writes the snapshot's content, provenance and flags over the existing row `snapshot.id`.
    static func update(_ db: Database, from old: VariantSnapshot, to new: VariantSnapshot) throws {
        try db.cachedStatement(
            sql: """
                UPDATE variant SET section = ?, occurrence = ?, position = ?, title = ?, description = ?,
                    http_status = ?, line_start = ?, line_end = ?, edited = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            new.section, new.occurrence, new.position, new.title, new.description, new.httpStatus, new.lineStart,
            new.lineEnd, new.edited, new.id,
        ])
        if old.causes != new.causes { try updateItems(db, variantID: new.id, list: "cause", from: old.causes, to: new.causes) }
        if old.fixes != new.fixes { try updateItems(db, variantID: new.id, list: "fix", from: old.fixes, to: new.fixes) }
    }

    static func delete(_ db: Database, variantID: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM variant WHERE id = ?").execute(arguments: [variantID])
    }

    /// Rewrites only the items between the lists' common beginning and common end, and moves
    /// the end's positions in one statement: adding a cause at the top of 10,000 writes one row
    /// and renumbers the rest inside SQLite, instead of deleting and inserting 10,000 rows.
    private static func updateItems(_ db: Database, variantID: Int64, list: String, from old: [String], to new: [String]) throws {
        let prefix = zip(old, new).prefix { $0 == $1 }.count
        var suffix = 0
        while suffix < min(old.count, new.count) - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        try db.cachedStatement(
            sql: "DELETE FROM variant_item WHERE variant_id = ? AND list = ? AND position >= ? AND position < ?"
        ).execute(arguments: [variantID, list, prefix, old.count - suffix])
        if suffix > 0, new.count != old.count {
            try db.cachedStatement(
                sql: "UPDATE variant_item SET position = position + ? WHERE variant_id = ? AND list = ? AND position >= ?"
            ).execute(arguments: [new.count - old.count, variantID, list, old.count - suffix])
        }
        try insertItems(db, variantID: variantID, list: list, items: new[prefix..<(new.count - suffix)], from: prefix)
    }

    private static func insertItems(
        _ db: Database, variantID: Int64, list: String, items: some Collection<String>, from first: Int = 0
    ) throws {
        guard !items.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: "INSERT INTO variant_item (variant_id, list, position, text) VALUES (?, ?, ?, ?)")
        for (offset, text) in items.enumerated() {
            try statement.executeDirectly(.integer(variantID), .text(list), .integer(Int64(first + offset)), .text(text))
        }
    }

    /// Lifts the triggers that keep the search index in step with `variant` and `variant_item`,
    /// within the caller's transaction, and returns what puts them back. Other connections
    /// never see them gone; a rollback restores them. The caller indexes what it writes with
    /// ``indexForSearch(_:_:replacing:)`` and ``unindexForSearch(_:_:)``.
    ///
    /// Why: every statement that runs a trigger opens a savepoint, FTS5 flushes its pending
    /// index data at every savepoint, and an import then wrote one tiny index segment per row.
    static func suspendSearchTriggers(_ db: Database) throws -> [String] {
        let triggers = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'trigger' AND tbl_name IN ('variant', 'variant_item') AND name LIKE 'variant_search_%'
                ORDER BY name
                """)
        for trigger in triggers {
            let name: String = trigger["name"]
            try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
        }
        return triggers.map { $0["sql"] }
    }

    static func restoreSearchTriggers(_ db: Database, _ definitions: [String]) throws {
        for sql in definitions { try db.execute(sql: sql) }
    }

    /// (Re)writes one variant's row of the search index from the state just written, as the
    /// `variant_search_source` view would give it, without reading it back. `old` is the state
    /// it was indexed with, if it was.
    static func indexForSearch(_ db: Database, _ snapshot: VariantSnapshot, replacing old: VariantSnapshot?) throws {
        if let old { try unindexForSearch(db, old) }
        try db.cachedStatement(
            sql: "INSERT INTO variant_search (rowid, code, title, description, causes, fixes) VALUES (?, ?, ?, ?, ?, ?)"
        ).executeDirectly(searchRow(snapshot))
    }

    /// Takes a variant's row out of the search index. The index keeps no copy of the text
    /// (migration 0004), so it must be told the exact text it indexed: `snapshot` is that state.
    static func unindexForSearch(_ db: Database, _ snapshot: VariantSnapshot) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
                VALUES ('delete', ?, ?, ?, ?, ?, ?)
                """
        ).executeDirectly(searchRow(snapshot))
    }

    /// A variant's rowid and columns in the search index, as `variant_search_source` gives them.
    private static func searchRow(_ snapshot: VariantSnapshot) -> [BoundValue] {
        [
            .integer(snapshot.id), .text(snapshot.code), .text(snapshot.title ?? ""), .text(snapshot.description),
            .text(snapshot.causes.joined(separator: " ")), .text(snapshot.fixes.joined(separator: " ")),
        ]
    }

    /// Turns a constraint the schema enforces into words, for a write that slipped past validation.
    static func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw KnowledgeBaseError.conflict("refused by the schema: \(error.message ?? "constraint failed")")
        }
    }
}
