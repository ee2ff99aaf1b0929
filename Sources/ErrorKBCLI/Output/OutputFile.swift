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
        guard stat(target, &status) == 0 else {
            return try replace(target, with: bytes, named: path, mode: 0o600)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: try replace(target, with: bytes, named: path, mode: status.st_mode & 0o7777)
        case S_IFDIR: throw failure(path, "it is a folder", outcome: "nothing was written there")
        default: try writeThrough(bytes, to: target, named: path)
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
        guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno)), outcome: "nothing was written there") }
        defer { close(descriptor) }
        // In place, what was written before a failure stays: say so, not "nothing".
        if let error = DescriptorWriting.writeAll(bytes[...], to: descriptor) {
            throw failure(path, String(cString: strerror(error)), outcome: "the output there is incomplete")
        }
    }

    private static func replace(_ target: String, with bytes: [UInt8], named path: String, mode: mode_t) throws {
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(URL(fileURLWithPath: target).lastPathComponent).\(getpid()).tmp"
        // Created with the final mode, so the data is never readable by more people than it will be.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno)), outcome: "nothing was written there") }
        let error = DescriptorWriting.writeAll(bytes[...], to: descriptor) ?? (fsync(descriptor) == 0 ? nil : errno)
        close(descriptor)
        if error == nil, rename(temporary, target) == 0 { return }
        let reason = String(cString: strerror(error ?? errno))
        unlink(temporary)
        throw failure(path, reason, outcome: "nothing was written there")
    }

    private static func failure(_ path: String, _ reason: String, outcome: String) -> CLIFailure {
        CLIFailure(message: "cannot write \(path): \(reason); \(outcome)")
    }
}
