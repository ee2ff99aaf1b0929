import GRDB
import GRDBSQLite
import Synchronization

/// Tells whether anyone has committed to the database since an earlier look, cheaply enough to
/// ask on every request. Each of a few dedicated connections runs SQLite's
/// `PRAGMA data_version`, which changes whenever another connection, in this process or
/// another, commits. Its values are only comparable on one connection, so a connection that
/// sees a change bumps one shared generation, and the generation is what callers compare.
///
/// Several connections, because the pragma holds its connection across two `fcntl` calls: one
/// shared connection made the server's event loops queue for it (2–3% of a cached lookup spent
/// in the mutex's slow path, more in the thread switches it caused). The connections are used
/// directly under a lock: a dispatch queue per call would cost a thread wake-up each time.
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

    private let slots: [Slot]
    private let generation = Atomic<Int64>(0)

    /// - Parameter connections: how many callers may look at once without waiting.
    public init(path: String, connections: Int = 4) throws {
        var slots: [Slot] = []
        for _ in 0..<max(1, connections) {
            slots.append(Slot(try Self.open(path)))
        }
        self.slots = slots
    }

    private static func open(_ path: String) throws -> Watcher {
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
        return Watcher(database: database, statement: statement)
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
    /// Why that holds: a caller's connection sees every commit made since its own last look,
    /// and bumps the generation before returning it. A commit before this call was either seen
    /// now, or seen by this connection's earlier look, which bumped the generation then. A
    /// connection's first look bumps it too, since it cannot know what it missed.
    public func version() throws -> Int64 {
        for slot in slots {
            if let version = try slot.watcher.withLockIfAvailable({ watcher in try look(&watcher) }) {
                return version
            }
        }
        return try version(lookingThrough: 0)
    }

    /// ``version()`` through one given connection, waiting for it if it is busy.
    func version(lookingThrough index: Int) throws -> Int64 {
        try slots[index].watcher.withLock { watcher in try look(&watcher) }
    }

    private func look(_ watcher: inout Watcher) throws -> Int64 {
        defer { sqlite3_reset(watcher.statement) }
        guard sqlite3_step(watcher.statement) == SQLITE_ROW else {
            throw KnowledgeBaseError.schema("cannot read the database's version: \(String(cString: sqlite3_errmsg(watcher.database)))")
        }
        let seen = sqlite3_column_int64(watcher.statement, 0)
        if watcher.lastSeen != seen {
            watcher.lastSeen = seen
            generation.add(1, ordering: .sequentiallyConsistent)
        }
        return generation.load(ordering: .sequentiallyConsistent)
    }
}
