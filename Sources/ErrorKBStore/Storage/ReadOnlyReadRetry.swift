import GRDB

/// When a read on a connection that may not write the file is tried again.
///
/// A connection that may not write `-shm` reads the log's index without the lock a writer
/// takes to change it. If it catches the index header mid-change, SQLite cannot repair it
/// (that needs write access) and gives up at once with `SQLITE_READONLY_RECOVERY`, or
/// `SQLITE_BUSY_RECOVERY` and `SQLITE_PROTOCOL` when the writer still holds it, instead of
/// waiting as a writing connection would (sqlite3.c, `walIndexReadHdr`). The soak found it: one
/// answer in about 50,000 was a 500 "attempt to write a readonly database" at `PRAGMA
/// schema_version` while a curator imported. The writer's change takes microseconds, so a read
/// tried again a moment later finds the header whole. A read writes nothing, so any other
/// `SQLITE_READONLY` on it is the same attempt at repair and is tried again too; one still
/// failing after ``pauses`` is reported as it is.
enum ReadOnlyReadRetry {
    /// The pauses before each new try: 1 ms doubling to 128 ms, about a quarter second in all,
    /// far longer than any writer holds the index header.
    static let pauses: [Duration] = (0..<8).map { .milliseconds(1 << $0) }

    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_READONLY
            || error.extendedResultCode == .SQLITE_BUSY_RECOVERY
            || error.resultCode == .SQLITE_PROTOCOL
    }
}

extension KnowledgeBaseStore {
    /// Reads through the pool; on a store that may not write, again after a pause when SQLite
    /// caught the log's index mid-change (``ReadOnlyReadRetry``).
    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        guard isReadOnly else { return try await database.read(value) }
        for pause in ReadOnlyReadRetry.pauses {
            do {
                return try await database.read(value)
            } catch where ReadOnlyReadRetry.isTransient(error) {
                try await Task.sleep(for: pause)
            }
        }
        return try await database.read(value)
    }
}
