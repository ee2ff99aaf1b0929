/// The tables ErrorKB reads as their publishers give them out, each recognised by its header.
public enum RegistryKind: String, Codable, Sendable, CaseIterable {
    /// IANA's Hypertext Transfer Protocol (HTTP) Status Code Registry (`http-status-codes-1.csv`).
    case httpStatus = "http-status"
    /// IANA's OAuth Extensions Error Registry (`extensions-error.csv`).
    case oauthError = "oauth-error"
    /// The HTTP status and delivery each OAuth error's specification prescribes, with its sentence.
    case oauthStatus = "oauth-status"

    /// The header row, as published: how a table is recognised, and what an export writes first.
    public var header: [String] {
        switch self {
        case .httpStatus: ["Value", "Description", "Reference"]
        case .oauthError: ["Name", "Usage Location", "Protocol Extension", "Change Controller", "Reference"]
        case .oauthStatus: ["name", "usage_location", "delivery", "http_status", "requirement", "reference", "quote"]
        }
    }

    /// What a row is looked up by: the registered value (`404`, `105-199`) or the error code it
    /// names (`need_info` for `need_info (and its subsidiary parameters)`).
    public func key(of row: RegistryRow) -> String {
        let first = row.cells.first ?? ""
        return self == .oauthError ? OAuthRegistryName.code(of: first) ?? first : first
    }

    /// The registry whose header `cells` is.
    public init?(header cells: [String]) {
        guard let kind = Self.allCases.first(where: { $0.header == cells }) else { return nil }
        self = kind
    }
}

/// One row of a registry table, its cells exactly as published.
public struct RegistryRow: Codable, Sendable, Hashable {
    /// The row's first line in the file (the header is line 1).
    public var line: Int
    public var cells: [String]

    public init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }

}

/// A registry table as imported from one file.
public struct RegistryTable: Sendable, Hashable {
    public var kind: RegistryKind
    /// The day the copy was taken from its publisher (`yyyy-mm-dd`), when known: what a
    /// registration's status is as of.
    public var asOf: String?
    public var rows: [RegistryRow]

    public init(kind: RegistryKind, asOf: String?, rows: [RegistryRow]) {
        self.kind = kind
        self.asOf = asOf
        self.rows = rows
    }
}

/// A registry row as the knowledge base holds it: from the current version of a document.
public struct RegistryRecord: Sendable, Hashable {
    public var kind: RegistryKind
    public var documentID: Int64
    public var document: String
    public var asOf: String?
    public var row: RegistryRow

    public init(kind: RegistryKind, documentID: Int64, document: String, asOf: String?, row: RegistryRow) {
        self.kind = kind
        self.documentID = documentID
        self.document = document
        self.asOf = asOf
        self.row = row
    }
}
