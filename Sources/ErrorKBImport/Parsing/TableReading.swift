import ErrorKBCore

/// How the importer read one table of a page: which column it took as what and why, or why it
/// took the table for no table of errors. The import report prints it, so a page read wrongly
/// says where the reading went wrong.
public struct TableReading: Codable, Sendable, Hashable {
    public struct Column: Codable, Sendable, Hashable {
        /// The header's text; empty when the table has no header.
        public var header: String
        /// `code`, `title`, `description`, `causes`, `fixes`, `http status`, `context`, `ignored`.
        public var role: String
        /// The evidence: the header's words and what the cells hold.
        public var reason: String
    }

    public var lines: LineRange
    /// Empty when the table was set aside.
    public var columns: [Column]
    /// Why the table holds no entries, when it was set aside.
    public var setAside: String?
    public var entries: Int

    /// `lines 12-40: 14 entries; "Code" → code (header "Code"), "Meaning" → description (...)`
    public var summary: String {
        let place = lines.start == lines.end ? "line \(lines.start)" : "lines \(lines.start)-\(lines.end)"
        if let setAside { return "table at \(place): set aside, \(setAside)" }
        let roles = columns.enumerated().map { index, column in
            let name = column.header.isEmpty ? "column \(index + 1)" : "\"\(column.header)\""
            return "\(name) → \(column.role) (\(column.reason))"
        }
        return "table at \(place): \(entries) entr\(entries == 1 ? "y" : "ies"); " + roles.joined(separator: ", ")
    }
}

extension ColumnRole {
    var reportName: String {
        switch self {
        case .code: "code"
        case .httpStatus: "http status"
        case .title, .reason: "title"
        case .description: "description"
        case .causes: "causes"
        case .fixes: "fixes"
        case .context: "context"
        case .ignored: "ignored"
        }
    }
}
