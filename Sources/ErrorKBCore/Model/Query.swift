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
    /// The best-matching stretch of text, written with the search's ``Highlight``.
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

/// How a search snippet is written: what goes around each match, and how the text itself is
/// written. The store finds the matches with markers of its own that no text can hold
/// (``SnippetMarkers``) and writes the snippet with these, so the text can never forge a
/// highlight: U+E000 in an imported page stays a character, never a `<mark>`.
public struct Highlight: Sendable, Hashable {
    public var open: String
    public var close: String
    public var escaping: Escaping

    /// What the text between and inside the markers becomes.
    public enum Escaping: Sendable, Hashable {
        /// As it is: plain text, where the markers are the only markup.
        case none
        /// `&`, `<`, `>` and `"` as entities, for HTML whose markers are tags.
        case html
    }

    public init(open: String, close: String, escaping: Escaping = .none) {
        self.open = open
        self.close = close
        self.escaping = escaping
    }

    public static let brackets = Highlight(open: "[", close: "]")
    /// HTML: the text escaped, each match in `<mark>`.
    public static let html = Highlight(open: "<mark>", close: "</mark>", escaping: .html)
    /// The text alone, matches unmarked.
    public static let plain = Highlight(open: "", close: "")

    /// The snippet's parts written out, each match between `open` and `close`.
    public func write(_ parts: [SnippetPart]) -> String {
        var written = ""
        for part in parts {
            if part.isMatch { written += open }
            switch escaping {
            case .none: written += part.text
            case .html: written += Self.escapingHTML(part.text)
            }
            if part.isMatch { written += close }
        }
        return written
    }

    static func escapingHTML(_ text: String) -> String {
        var html = ""
        html.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            default: html.append(character)
            }
        }
        return html
    }
}

/// A stretch of a snippet: a match, or the text around matches.
public struct SnippetPart: Sendable, Hashable {
    public var text: String
    public var isMatch: Bool

    public init(_ text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}

/// The markers the store asks SQLite's `snippet()` to put around matches, and the reading of
/// its result back into parts. Each is a private-use character followed by 128 random bits
/// drawn for this one search, so no imported or edited text can contain them (fixed markers
/// such as U+E000 could be typed into a page and came out as real highlights).
public struct SnippetMarkers: Sendable {
    public let open: String
    public let close: String

    public init() {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
        open = "\u{E000}\(nonce)\u{E002}"
        close = "\u{E001}\(nonce)\u{E002}"
    }

    /// The snippet `marked` (as `snippet()` wrote it with these markers) as parts. Each match
    /// is one part, so highlights are always balanced whatever the text holds.
    public func parts(of marked: String) -> [SnippetPart] {
        var parts: [SnippetPart] = []
        var rest = marked[...]
        while let start = rest.firstRange(of: open) {
            if start.lowerBound > rest.startIndex { parts.append(SnippetPart(String(rest[..<start.lowerBound]), isMatch: false)) }
            let inside = rest[start.upperBound...]
            guard let end = inside.firstRange(of: close) else {
                rest = inside
                break
            }
            parts.append(SnippetPart(String(inside[..<end.lowerBound]), isMatch: true))
            rest = inside[end.upperBound...]
        }
        if !rest.isEmpty { parts.append(SnippetPart(String(rest), isMatch: false)) }
        return parts
    }
}
