import Dispatch
import ErrorKBCore
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the write-ahead log back into the database file on a connection and a thread of its
/// own, so that a writer's commit does not wait for it.
///
/// Why: SQLite's automatic checkpoint runs inside the COMMIT that takes the log past 1,000
/// pages, on the writer's thread. In an import of 100,000 variants it was a tenth of the time
/// (`perf`: `sqlite3WalCheckpoint` under every large commit). A PASSIVE checkpoint takes no lock
/// that the writer or the readers wait for, so on a second core it runs beside the next
/// transaction. It is as safe as SQLite's own: the log stays the authority until every page it
/// copied is in the file.
final class BackgroundCheckpointer: Sendable {
    /// SQLite's own threshold for its automatic checkpoint.
    static let pagesBeforeCheckpoint: Int32 = 1_000
    /// Past this size (64 MiB) the writer checkpoints itself; see ``logGrew(to:writer:schema:)``.
    static let pagesBeforeWriterCheckpoints: Int32 = 16_384

    private let queue: DispatchQueue
    /// Used on `queue` only, and by ``close()``; the mutex makes that checkable rather than a
    /// promise. Nil once closed.
    private let connection: Mutex<OpaquePointer?>
    /// True from the moment a checkpoint is asked for until it starts, so that a burst of
    /// commits queues one checkpoint, not one each.
    private let scheduled = Atomic<Bool>(false)
    private let writerCheckpointPages: Int32

    /// - Parameters:
    ///   - queue: where checkpoints run; a test passes one it can hold back.
    ///   - writerCheckpointPages: the log size past which the writer checkpoints itself.
    init(
        path: String, queue: DispatchQueue = DispatchQueue(label: "errorkb.checkpoint", qos: .utility),
        writerCheckpointPages: Int32 = BackgroundCheckpointer.pagesBeforeWriterCheckpoints
    ) throws {
        self.queue = queue
        self.writerCheckpointPages = writerCheckpointPages
        let database = try RawConnection.open(
            path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, purpose: "open \(path) for checkpoints")
        // The store closes this connection last, so it is the one whose close empties the log.
        KnowledgeBaseDatabase.keepLogWhenClosing(database)
        connection = Mutex(database)
    }

    deinit {
        // Released without ``close()`` (a store dropped, not closed): nothing is queued any more,
        // since every queued checkpoint holds a reference to self, so the same last copy as
        // close() runs here, and a dropped store leaves the file as a closed one does.
        checkpoint()
        closeConnection()
    }

    /// Waits for the checkpoints asked for, copies what is left, and closes the connection.
    /// Called by the store once its writer is closed, so nothing asks for another. When this is
    /// the file's last connection, closing it also copies the rest and empties the log (kept
    /// beside the file: see ``KnowledgeBaseDatabase/keepLogWhenClosing(_:)``); it does so only
    /// for a connection that has read the file, which the checkpoint does.
    func close() {
        queue.sync { checkpoint() }
        closeConnection()
    }

    private func closeConnection() {
        connection.withLock { database in
            if let database { sqlite3_close(database) }
            database = nil
        }
    }

    /// Takes over the checkpoints of a writing connection. SQLite's automatic checkpoint is a
    /// WAL hook too, so installing this one turns it off for `db`. `db` must not outlive self:
    /// the connection's configuration keeps self alive (see ``KnowledgeBaseDatabase``).
    func takeOverCheckpoints(of db: Database) {
        let hook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
            context, writer, schema, pages in
            if let context {
                Unmanaged<BackgroundCheckpointer>.fromOpaque(context).takeUnretainedValue()
                    .logGrew(to: pages, writer: writer, schema: schema)
            }
            return SQLITE_OK
        }
        sqlite3_wal_hook(db.sqliteConnection, hook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Called by SQLite on the writer's thread right after each commit, with the log's size.
    private func logGrew(to pages: Int32, writer: OpaquePointer?, schema: UnsafePointer<CChar>?) {
        // SQLite starts the log over only when a write begins with every page of it copied.
        // A checkpoint beside a busy writer never gets there: the writer has appended more by
        // the time it ends, and in an import of 1,000,000 variants the log grew to 6 GiB. So
        // past a size the writer copies what is left itself, as SQLite's own checkpoint would,
        // and its next transaction writes the log from the start. Most of it is copied by then,
        // so this costs the writer little. If the background checkpoint still holds the
        // checkpoint lock, SQLite says BUSY at once and the next commit tries again.
        if pages >= writerCheckpointPages, let writer,
            sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK
        {
            return
        }
        guard pages >= Self.pagesBeforeCheckpoint,
            scheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        queue.async { [self] in
            scheduled.store(false, ordering: .releasing)
            checkpoint()
        }
    }

    /// Copies as much of the log as no reader still needs. A failure (another process
    /// checkpointing, say) is left for the next commit to retry; the log stays valid.
    private func checkpoint() {
        connection.withLock { database in
            guard let database else { return }
            // A connection only learns that the file is in WAL mode by reading it; until then
            // a checkpoint is a silent no-op. The file may have been empty when it was opened.
            _ = sqlite3_exec(database, "PRAGMA schema_version", nil, nil, nil)
            _ = sqlite3_wal_checkpoint_v2(database, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
    }

    /// Returns once every checkpoint asked for so far has run; for tests.
    func waitUntilIdle() {
        queue.sync {}
    }
}
