import Foundation

/// Writes a command's result to the file a person named with `--output`.
///
/// A regular file (or a new one) is replaced atomically: written beside it, synced, and
/// renamed over it, so a reader never sees half of it and a failure leaves the old one. A
/// symbolic link is followed and its target replaced. Anything else (a FIFO, a terminal, a
/// device) is written through in place: renaming over it would replace the node itself.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let target = resolved(path)
        var status = stat()
        if stat(target, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            if status.st_mode & S_IFMT == S_IFDIR { throw failure(path, "it is a folder") }
            try writeThrough(bytes, to: target, named: path)
        } else {
            try replace(target, with: bytes, named: path, mode: stat(target, &status) == 0 ? status.st_mode & 0o7777 : 0o600)
        }
    }

    /// The path with every symbolic link followed; the path itself when it does not exist yet.
    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    private static func writeThrough(_ bytes: [UInt8], to target: String, named path: String) throws {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        do {
            try writeAll(bytes, to: descriptor, named: path)
        } catch let error as CLIFailure {
            // In place, what was written before the failure stays: say so, not "nothing".
            throw CLIFailure(message: error.message.replacingOccurrences(of: "nothing was written there", with: "the output there is incomplete"))
        }
    }

    private static func replace(_ target: String, with bytes: [UInt8], named path: String, mode: mode_t) throws {
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(URL(fileURLWithPath: target).lastPathComponent).\(getpid()).tmp"
        // Created with the final mode, so the data is never readable by more people than it will be.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno))) }
        do {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, named: path)
            guard fsync(descriptor) == 0 else { throw failure(path, String(cString: strerror(errno))) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(path, reason)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, named path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path, String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    private static func failure(_ path: String, _ reason: String) -> CLIFailure {
        CLIFailure(message: "cannot write \(path): \(reason); nothing was written there")
    }
}
