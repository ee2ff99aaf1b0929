/// Where a registry fact was read: the row of the registry table, and the day the copy was taken.
public struct RegistrySource: Codable, Sendable, Hashable {
    public var document: String
    public var documentID: Int64
    public var line: Int
    public var registryAsOf: String?

    // `documentId`, so that snake_case encoding gives `document_id`.
    enum CodingKeys: String, CodingKey {
        case document, documentID = "documentId", line, registryAsOf
    }

    init(_ record: RegistryRecord) {
        document = record.document
        documentID = record.documentID
        line = record.row.line
        registryAsOf = record.asOf
    }
}

/// How current a registration is, as IANA marks it.
public enum RegistrationStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case permanent, temporary, obsoleted, unused, unassigned
}

/// What a registry says of one code: its registered name, where it is defined, and whether the
/// registration is still current.
public struct Registration: Codable, Sendable, Hashable {
    public var registry: RegistryKind
    /// The registry's first cell: `404`, the unassigned range `452-499`, `need_info (and its subsidiary parameters)`.
    public var value: String
    /// The registered name without IANA's status note: `Not Found`, `Upload Resumption Supported`;
    /// `nil` for an unused or unassigned value, and for OAuth errors (the code is the name).
    public var name: String?
    public var status: RegistrationStatus
    /// A temporary registration's dates, `yyyy-mm-dd`.
    public var registered: String?
    public var extended: String?
    public var expires: String?
    /// Whether a temporary registration's expiry date is before the day asked about (today, for
    /// a server); `nil` for a registration that does not expire.
    public var expired: Bool?
    /// OAuth: where the error may be returned (`authorization endpoint`, `token endpoint`, ...).
    public var usageLocations: [String]?
    public var protocolExtension: String?
    public var changeController: String?
    public var references: [RegistryReference]
    public var source: RegistrySource

    /// The registrations among `records` that speak of `code`: the HTTP rows whose value is it
    /// or whose unassigned range holds it, the OAuth rows of that name. `today` is `yyyy-mm-dd`.
    public static func of(_ code: String, kind: CodeKind, in records: [RegistryRecord], today: String) -> [Registration] {
        records.compactMap { record in
            switch record.kind {
            case .httpStatus:
                guard kind == .http, let status = Int(code), let range = HTTPStatusRange(record.row.cells.first ?? ""), range.contains(status)
                else { return nil }
                return Registration(httpStatus: record, today: today)
            case .oauthError:
                guard record.kind.key(of: record.row) == code else { return nil }
                return Registration(oauthError: record)
            case .oauthStatus:
                return nil
            }
        }
    }

    init?(httpStatus record: RegistryRecord, today: String) {
        let cells = record.row.cells
        guard cells.count >= 3 else { return nil }
        registry = .httpStatus
        value = cells[0]
        references = RegistryReference.all(in: cells[2])
        source = RegistrySource(record)
        let note = RegistryNote(description: cells[1])
        name = note.name
        status = note.status
        registered = note.registered
        extended = note.extended
        expires = note.expires
        expired = note.expires.map { $0 < today }
    }

    init?(oauthError record: RegistryRecord) {
        let cells = record.row.cells
        guard cells.count >= 5 else { return nil }
        registry = .oauthError
        value = cells[0]
        name = nil
        status = .permanent
        usageLocations = cells[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        protocolExtension = cells[2]
        changeController = cells[3]
        references = RegistryReference.all(in: cells[4])
        source = RegistrySource(record)
    }
}

/// The status IANA writes into an HTTP registration's Description: `Not Extended (OBSOLETED)`,
/// `(Unused)`, `Unassigned`, `Upload Resumption Supported (TEMPORARY - registered 2024-11-13,
/// extension registered 2025-09-15, expires 2026-11-13)`.
public struct RegistryNote: Sendable, Hashable {
    public var name: String?
    public var status: RegistrationStatus = .permanent
    public var registered: String?
    public var extended: String?
    public var expires: String?

    public init(description: String) {
        let text = description.trimmingWhitespace()
        if text == "Unassigned" {
            status = .unassigned
            return
        }
        if text == "(Unused)" {
            status = .unused
            return
        }
        guard text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) else {
            name = text
            return
        }
        let note = String(text[open.upperBound..<text.index(before: text.endIndex)])
        let upper = note.uppercased()
        if upper == "OBSOLETED" {
            status = .obsoleted
        } else if upper.hasPrefix("TEMPORARY") {
            status = .temporary
            // "TEMPORARY - registered D1, extension registered D2, expires D3": each part ends in its date.
            for part in note.split(separator: ",") {
                let words = part.split(separator: " ")
                guard let last = words.last, Self.isDate(last) else { continue }
                if words.contains("extension") {
                    extended = String(last)
                } else if words.contains("registered") {
                    registered = String(last)
                } else if words.contains("expires") {
                    expires = String(last)
                }
            }
        } else {
            // A parenthesis that is part of the name, not a status note.
            name = text
            return
        }
        name = String(text[..<open.lowerBound])
    }

    private static func isDate(_ text: Substring) -> Bool {
        text.count == 10
            && text.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
            }
    }
}
