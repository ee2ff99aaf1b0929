/// What a person types into a search box, as the words it searches for: runs of letters and
/// digits, so a store can always make a valid query of them, whatever else was typed. Words
/// match by their stem (`requests` finds `requested`); a word followed by `*` (`tok*`) matches
/// as a prefix. Prefixes are opt-in because a prefix of a common word scans many terms.
public struct SearchQuery: Sendable, Hashable {
    public struct Term: Sendable, Hashable {
        public var text: String
        public var isPrefix: Bool

        public init(text: String, isPrefix: Bool) {
            self.text = text
            self.isPrefix = isPrefix
        }
    }

    /// The words searched for, in order.
    public let terms: [Term]

    public static let maximumTerms = 32

    /// Unicode's White_Space characters: a stable list, so a client can check "not blank" with
    /// the same set the server uses, whatever Unicode version either side has.
    public static let whitespace: [ClosedRange<Unicode.Scalar>] = [
        "\u{09}"..."\u{0D}", " "..." ", "\u{85}"..."\u{85}", "\u{A0}"..."\u{A0}", "\u{1680}"..."\u{1680}",
        "\u{2000}"..."\u{200A}", "\u{2028}"..."\u{2029}", "\u{202F}"..."\u{202F}", "\u{205F}"..."\u{205F}",
        "\u{3000}"..."\u{3000}",
    ]

    /// True when the text is empty or only whitespace: there is nothing to search for.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in whitespace.contains { $0.contains(scalar) } }
    }

    /// `nil` when the text holds no word at all.
    public init?(_ text: String) {
        var terms: [Term] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
                continue
            }
            if !current.isEmpty {
                terms.append(Term(text: current, isPrefix: scalar == "*"))
                current = ""
            }
        }
        if !current.isEmpty { terms.append(Term(text: current, isPrefix: false)) }
        guard !terms.isEmpty else { return nil }
        self.terms = Array(terms.prefix(Self.maximumTerms))
    }
}
