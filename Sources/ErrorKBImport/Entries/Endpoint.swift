/// Where an OAuth-style error is returned, as a page says it: in so many words ("returned
/// directly from the Backchannel Authentication Endpoint", "the resource server responds"), or
/// by naming the exchange a section is about ("Access Token Request", "Authorization Response",
/// "Error codes for the device flow"), which OAuth 2.0 (RFC 6749, RFC 6750, RFC 8628) ties to
/// one endpoint.
enum Endpoint {
    /// The first endpoint that `text` names: `Client Notification Endpoint`, `token endpoint`,
    /// `resource server`.
    static func named(in text: String) -> String? {
        guard text.containsBytesIgnoringCase("endpoint") || text.containsBytesIgnoringCase("resource") else { return nil }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "\n" }).map { String($0) }
        for (index, raw) in words.enumerated() {
            let word = raw.trimmingCharacters(in: "`*\"'(),.;:").lowercased()
            if word == "endpoint" || word == "endpoints" {
                var qualifiers: [String] = []
                var position = index - 1
                while position >= 0, qualifiers.count < 3 {
                    let previous = words[position].trimmingCharacters(in: "`*\"'(")
                    let lowered = previous.lowercased()
                    guard !previous.hasSuffix(","), !previous.hasSuffix("."), !previous.hasSuffix("'s"),
                        !stopWords.contains(lowered), previous.allSatisfy({ $0.isLetter || $0 == "-" })
                    else { break }
                    qualifiers.insert(previous, at: 0)
                    position -= 1
                }
                // The word next to "endpoint" says which one: not "the API endpoint".
                guard let nearest = qualifiers.last?.lowercased(), endpointKinds.contains(nearest) else { continue }
                // Lower case, as the exchanges below name them: one endpoint, one spelling.
                return (qualifiers + [word]).joined(separator: " ").lowercased()
            }
            if word == "resource", index + 1 < words.count,
                words[index + 1].trimmingCharacters(in: "`*\"'(),.;:").lowercased() == "server"
            {
                return "resource server"
            }
        }
        return nil
    }

    private static let endpointKinds: Set<String> = [
        "token", "authorization", "revocation", "introspection", "userinfo", "registration", "notification",
        "authentication", "redirection", "device", "par", "logout", "end-session", "jwks", "callback", "discovery",
    ]

    private static let stopWords: Set<String> = [
        "the", "a", "an", "their", "its", "his", "her", "our", "your", "this", "that", "these", "those", "to", "from",
        "at", "of", "by", "for", "with", "in", "on", "and", "or", "any", "each", "every", "same", "which", "same", "new",
    ]

    /// The endpoint the exchange named in a heading belongs to. Longer phrases come first, so
    /// "device authorization response" is not taken for "authorization response".
    private static let exchanges: [(phrase: String, endpoint: String)] = [
        ("device authorization request", "device authorization endpoint"),
        ("device authorization response", "device authorization endpoint"),
        ("backchannel authentication", "backchannel authentication endpoint"),
        ("pushed authorization", "pushed authorization request endpoint"),
        ("resource server", "resource server"), ("protected resource", "resource server"),
        ("resource access", "resource server"), ("resource request", "resource server"),
        ("bearer token usage", "resource server"), ("www-authenticate", "resource server"),
        ("token endpoint", "token endpoint"), ("access token request", "token endpoint"),
        ("access token response", "token endpoint"), ("token error response", "token endpoint"),
        ("token request", "token endpoint"), ("token response", "token endpoint"), ("access token", "token endpoint"),
        ("device flow", "token endpoint"), ("device access token", "token endpoint"), ("token exchange", "token endpoint"),
        ("revocation", "revocation endpoint"), ("introspection", "introspection endpoint"),
        ("userinfo", "userinfo endpoint"), ("client registration", "registration endpoint"),
        ("authorization endpoint", "authorization endpoint"), ("authorization request", "authorization endpoint"),
        ("authorization response", "authorization endpoint"), ("authorization error response", "authorization endpoint"),
        ("implicit grant", "authorization endpoint"), ("redirection endpoint", "authorization endpoint"),
        ("callback url", "authorization endpoint"), ("redirect", "authorization endpoint"),
        ("callback", "authorization endpoint"),
    ]

    /// Where running text says the error is delivered: "adding the following parameters to the
    /// query component of the redirection URI" is the authorization endpoint's error response.
    static func ofDelivery(in prose: String) -> String? {
        let redirect: [StaticString] = ["component of the redirection uri", "redirection uri using",
            "to the redirection uri", "redirect the user-agent back", "redirects the user-agent back",
            "back to your callback url", "to the registered callback url"]
        return redirect.contains { prose.containsBytesIgnoringCase($0) } ? "authorization endpoint" : nil
    }

    /// The endpoint whose exchange a heading names: `4.1.2.  Authorization Response` →
    /// `authorization endpoint`.
    static func ofExchange(in heading: String) -> String? {
        let lowered = InlineText.flat(heading).lowercased()
        return exchanges.first { lowered.containsWord($0.phrase) || lowered.containsWord($0.phrase + "s") }?.endpoint
    }
}
