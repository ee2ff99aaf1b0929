import ErrorKBCore
import GRDBSQLite

/// SQLite connections opened without GRDB, for the jobs that need a handle of their own beside
/// its pools: the change monitor's watchers and the background checkpointer.
enum RawConnection {
    /// Opens the existing file at `path` with `flags`. A failure reads
    /// "cannot `purpose`: SQLite's reason".
    static func open(_ path: String, flags: Int32, purpose: String) throws -> OpaquePointer {
        var database: OpaquePointer?
        guard sqlite3_open_v2(path, &database, flags, nil) == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(database)
            throw KnowledgeBaseError.storage("cannot \(purpose): \(message)")
        }
        return database
    }
}
