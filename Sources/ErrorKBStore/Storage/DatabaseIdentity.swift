import ErrorKBCore
import Foundation
import GRDB

/// Whether a file is a knowledge base this build may open, asked on a read-only connection
/// before anything else touches it: opening a pool already switches a file to WAL, and a
/// migration would write ErrorKB's tables into another program's database.
enum DatabaseIdentity {
    /// Refuses, untouched, a database that holds tables and is not ErrorKB's, and one that a
    /// newer build has migrated further than this one knows. A missing or empty file passes.
    ///
    /// - Parameter location: what a reading process opens (``FileAccess/readingLocation(of:)``);
    ///   nil for one that may write the file.
    static func check(_ path: String, at location: String? = nil) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        // The readers' configuration, busy timeout included: another process closing its last
        // connection holds the file's lock for its checkpoint, and this waits for it.
        var configuration = KnowledgeBaseDatabase.configuration(readOnly: true)
        configuration.label = "errorkb.identity"
        // With no log beside it, errorkb has never written the file (its writers keep the log),
        // no connection of an SQLite program has it open (the first creates the log), and an
        // immutable read leaves no `-wal` and `-shm` behind in another program's folder.
        let hasLog = FileManager.default.fileExists(atPath: path + "-wal")
        let location = location ?? (hasLog ? path : FileAccess.immutableLocation(of: path))
        let queue = try DatabaseQueue(path: location, configuration: configuration)
        defer { try? queue.close() }
        let (tables, applied) = try queue.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            let applied = try db.tableExists("grdb_migrations")
                ? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") : []
            return (tables, applied)
        }
        try verdict(path: path, tables: tables, applied: applied, known: SchemaMigrations.all().map(\.identifier),
            schemaTables: try schemaTables())
    }

    /// The decision, apart from the file, so each case can be stated on its own.
    static func verdict(path: String, tables: [String], applied: [String], known: [String], schemaTables: Set<String>) throws {
        guard !tables.isEmpty else { return }
        guard let first = known.first, applied.contains(first) else {
            let shown = tables.sorted().prefix(4).joined(separator: ", ") + (tables.count > 4 ? ", …" : "")
            throw KnowledgeBaseError.storage(
                "\(path) is not an ErrorKB knowledge base (it holds other tables: \(shown)); nothing was changed")
        }
        let unknownMigrations = applied.filter { !known.contains($0) }
        let unknownTables = tables.filter { !schemaTables.contains($0) && $0 != "grdb_migrations" }.sorted()
        guard unknownMigrations.isEmpty, unknownTables.isEmpty else {
            let what = unknownMigrations.isEmpty
                ? "tables \(unknownTables.joined(separator: ", "))" : "migrations \(unknownMigrations.joined(separator: ", "))"
            throw KnowledgeBaseError.schema(
                "\(path) was made by a newer errorkb: it has \(what) this build does not know; nothing was changed")
        }
    }

    /// Every table the embedded migrations create at any version (FTS5's own tables included;
    /// a database stopped at 0003 holds one that 0004 drops), found by running them on an
    /// in-memory database once per process.
    static func schemaTables() throws -> Set<String> {
        guard let tables = cachedSchemaTables else {
            throw KnowledgeBaseError.schema("the embedded migrations do not run on an empty database; rebuild errorkb")
        }
        return tables
    }

    private static let cachedSchemaTables: Set<String>? = try? {
        let queue = try DatabaseQueue()
        var tables: Set<String> = []
        for version in 1...(try SchemaMigrations.all().count) {
            try SchemaMigrations.migrator(upTo: version).migrate(queue)
            tables.formUnion(try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") })
        }
        return tables
    }()
}
