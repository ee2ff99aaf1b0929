import Foundation

/// The POSIX (fcntl) locks a process holds on a file, read from /proc/locks: what the issue 27
/// probe looked at to find that the server had lost SQLite's lock on the `-shm` file.
public enum POSIXLocks {
    public struct Lock: Sendable, Equatable {
        /// `READ` or `WRITE`.
        public var kind: String
        public var start: Int
        public var end: Int

        public init(kind: String, start: Int, end: Int) {
            self.kind = kind
            self.start = start
            self.end = end
        }
    }

    /// The locks process `pid` holds on the file at `path` (matched by inode).
    public static func held(by pid: Int32, on path: String) throws -> [Lock] {
        guard let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int else {
            throw CocoaError(.fileReadUnknown)
        }
        // "1: POSIX  ADVISORY  READ 30125 fe:00:16228498 128 128"
        return try ProcFile.read("/proc/locks").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 8, fields[1] == "POSIX", Int32(fields[4]) == pid,
                fields[5].split(separator: ":").last.flatMap({ Int($0) }) == inode,
                let start = Int(fields[6]), let end = Int(fields[7])
            else { return nil }
            return Lock(kind: String(fields[3]), start: start, end: end)
        }
    }

    /// SQLite's "DMS" byte of a `-shm` file (`UNIX_SHM_DMS` in os_unix.c: 120 + 8): every process
    /// with the WAL index open holds a read lock on it, and one that finds it unlocked believes
    /// it is alone, truncates the file and builds the index again.
    public static let sharedMemoryDMSByte = 128
}
