import ErrorKBCore
import Foundation
import GRDB

/// How the store opens its SQLite file: WAL so readers never wait for the
/// writer, foreign keys on, and a busy timeout so concurrent writers queue instead of failing.
enum KnowledgeBaseDatabase {
    /// How long a connection waits for another's write lock before giving up.
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating if needed, readable by its owner only) a pool whose writer hands its
    /// checkpoints to the checkpointer returned with it. Migrating is the store's to do.
    static func openForWriting(at path: String) throws -> (DatabasePool, BackgroundCheckpointer) {
        try DatabaseIdentity.check(path)
        if isReadOnly(at: path) {
            throw KnowledgeBaseError.storage(
                "\(path) is read-only (\(String(cString: strerror(errno)))): it can be read, shown, exported and served, not changed")
        }
        try createOwnerOnlyFileIfMissing(at: path)
        let checkpointer = try BackgroundCheckpointer(path: path)
        let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false, checkpointer: checkpointer))
        return (pool, checkpointer)
    }

    /// True when the file exists and this process may not write it, or the folder its WAL and
    /// index files go in: its mode, its owner or a read-only mount. (`errno` says why.)
    static func isReadOnly(at path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0
    }

    /// What to open to read the file at `path`: the path itself, or, for a read-only file with
    /// no write-ahead log beside it, an SQLite URI that marks it immutable. SQLite reads a WAL
    /// database only through its `-shm` index, which a read-only folder cannot hold; a file
    /// nobody here can write, with every commit checkpointed into it, needs neither.
    static func readingLocation(of path: String) -> String {
        guard isReadOnly(at: path), !FileManager.default.fileExists(atPath: path + "-wal") else { return path }
        return immutableLocation(of: path)
    }

    /// The SQLite URI that opens `path` read-only and immutable: no locks, no log, no index.
    static func immutableLocation(of path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:\(absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)?mode=ro&immutable=1"
    }

    /// Opens an existing, fully migrated database whose connections cannot write, and says
    /// what they opened (the path, or its immutable URI).
    static func openReadOnly(at path: String) throws -> (DatabasePool, location: String) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw KnowledgeBaseError.storage("no database at \(path)")
        }
        try DatabaseIdentity.check(path)
        let location = readingLocation(of: path)
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
                if !db.configuration.readonly { checkpointer?.takeOverCheckpoints(of: db) }
            }
        }
        return configuration
    }

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
