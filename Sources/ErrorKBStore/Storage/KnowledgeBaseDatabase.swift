import ErrorKBCore
import Foundation
import GRDB
import GRDBSQLite

/// How the store opens its SQLite file: WAL so readers never wait for the
/// writer, foreign keys on, and a busy timeout so concurrent writers queue instead of failing.
enum KnowledgeBaseDatabase {
    /// How long a connection waits for another's write lock before giving up.
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating if needed, readable by its owner only) a pool whose writer hands its
    /// checkpoints to the checkpointer returned with it. Migrating is the store's to do.
    static func openForWriting(at path: String) throws -> (DatabasePool, BackgroundCheckpointer) {
        if FileAccess.isReadOnly(at: path) {
            // Another program's file is still called that, when this user can read it at all.
            if let location = try? FileAccess.readingLocation(of: path) { try DatabaseIdentity.check(path, at: location) }
            throw KnowledgeBaseError.storage(
                "\(path) is read-only (\(FileAccess.readOnlyReason(at: path))): it can be read, shown, exported and served, not changed")
        }
        try DatabaseIdentity.check(path)
        try createOwnerOnlyFileIfMissing(at: path)
        let checkpointer = try BackgroundCheckpointer(path: path)
        let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false, checkpointer: checkpointer))
        return (pool, checkpointer)
    }

    /// Opens an existing, fully migrated database whose connections cannot write, and says
    /// what they opened (the path, or its immutable URI).
    static func openReadOnly(at path: String) throws -> (DatabasePool, location: String) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw KnowledgeBaseError.storage("no database at \(path)")
        }
        let location = try FileAccess.readingLocation(of: path)
        try DatabaseIdentity.check(path, at: location)
        let pool = try DatabasePool(path: location, configuration: configuration(readOnly: true))
        let status = try migrationStatus(of: pool)
        guard status.pending.isEmpty else {
            throw KnowledgeBaseError.schema(
                "database \(path) lacks migrations \(status.pending.joined(separator: ", ")); open it for writing first")
        }
        return (pool, location)
    }

    /// Which of the known migrations the database has applied, and which it lacks.
    static func migrationStatus(of reader: any DatabaseReader) throws -> MigrationStatus {
        let known = try SchemaMigrations.all().map(\.identifier)
        let applied = try reader.read { db in
            try db.tableExists("grdb_migrations")
                ? Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        }
        return MigrationStatus(
            applied: known.filter { applied.contains($0) },
            pending: known.filter { !applied.contains($0) })
    }

    /// - Parameter checkpointer: takes the writer's checkpoints off its thread. The
    ///   configuration keeps it alive as long as any connection made from it.
    static func configuration(readOnly: Bool, checkpointer: BackgroundCheckpointer? = nil) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = readOnly ? "errorkb.read" : "errorkb.write"
        if !readOnly {
            configuration.prepareDatabase { db in
                // WAL makes NORMAL durable against application crashes; only power loss can undo
                // the last commits, never corrupt the file.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Imports touch many index pages; a larger cache saves rewriting them (32 MiB).
                try db.execute(sql: "PRAGMA cache_size = -32768")
                // A pool's readers are made from this configuration too, marked read-only.
                if !db.configuration.readonly {
                    checkpointer?.takeOverCheckpoints(of: db)
                    if let connection = db.sqliteConnection { keepLogWhenClosing(connection) }
                }
            }
        }
        return configuration
    }

    /// Makes `connection`, one that may write, leave the log and its index beside the file when
    /// it is the file's last connection to close: emptied (the final checkpoint still copies
    /// everything into the file, and the size limit truncates the log to nothing), but there.
    /// Why: a process that may not write the file cannot make them, and can then only read it
    /// as immutable, which is wrong the moment anyone writes (``FileAccess``).
    static func keepLogWhenClosing(_ connection: OpaquePointer) {
        var keep: Int32 = 1
        _ = sqlite3_file_control(connection, "main", SQLITE_FCNTL_PERSIST_WAL, &keep)
        // Also what a restarted log is cut back to; the writer checkpoints itself at this size.
        _ = sqlite3_exec(connection, "PRAGMA journal_size_limit = \(logSizeLimit)", nil, nil, nil)
    }

    /// 64 MiB, the log size past which the writer checkpoints itself (``BackgroundCheckpointer``).
    static let logSizeLimit = Int(BackgroundCheckpointer.pagesBeforeWriterCheckpoints) * 4_096

    private static func createOwnerOnlyFileIfMissing(at path: String) throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path) else { return }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !directory.isEmpty, !manager.fileExists(atPath: directory) {
            throw KnowledgeBaseError.storage("cannot create \(path): folder \(directory) does not exist")
        }
        guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw KnowledgeBaseError.storage("cannot create \(path): permission denied")
        }
    }
}
