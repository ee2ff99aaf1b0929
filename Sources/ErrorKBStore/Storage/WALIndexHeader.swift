import Atomics
import ErrorKBCore
import GRDBSQLite

/// SQLite's WAL-index header, read from SQLite's own mapping of the database's `-shm` file, as
/// every SQLite reader reads it before it starts a transaction (`walIndexTryHdr` in SQLite's
/// wal.c; the layout is in https://sqlite.org/walformat.html, section 2.2, and cannot change
/// without breaking processes of different SQLite versions that share a database).
///
/// A writer rewrites this header as the last step of every commit: the second copy, a memory
/// barrier, then the first. A commit always changes it (more frames, or a restarted log with
/// new salts). So when both copies agree and equal what was read before, nobody has committed
/// in between. Reading it is two loads of 48 bytes; asking SQLite (`PRAGMA data_version`) is a
/// read transaction with two `fcntl` locks, a third of a cached lookup's time.
///
/// The mapping is the one SQLite made for a connection (`xShmMap` of its VFS file, region 0),
/// not one of our own: opening the `-shm` file ourselves and closing that descriptor would
/// drop every POSIX lock this process holds on the file, SQLite's included, and another
/// process, finding no lock, would truncate the file under the mapping (issue 27: SIGBUS).
/// SQLite unmaps it only when that connection closes, so the connection must outlive this.
final class WALIndexHeader: @unchecked Sendable {
    // @unchecked: the pointer never changes after init, and the shared memory is only read
    // through atomic loads.

    /// One copy of the header as six machine words, compared whole.
    struct Value: Equatable, Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

        static func == (a: Value, b: Value) -> Bool {
            a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2
                && a.words.3 == b.words.3 && a.words.4 == b.words.4 && a.words.5 == b.words.5
        }

        /// `iVersion`, the 32-bit field at offset 0, in this machine's byte order as all the header is.
        var formatVersion: UInt32 { withUnsafeBytes(of: words) { $0.load(fromByteOffset: 0, as: UInt32.self) } }
        /// `isInit`, the byte at offset 12.
        var isInitialized: Bool { withUnsafeBytes(of: words) { $0[12] == 1 } }
    }

    /// The WAL-index format this reader knows (`WALINDEX_MAX_VERSION`).
    static let knownFormatVersion: UInt32 = 3_007_000
    /// SQLite maps the index in regions of 32 KiB (`WALINDEX_PGSZ`); the header opens region 0.
    private static let regionSize: Int32 = 32_768
    private static let copyWords = 6

    private let base: UnsafeMutableRawPointer

    /// The header of the WAL index that `connection` (open on a WAL database, used only by the
    /// caller while this runs) has mapped, or nil when SQLite has no shared mapping to give: the
    /// `-shm` file is read-only and no writer has it open (SQLite then reads the log into
    /// private memory on every transaction, `SQLITE_READONLY_CANTINIT`), the VFS has no shared
    /// memory, or the header is not one this reader knows. Asking again later may succeed.
    init?(mappedBy connection: OpaquePointer) {
        var filePointer: UnsafeMutableRawPointer?
        guard sqlite3_file_control(connection, "main", SQLITE_FCNTL_FILE_POINTER, &filePointer) == SQLITE_OK,
            let file = filePointer?.assumingMemoryBound(to: sqlite3_file.self),
            let methods = file.pointee.pMethods, methods.pointee.iVersion >= 2, let map = methods.pointee.xShmMap
        else { return nil }
        var region: UnsafeMutableRawPointer?
        // Not extending (0): a reader never grows the file; SQLITE_READONLY is SQLite mapping a
        // read-only -shm file that a writer keeps up to date, which is as good for reading.
        let status = map(file, 0, Self.regionSize, 0, &region)
        guard status == SQLITE_OK || status == SQLITE_READONLY, let region else { return nil }
        base = region
        // read() is nil for a header this reader does not know, as well as for a torn one.
        guard read() != nil else { return nil }
    }

    /// The header, or nil while a writer is between its two copies (or the header is not one
    /// this reader knows): something is being committed.
    func read() -> Value? {
        let words = base.assumingMemoryBound(to: UnsafeAtomic<UInt64>.Storage.self)
        func copy(_ index: Int) -> Value {
            let start = index * Self.copyWords
            func word(_ offset: Int) -> UInt64 {
                UnsafeAtomic<UInt64>(at: words + start + offset).load(ordering: .relaxed)
            }
            return Value(words: (word(0), word(1), word(2), word(3), word(4), word(5)))
        }
        let first = copy(0)
        // Pairs with the writer's barrier between its two copies, as in walIndexTryHdr.
        atomicMemoryFence(ordering: .acquiring)
        let second = copy(1)
        guard first == second, first.isInitialized, first.formatVersion == Self.knownFormatVersion else { return nil }
        return first
    }
}
