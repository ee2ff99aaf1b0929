import ErrorKBCore
import Foundation
import GRDB

/// The knowledge base in one SQLite file, and the one owner of that file in a process: it
/// opens it once (read-write or read-only), and owns the connections, the migrations, the
/// background checkpoints, the change watching and the closing. The CLI and the server get a
/// store and never see the path again. Hot reads use hand-written SQL with cached statements.
public final class KnowledgeBaseStore: KnowledgeBaseCuration {
    let database: any DatabaseWriter
    /// Whether every connection is read-only: writes then fail with SQLite's own refusal.
    public let isReadOnly: Bool
    private let checkpointer: BackgroundCheckpointer?
    private let changes: ChangeWatch
    /// Facets per filter until the next commit, for reading stores only.
    let facetMemo: FacetMemo?

    /// Internal rather than private for tests that read through a connection of their own
    /// (a traced one, to check every statement's plan: `ListingPlanTests`).
    init(database: any DatabaseWriter, isReadOnly: Bool, checkpointer: BackgroundCheckpointer?, changes: ChangeWatch) {
        self.database = database
        self.isReadOnly = isReadOnly
        self.checkpointer = checkpointer
        self.changes = changes
        facetMemo = isReadOnly ? FacetMemo() : nil
    }

    /// Opens the file for reading and writing, creating it (readable by its owner only) if
    /// missing, and applying pending migrations unless told not to (`errorkb migrate` applies
    /// them itself, through ``migrate()``).
    public static func open(at path: String, migrating: Bool = true) throws -> KnowledgeBaseStore {
        let (pool, checkpointer) = try KnowledgeBaseDatabase.openForWriting(at: path)
        let store = KnowledgeBaseStore(
            database: pool, isReadOnly: false, checkpointer: checkpointer, changes: ChangeWatch(madeWhenFirstAsked: path))
        if migrating { try store.migrate() }
        return store
    }

    /// Opens an existing, fully migrated file on connections that cannot write.
    public static func openReadOnly(at path: String) throws -> KnowledgeBaseStore {
        let (pool, location) = try KnowledgeBaseDatabase.openReadOnly(at: path)
        // A reading store is what a server holds: it watches for changes from the start, so the
        // first request does not pay for opening the watch.
        return KnowledgeBaseStore(
            database: pool, isReadOnly: true, checkpointer: nil, changes: ChangeWatch(try ChangeMonitor(path: location)))
    }

    /// Opens the file for a caller that may only read: read-only when this process may not
    /// write it (its mode, its owner, a read-only mount), else as ``open(at:migrating:)`` does.
    public static func openForReading(at path: String, migrating: Bool = true) throws -> KnowledgeBaseStore {
        FileAccess.isReadOnly(at: path) ? try openReadOnly(at: path) : try open(at: path, migrating: migrating)
    }

    public func migrationStatus() throws -> MigrationStatus {
        try KnowledgeBaseDatabase.migrationStatus(of: database)
    }

    /// Applies the pending migrations, each in its own transaction; returns those applied.
    @discardableResult
    public func migrate() throws -> [String] {
        let pending = try migrationStatus().pending
        try SchemaMigrations.migrator().migrate(database)
        return pending
    }

    public func changeVersion() throws -> Int64 {
        try changes.monitor().version()
    }

    /// Closes every connection, and returns once the last checkpoint has copied the log into
    /// the file. Why wait: a short-lived process (the CLI) that exits while a checkpoint runs
    /// leaves the copy, and the log, to whoever opens the file next. Reads and writes after
    /// it fail; closing twice does nothing more.
    public func close() throws {
        // The checkpointer's connection last, even when the pool fails to close: the last to
        // close copies what is left and removes the log, which a read-only watcher cannot.
        defer {
            changes.close()
            checkpointer?.close()
        }
        try database.close()
    }

    public func hasNeverHeldAnything() async throws -> Bool {
        try await read { db in
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
        guard createOwnerOnlyFile(path) else {
            throw KnowledgeBaseError.storage("cannot create \(path): \(String(cString: strerror(errno)))")
        }
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

/// Creates `path`, which must not exist, readable and writable by its owner only. Outside the
/// store, whose own `open` and `close` would hide the system's.
private func createOwnerOnlyFile(_ path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return false }
    close(descriptor)
    return true
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
        // The parser rolls 2026-02-30 and 25:61 over; the day and the time are checked first.
        let value = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
        guard CalendarDay.isValid(String(text.prefix(10))), value(11..<13) < 24, value(14..<16) < 60, value(17..<19) < 60
        else { return false }
        return (try? style.parse(text)) != nil
    }
}
