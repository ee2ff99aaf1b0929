import Foundation
import GRDB

/// The knowledge base in one SQLite file: the repository that the CLI and the server share, and
/// the only code that speaks SQL. Hot reads use hand-written SQL with cached statements.
public struct SQLiteKnowledgeBase: KnowledgeBaseRepository {
    let database: any DatabaseWriter

    /// Wraps an open database; it must already be migrated.
    public init(database: any DatabaseWriter) {
        self.database = database
    }

    /// Opens the file for reading and writing, creating and migrating it first.
    public static func openForWriting(at path: String) throws -> SQLiteKnowledgeBase {
        SQLiteKnowledgeBase(database: try KnowledgeBaseDatabase.openForWriting(at: path))
    }

    /// Opens an existing, migrated file on connections that cannot write.
    public static func openReadOnly(at path: String) throws -> SQLiteKnowledgeBase {
        SQLiteKnowledgeBase(database: try KnowledgeBaseDatabase.openReadOnly(at: path))
    }

    public func migrationStatus() throws -> MigrationStatus {
        try KnowledgeBaseDatabase.migrationStatus(of: database)
    }

    public func hasNeverHeldAnything() async throws -> Bool {
        try await database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT NOT EXISTS (SELECT 1 FROM code) AND NOT EXISTS (SELECT 1 FROM vendor)
                        AND NOT EXISTS (SELECT 1 FROM document) AND NOT EXISTS (SELECT 1 FROM revision)
                    """) ?? true
        }
    }

    /// SQLite's online backup API copies one consistent snapshot page by page, so a backup can
    /// be taken while the server reads and the CLI writes.
    public func backup(to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw KnowledgeBaseError.conflict("\(path) already exists; choose a new file")
        }
        // Created empty first, so the copy is never readable by others, even for a moment; the
        // system's reason if it cannot be (a missing folder, a read-only file system).
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw KnowledgeBaseError.schema("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        do {
            let destination = try DatabaseQueue(path: path)
            try database.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}

/// Timestamps as the schema stores them: ISO 8601 in UTC with milliseconds, which sort as text.
enum Timestamp {
    // A value type, made once: a new ISO8601DateFormatter for every document cost an import of
    // 200 documents 70 ms.
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func now() -> String { style.format(Date()) }

    /// True for a timestamp in exactly the stored form, `2026-11-21T09:30:00.000Z`: a restore
    /// takes only what sorts and reads back as the time it says.
    static func isValid(_ text: String) -> Bool {
        // The shape, then the calendar: formatting the parsed date back can differ in the last
        // millisecond (binary fractions), so the text is not compared with it.
        let shape = Array("0000-00-00T00:00:00.000Z".utf8)
        let bytes = Array(text.utf8)
        guard bytes.count == shape.count,
            zip(bytes, shape).allSatisfy({ byte, mark in mark == UInt8(ascii: "0") ? (0x30...0x39).contains(byte) : byte == mark })
        else { return false }
        return (try? style.parse(text)) != nil
    }
}
