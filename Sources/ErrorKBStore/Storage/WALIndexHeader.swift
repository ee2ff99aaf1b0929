import Atomics
import ErrorKBCore

#if canImport(Glibc)
import Glibc
#endif

/// SQLite's WAL-index header, read straight from the database's `-shm` file, as every SQLite
/// reader reads it before it starts a transaction (`walIndexTryHdr` in SQLite's wal.c; the
/// layout is in https://sqlite.org/walformat.html, section 2.2, and cannot change without
/// breaking processes of different SQLite versions that share a database).
///
/// A writer rewrites this header as the last step of every commit: the second copy, a memory
/// barrier, then the first. A commit always changes it (more frames, or a restarted log with
/// new salts). So when both copies agree and equal what was read before, nobody has committed
/// in between. Reading it is two loads of 48 bytes; asking SQLite (`PRAGMA data_version`) is a
/// read transaction with two `fcntl` locks, a third of a cached lookup's time.
///
/// The mapping stays valid while some connection keeps the database open in WAL mode: SQLite
/// only empties or deletes the file when it is the last one. ``ChangeMonitor`` keeps one open.
final class WALIndexHeader: @unchecked Sendable {
    // @unchecked: the mapping never changes after init, and the shared memory is only read
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
    private static let copyWords = 6

    private let base: UnsafeMutableRawPointer
    private let length: Int

    /// Maps the `-shm` file next to `databaseFile` (the path SQLite itself resolved), or nil when
    /// there is none, it cannot be mapped, or its header is not one this reader knows.
    init?(databaseFile: String) {
        let descriptor = open(databaseFile + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        // The header's two copies and the checkpoint information: 136 bytes.
        guard fstat(descriptor, &status) == 0, status.st_size >= 136 else { return nil }
        length = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let mapped = mmap(nil, length, PROT_READ, MAP_SHARED, descriptor, 0), mapped != MAP_FAILED else {
            return nil
        }
        base = mapped
        // read() is nil for a header this reader does not know, as well as for a torn one.
        guard read() != nil else {
            munmap(base, length)
            return nil
        }
    }

    deinit {
        munmap(base, length)
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
