import Foundation

/// Narrows a listing or a search. Every field is optional; all given fields must match.
public struct CodeFilter: Sendable, Hashable {
    public var kind: CodeKind?
    /// `"4xx"`; only HTTP codes have a class.
    public var httpClass: String?
    public var vendor: String?
    /// A document's file name.
    public var document: String?
    /// Words a variant of the code must contain (listings only; a search has its own text).
    public var text: String?

    public init(
        kind: CodeKind? = nil, httpClass: String? = nil, vendor: String? = nil, document: String? = nil,
        text: String? = nil
    ) {
        self.kind = kind
        self.httpClass = httpClass
        self.vendor = vendor
        self.document = document
        self.text = text
    }

    /// Accepts `4xx`, `4XX` or `4`; `nil` for anything else.
    public static func normalizedClass(_ text: String) -> String? {
        let lowered = text.lowercased()
        let digit = lowered.hasSuffix("xx") ? String(lowered.dropLast(2)) : lowered
        guard digit.count == 1, let value = Int(digit), (1...5).contains(value) else { return nil }
        return "\(value)xx"
    }
}

/// Where a page starts and how long it is.
public struct PageRequest: Sendable, Hashable {
    public static let maximumLimit = 500
    public var limit: Int
    public var cursor: Cursor?

    public init(limit: Int = 50, cursor: Cursor? = nil) {
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.cursor = cursor
    }
}

/// An opaque position in a listing: clients pass back what they were given. Listings by code
/// carry the last code served, as URL-safe base64; searches and histories carry a number.
public struct Cursor: Sendable, Hashable {
    /// The sort key of the last item served (a code for listings, a number otherwise).
    public var after: String
    private var isNumber: Bool

    public init(after: String) {
        self.after = after
        self.isNumber = false
    }

    /// A position that is a count or an id.
    public init(number: Int64) {
        self.after = String(number)
        self.isNumber = true
    }

    /// What the client is given: digits for a number, else URL-safe base64 without padding.
    public var token: String {
        if isNumber { return after }
        return Data(after.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a key token. Every token of the documented form (`base64URLPattern`) is accepted:
    /// it names a position, even one this service never issued, which simply starts there.
    public init?(token: String) {
        guard (2...Self.maximumTokenLength).contains(token.utf8.count),
            token.range(of: Self.base64URLPattern, options: .regularExpression) != nil
        else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), !data.isEmpty else { return nil }
        self.init(after: String(decoding: data, as: UTF8.self))
    }

    /// Reads a number token: 1 to 18 digits.
    public init?(numberToken token: String) {
        guard token.range(of: Self.numberPattern, options: .regularExpression) != nil, let value = Int64(token) else {
            return nil
        }
        self.init(number: value)
    }

    /// Base64url without padding: 2 to `maximumTokenLength` characters.
    public static let base64URLPattern = "^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$"
    public static let maximumTokenLength = 512
    public static let numberPattern = "^[0-9]{1,18}$"
}

/// One page of results and where the next one starts.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: Cursor?

    public init(items: [Item], next: Cursor?) {
        self.items = items
        self.next = next
    }
}

extension Page: Equatable where Item: Equatable {}

/// How many codes fall in each class, vendor, kind and document, for the listing's facets.
public struct Facets: Codable, Sendable, Hashable {
    public var byClass: [String: Int]
    public var byVendor: [String: Int]
    public var byKind: [String: Int]
    /// Keyed by the document's file name.
    public var byDocument: [String: Int]

    public init(byClass: [String: Int], byVendor: [String: Int], byKind: [String: Int], byDocument: [String: Int] = [:]) {
        self.byClass = byClass
        self.byVendor = byVendor
        self.byKind = byKind
        self.byDocument = byDocument
    }
}

/// A search result: one variant, with a snippet whose matches are marked.
public struct SearchHit: Codable, Sendable, Hashable {
    public var variantID: Int64
    public var code: String
    public var kind: CodeKind
    public var vendor: String
    public var document: String?
    public var section: String?
    public var title: String?
    /// The best-matching stretch of text, matches wrapped in `highlight.open`/`highlight.close`.
    public var snippet: String
    /// bm25: lower is better.
    public var rank: Double

    public init(
        variantID: Int64, code: String, kind: CodeKind, vendor: String, document: String?,
        section: String?, title: String?, snippet: String, rank: Double
    ) {
        self.variantID = variantID
        self.code = code
        self.kind = kind
        self.vendor = vendor
        self.document = document
        self.section = section
        self.title = title
        self.snippet = snippet
        self.rank = rank
    }
}

/// The markers a search snippet wraps around each match.
public struct Highlight: Sendable, Hashable {
    public var open: String
    public var close: String

    public init(open: String, close: String) {
        self.open = open
        self.close = close
    }

    public static let brackets = Highlight(open: "[", close: "]")
    public static let mark = Highlight(open: "<mark>", close: "</mark>")
}
