import Foundation

/// Reads a file a person named on the command line, with every refusal in words: what the path
/// is when it is not a regular file (a FIFO would block the read, `/dev/zero` never ends), and
/// the system's own reason when it cannot be read, never Foundation's "The file couldn't be
/// opened" or "NSCocoaErrorDomain error 256".
public enum LocalFile {
    public static func read(_ path: String, limit: Int) throws(ImportRefusal) -> [UInt8] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        var status = stat()
        guard stat(path, &status) == 0 else { throw .unreadable(file: path, reason: reason(errno)) }
        if let kind = kind(status.st_mode) { throw .unreadable(file: path, reason: "it is \(kind), not a regular file") }
        // Checked before reading, so a huge file is refused without being loaded.
        guard Int(status.st_size) <= limit else { throw .tooLarge(file: name, bytes: Int(status.st_size), limit: limit) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable(file: path, reason: reason(errno)) }
        defer { close(descriptor) }
        // The path may have been swapped between the two looks; the open file is what counts.
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(file: path, reason: reason(errno)) }
        if let kind = kind(status.st_mode) { throw .unreadable(file: path, reason: "it is \(kind), not a regular file") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(file: path, reason: reason(errno)) }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            // A file that grows while it is read is held to the limit too.
            guard bytes.count <= limit else { throw .tooLarge(file: name, bytes: bytes.count, limit: limit) }
        }
    }

    /// What a path is when it is not a regular file, in a person's words.
    private static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "not a file"
        }
    }

    private static func reason(_ code: Int32) -> String {
        code == ENOENT ? "no such file" : String(cString: strerror(code)).lowercased()
    }
}
