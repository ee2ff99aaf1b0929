import GRDB
import GRDBSQLite
import Synchronization

/// Tells whether anyone has committed to the database since the last look, cheaply enough to
/// ask on every request: SQLite's `PRAGMA data_version` on one dedicated connection changes
/// whenever another connection, in this process or another, commits. The connection is used
/// directly under a lock: a dispatch queue per call would cost a thread wake-up each time.
public final class ChangeMonitor: Sendable {
    private struct Connection: @unchecked Sendable {
        // @unchecked: the handles are only touched while `connection`'s mutex is held.
        var database: OpaquePointer
        var statement: OpaquePointer
    }

    private let connection: Mutex<Connection>

    public init(path: String) throws {
        var database: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &database, flags, nil) == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(database)
            throw KnowledgeBaseError.schema("cannot watch \(path) for changes: \(message)")
        }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, "PRAGMA data_version", -1, &statement, nil) == SQLITE_OK, let statement else {
            let message = String(cString: sqlite3_errmsg(database))
            sqlite3_close(database)
            throw KnowledgeBaseError.schema("cannot watch \(path) for changes: \(message)")
        }
        sqlite3_busy_timeout(database, Int32(KnowledgeBaseDatabase.busyTimeout * 1000))
        connection = Mutex(Connection(database: database, statement: statement))
    }

    deinit {
        connection.withLock { connection in
            sqlite3_finalize(connection.statement)
            sqlite3_close(connection.database)
        }
    }

    /// A number that differs from the last one returned iff the database changed in between.
    public func version() throws -> Int64 {
        try connection.withLock { connection in
            defer { sqlite3_reset(connection.statement) }
            guard sqlite3_step(connection.statement) == SQLITE_ROW else {
                throw KnowledgeBaseError.schema("cannot read the database's version: \(String(cString: sqlite3_errmsg(connection.database)))")
            }
            return sqlite3_column_int64(connection.statement, 0)
        }
    }
}
