/// The links the API writes into answers (a problem's `type`, `Link` headers, a lookup's
/// `link`): relative to the server that answered, or absolute under `--public-url`, for
/// clients behind a proxy or that keep an answer's links after the connection is gone.
struct PublicLinks: Sendable {
    /// `https://errors.example.com`, without a trailing slash; empty for relative links.
    let base: String

    init(publicURL: String? = nil) {
        var base = publicURL ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// `path` (which starts with `/`) under the public URL, if there is one.
    func absolute(_ path: String) -> String { base + path }

    /// Whether `text` can be a public URL: absolute http or https, a host, no query or fragment.
    static func isValid(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard let schemeEnd = lowered.range(of: "://"), ["http", "https"].contains(String(lowered[..<schemeEnd.lowerBound]))
        else { return false }
        let rest = text[schemeEnd.upperBound...]
        guard let host = rest.split(separator: "/", omittingEmptySubsequences: false).first, !host.isEmpty else { return false }
        return !text.contains("?") && !text.contains("#") && !text.contains(where: \.isWhitespace)
    }
}
