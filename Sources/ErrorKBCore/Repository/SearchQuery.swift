/// Turns what a person types into an FTS5 query that is always valid: each word becomes a quoted
/// token, so `"`, `NEAR(`, `*` or `AND` are searched for as text, never parsed as syntax.
public struct SearchQuery: Sendable, Hashable {
    /// The words searched for, in order.
    public let terms: [String]

    public static let maximumTerms = 32

    /// `nil` when the text holds no word at all.
    public init?(_ text: String) {
        var terms: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                terms.append(current)
                current = ""
            }
        }
        if !current.isEmpty { terms.append(current) }
        guard !terms.isEmpty else { return nil }
        self.terms = Array(terms.prefix(Self.maximumTerms))
    }

    /// Every term must match; the last also matches as a prefix, so results come while typing.
    public var ftsPattern: String {
        terms.enumerated().map { index, term in
            let quoted = "\"\(term.replacingOccurrences(of: "\"", with: "\"\""))\""
            return index == terms.count - 1 ? quoted + "*" : quoted
        }.joined(separator: " ")
    }
}
