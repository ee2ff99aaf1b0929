import Atomics
import ErrorKBCore
import GRDB
import GRDBSQLite
import Synchronization

/// Tells whether anyone has committed to the database since an earlier look, cheaply enough to
/// ask on every request. Callers compare one shared generation, bumped whenever a look sees
/// a change.
///
/// In WAL mode (every knowledge base) a look reads SQLite's WAL-index header from the shared
/// memory SQLite itself mapped for the monitor's first connection (``WALIndexHeader``): two
/// 48-byte loads, and no descriptor of SQLite's files opened behind its back. Until SQLite has
/// such a mapping to give (a `-shm` file this process may only read, with no writer attached
/// yet), or for a database not in WAL mode, a look asks SQLite with `PRAGMA data_version` on
/// one of a few dedicated connections; each connection's values only compare with its own, so
/// a connection that sees a change bumps the generation. Several connections because the
/// pragma holds one across two `fcntl` calls, and one shared connection made the server's event
/// loops queue for it.
public final class ChangeMonitor: Sendable {
    private struct Watcher: @unchecked Sendable {
        // @unchecked: the handles are only touched while this watcher's mutex is held.
        var database: OpaquePointer
        var statement: OpaquePointer
        /// The data version this connection saw last; nil before its first look.
        var lastSeen: Int64?
    }

    /// A watcher behind its own lock (a class, since a `Mutex` cannot sit in an array).
    private final class Slot: Sendable {
        let watcher: Mutex<Watcher>
        init(_ watcher: Watcher) { self.watcher = Mutex(watcher) }
    }

    /// The first slot is the anchor: it keeps the database open, which keeps its shared memory
    /// in place (and SQLite's locks on it held), and it is the connection whose mapping the
    /// header is read from.
    private let slots: [Slot]
    private let isWAL: Bool
    /// Set once, when SQLite first hands over a mapping; read lock-free on every look.
    private let walIndex = ManagedAtomicLazyReference<WALIndexHeader>()
    /// The WAL-index header seen last; nil before the first look.
    private let lastHeader = Mutex<WALIndexHeader.Value?>(nil)
    private let generation = Atomic<Int64>(0)

    /// True when looks read the WAL-index header rather than asking SQLite.
    var readsSharedMemory: Bool { walIndex.load() != nil }

    /// - Parameter connections: how many callers may ask SQLite at once without waiting, when
    ///   the WAL-index header cannot be read.
    public init(path: String, connections: Int = 4) throws {
        let anchor = try Self.open(path)
        var slots = [Slot(anchor)]
        // A look through the anchor opens the WAL index (creating the -shm file if need be).
        _ = try slots[0].watcher.withLock { watcher in try Self.dataVersion(&watcher) }
        isWAL = Self.isWAL(anchor.database)
        if isWAL, let header = WALIndexHeader(mappedBy: anchor.database) {
            _ = walIndex.storeIfNilThenLoad(header)
        } else {
            for _ in 1..<max(1, connections) { slots.append(Slot(try Self.open(path))) }
        }
        self.slots = slots
    }

    private static func open(_ path: String) throws -> Watcher {
        let database = try RawConnection.open(
            path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, purpose: "watch \(path) for changes")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, "PRAGMA data_version", -1, &statement, nil) == SQLITE_OK, let statement else {
            let message = String(cString: sqlite3_errmsg(database))
            sqlite3_close(database)
            throw KnowledgeBaseError.storage("cannot watch \(path) for changes: \(message)")
        }
        sqlite3_busy_timeout(database, Int32(KnowledgeBaseDatabase.busyTimeout * 1000))
        return Watcher(database: database, statement: statement)
    }

    private static func isWAL(_ database: OpaquePointer) -> Bool {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, "PRAGMA journal_mode", -1, &statement, nil) == SQLITE_OK else { return false }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let mode = sqlite3_column_text(statement, 0) else { return false }
        return String(cString: mode).lowercased() == "wal"
    }

    deinit {
        for slot in slots {
            slot.watcher.withLock { watcher in
                sqlite3_finalize(watcher.statement)
                sqlite3_close(watcher.database)
            }
        }
    }

    /// A number that differs from every earlier one returned whenever the database changed in
    /// between (and now and then when it did not).
    ///
    /// Why that holds: a look sees every commit completed since the previous look of the same
    /// kind (the same header copy, or the same connection), and bumps the generation before
    /// returning it. A commit before this call was either seen now or by that previous look,
    /// which bumped the generation then. A first look bumps it too, since it cannot know what
    /// it missed, and so does a header caught between a writer's two copies.
    public func version() throws -> Int64 {
        guard let walIndex = walIndex.load() ?? mapWALIndex() else { return try pooledVersion() }
        guard let header = walIndex.read() else {
            return generation.add(1, ordering: .sequentiallyConsistent).newValue
        }
        return lastHeader.withLock { last in
            if last != header {
                last = header
                generation.add(1, ordering: .sequentiallyConsistent)
            }
            return generation.load(ordering: .sequentiallyConsistent)
        }
    }

    /// Asks SQLite again for the anchor's mapping of the WAL index: a read-only `-shm` file
    /// becomes mappable once a writer has attached to it (SQLite's own next transaction would
    /// switch over the same way). Nil while it still cannot be, or busy: the caller asks SQLite.
    private func mapWALIndex() -> WALIndexHeader? {
        guard isWAL else { return nil }
        let mapped = slots[0].watcher.withLockIfAvailable { watcher in WALIndexHeader(mappedBy: watcher.database) }
        guard let header = mapped ?? nil else { return nil }
        return walIndex.storeIfNilThenLoad(header)
    }

    private func pooledVersion() throws -> Int64 {
        for slot in slots {
            if let version = try slot.watcher.withLockIfAvailable({ watcher in try look(&watcher) }) {
                return version
            }
        }
        return try version(lookingThrough: 0)
    }

    /// A look by `PRAGMA data_version` through one given connection, waiting for it if busy.
    func version(lookingThrough index: Int) throws -> Int64 {
        try slots[index].watcher.withLock { watcher in try look(&watcher) }
    }

    private func look(_ watcher: inout Watcher) throws -> Int64 {
        if try Self.dataVersion(&watcher) {
            generation.add(1, ordering: .sequentiallyConsistent)
        }
        return generation.load(ordering: .sequentiallyConsistent)
    }

    /// Reads the connection's data version; true when it differs from the one it saw last.
    private static func dataVersion(_ watcher: inout Watcher) throws -> Bool {
        defer { sqlite3_reset(watcher.statement) }
        let status = sqlite3_step(watcher.statement)
        // A connection that may not write caught the log's index mid-change
        // (``ReadOnlyReadRetry``): counted as a change, which costs one cache miss, never a stale answer.
        if [SQLITE_READONLY, SQLITE_PROTOCOL, SQLITE_BUSY].contains(status & 0xFF) {
            return true
        }
        guard status == SQLITE_ROW else {
            throw KnowledgeBaseError.storage("cannot read the database's version: \(String(cString: sqlite3_errmsg(watcher.database)))")
        }
        let seen = sqlite3_column_int64(watcher.statement, 0)
        defer { watcher.lastSeen = seen }
        return watcher.lastSeen != seen
    }
}
