/// What family an error code belongs to.
public enum CodeKind: String, Codable, Sendable, CaseIterable {
    /// An HTTP status code, `100` to `599`.
    case http
    /// An OAuth 2.0 / OpenID Connect error code such as `invalid_grant`.
    case oauth
    /// Any other string error code a vendor documents.
    case other

    /// The kind a code string has on its face: three digits from 100 to 599 are HTTP, anything
    /// else is a string code whose family the caller knows better (defaults to `other`).
    public static func inferred(from code: String) -> CodeKind {
        HTTPStatus(code: code) != nil ? .http : .other
    }
}

/// An HTTP status code in the range RFC 9110 allows.
public struct HTTPStatus: Hashable, Sendable {
    public let value: Int

    public init?(_ value: Int) {
        guard (100...599).contains(value) else { return nil }
        self.value = value
    }

    /// Parses exactly three ASCII digits, `100` to `599`.
    public init?(code: String) {
        let utf8 = code.utf8
        guard utf8.count == 3, utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(code)
        else { return nil }
        self.init(value)
    }

    /// `"4xx"` for 404.
    public var statusClass: String { "\(value / 100)xx" }
}
