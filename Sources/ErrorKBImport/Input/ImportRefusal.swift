/// Why a file is refused before anything is written, in words a person can act on.
public enum ImportRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case tooLarge(file: String, bytes: Int, limit: Int)
    case tooManyLines(file: String, lines: Int, limit: Int)
    case binary(file: String)
    case notUTF8(file: String, offset: Int)
    case noEntries(file: String)
    case unknownVendor(file: String)
    case invalidExport(file: String, reason: String)
    /// A registry table (by its name or header) that breaks the registry's form at `line`.
    case malformedRegistry(file: String, line: Int, reason: String)
    /// A file ErrorKB knows, that is not a page to import (its retry-guidance table).
    case notADocument(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .empty(let file): "\(file): the file is empty or only white space"
        case .tooLarge(let file, let bytes, let limit):
            "\(file): \(bytes) bytes is over the \(limit / 1_048_576) MiB limit for one document"
        case .tooManyLines(let file, let lines, let limit):
            "\(file): \(lines) lines is over the limit of \(limit) lines for one document"
        case .binary(let file): "\(file): looks like a binary file, not a documentation page"
        case .notUTF8(let file, let offset): "\(file): not valid UTF-8 (first bad byte at offset \(offset))"
        case .noEntries(let file): "\(file): no error codes found in any layout this importer knows"
        case .unknownVendor(let file):
            "\(file): no vendor given and the file is not in Seeds/manifest.json; pass --vendor SLUG"
        case .invalidExport(let file, let reason): "\(file): not an errorkb export: \(reason)"
        case .malformedRegistry(let file, let line, let reason): "\(file), line \(line): \(reason); nothing was imported"
        case .notADocument(let file, let reason): "\(file): \(reason); nothing was imported"
        }
    }
}
