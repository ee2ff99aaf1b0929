/// Where clients reach the server (`--public-url`): the prefix of every absolute link it
/// writes, into `Link` headers, problem `type`s, lookup and MCP links and pages. Those are
/// pasted as they are between `<` and `>`, into JSON and into HTML attributes, so the rule is
/// strict: `http` or `https`, a host that is a DNS name or an IP address, an optional port in
/// 1-65535, a path of unreserved characters and `%XX` escapes, and nothing else: no user or
/// password (`user:pw@`, which browsers show as a trap), no query, fragment, space, `<`, `>`,
/// `"` or quote. The one rule `errorkb-server` and `errorkb mcp` share.
public struct PublicURL: Sendable, Hashable {
    /// The URL without a trailing slash: `https://errors.example.com/kb`.
    public let text: String
    /// The host, lowercased: `errors.example.com`, `10.0.0.5` or `[::1]`.
    public let host: String
    public let port: Int?

    public static let rule =
        "an absolute http or https URL: a host (a DNS name or an IP address), an optional port 1-65535 and path, no user, query or fragment, such as https://errors.example.com"

    public init?(_ text: String) {
        guard let separator = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        var path = rest[authority.endIndex...]
        guard let (host, port) = Self.authority(authority), path.unicodeScalars.allSatisfy(Self.isPathScalar),
            Self.escapesAreWhole(path)
        else { return nil }
        while path.hasSuffix("/") { path.removeLast() }
        self.host = host
        self.port = port
        self.text = scheme + "://" + host + (port.map { ":\($0)" } ?? "") + path
    }

    /// `host[:port]`, the host lowercased.
    private static func authority(_ text: Substring) -> (String, Int?)? {
        let host: Substring
        var port: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[...close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { return nil }
                port = after.dropFirst()
            }
            guard isIPv6(host.dropFirst().dropLast()) else { return nil }
        } else {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            if parts.count == 2 { port = parts[1] }
            guard isDNSName(host) else { return nil }
        }
        guard let port else { return (host.lowercased(), nil) }
        guard (1...5).contains(port.count), port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(port),
            (1...65535).contains(number)
        else { return nil }
        return (host.lowercased(), number)
    }

    /// Labels of ASCII letters, digits and hyphens, neither starting nor ending with a hyphen;
    /// a dotted IPv4 address is such a name too.
    private static func isDNSName(_ host: Substring) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
    }

    /// Hex digits and colons, at most eight groups, with a dotted IPv4 tail allowed.
    private static func isIPv6(_ text: Substring) -> Bool {
        guard text.contains(":"), text.utf8.count <= 45 else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isASCIIHexDigit || $0 == ":" || $0 == ".") }
            && text.split(separator: ":", omittingEmptySubsequences: false).count <= 9
    }

    /// RFC 3986's unreserved characters, `/` and `%`.
    private static func isPathScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~/%".unicodeScalars.contains(scalar))
    }

    /// Every `%` starts two hex digits.
    private static func escapesAreWhole(_ path: Substring) -> Bool {
        var scalars = path.unicodeScalars[...]
        while let percent = scalars.firstIndex(of: "%") {
            let digits = scalars[scalars.index(after: percent)...].prefix(2)
            guard digits.count == 2, digits.allSatisfy(\.properties.isASCIIHexDigit) else { return false }
            scalars = scalars[digits.endIndex...]
        }
        return true
    }
}
