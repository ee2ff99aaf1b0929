import ErrorKBCore
import Foundation

/// Who may write a knowledge base file, and so how a process that may only read it opens it.
///
/// SQLite reads a WAL database through its log (`-wal`) and the log's index (`-shm`). A
/// process that cannot write the file must find both already there: it may not create them,
/// and if it could (a folder it may write) they would be its own, and the curators' writes
/// would then be refused. Writers leave them in place when they close
/// (``KnowledgeBaseDatabase``, `SQLITE_FCNTL_PERSIST_WAL`), so once errorkb has written a file
/// a reader that cannot write it still follows every commit (https://sqlite.org/walformat.html,
/// "the WAL and WAL-index files are not deleted ... This leaves the database in a state that
/// allows other processes without write permission ... to open the database read-only").
///
/// Only a file nobody may write can be read as immutable, without the log: SQLite then takes
/// no lock and caches freely, and a writer would serve stale pages and torn reads (issue 27,
/// finding 2: a server user that could not write the file opened it immutable and served
/// the old entry, then "database disk image is malformed" during imports).
enum FileAccess {
    /// True when the file exists and this process may not write it, or the folder its log and
    /// index go in: its mode, its owner, a read-only mount, or a file ``isFrozen(at:)``.
    /// ``readOnlyReason(at:)`` says which.
    static func isReadOnly(at path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0 || isFrozen(at: path)
    }

    /// True when nobody may write the file: it is on a read-only mount, or no write permission
    /// bit is set. Root may still write the latter, so errorkb refuses to, as root too: that
    /// is what makes an immutable read of it sound.
    static func isFrozen(at path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        if status.st_mode & 0o222 == 0 { return true }
        var volume = statvfs()
        return statvfs(path, &volume) == 0 && volume.f_flag & UInt(ST_RDONLY) != 0
    }

    /// Why a write to an ``isReadOnly(at:)`` file is refused, in a few words.
    static func readOnlyReason(at path: String) -> String {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & 0o222 == 0 {
            return "its mode, 0\(String(status.st_mode & 0o777, radix: 8)), lets no one write it"
        }
        if access(path, W_OK) != 0 { return String(cString: strerror(errno)) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 { return "its folder: \(String(cString: strerror(errno)))" }
        return "on a read-only file system"
    }

    /// What a process that may only read opens: the path itself, or the SQLite URI that marks
    /// it immutable for a file nobody may write whose log holds nothing. A file someone else may
    /// write is read through SQLite's log and index, which must be there and readable; if they
    /// are not, this refuses, saying what to do, rather than serve answers that go stale.
    static func readingLocation(of path: String) throws -> String {
        guard isReadOnly(at: path) else { return path }
        let log = path + "-wal"
        let index = path + "-shm"
        let files: [String] = [log, index]
        if isFrozen(at: path), fileSize(log) ?? 0 == 0 { return immutableLocation(of: path) }
        let missing = files.filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else {
            throw KnowledgeBaseError.storage(
                "cannot read \(path) and follow its edits: this user may not write it, and \(missing.joined(separator: " and ")) "
                    + "\(missing.count == 1 ? "is" : "are") missing, which SQLite needs to read it (a reader may not create them). "
                    + "Run any errorkb command on it once as a user who may write it (errorkb keeps them from then on), "
                    + "or make it read-only for everyone (chmod a-w) to read it as it is")
        }
        let unreadable = files.filter { access($0, R_OK) != 0 }
        guard unreadable.isEmpty else {
            throw KnowledgeBaseError.storage(
                "cannot read \(path) and follow its edits: this user may read it but not \(unreadable.joined(separator: " and ")), "
                    + "SQLite's log of it; give \(unreadable.count == 1 ? "it" : "them") the database file's mode and group "
                    + "(chmod --reference=\(path) \(unreadable.joined(separator: " ")))")
        }
        return path
    }

    /// The SQLite URI that opens `path` read-only and immutable: no locks, no log, no index.
    static func immutableLocation(of path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:\(absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)?mode=ro&immutable=1"
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }
}
