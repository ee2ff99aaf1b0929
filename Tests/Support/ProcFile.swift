import Foundation

/// A file under /proc, read whole. Its size reads as 0, and Foundation's
/// `String(contentsOfFile:)` then stops after the first page (4 KiB of /proc/PID/maps).
public enum ProcFile {
    public static func read(_ path: String) throws -> String {
        guard let file = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
        defer { try? file.close() }
        return String(decoding: try file.readAll(), as: UTF8.self)
    }
}
