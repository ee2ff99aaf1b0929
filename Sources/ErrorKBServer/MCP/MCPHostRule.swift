import Foundation
import MCP

/// Which `Host` and `Origin` values may call `/mcp`: a browser page on another site must not
/// reach it by a name that an attacker's DNS points at the server (DNS rebinding).
///
/// - On loopback, `Host` must be a loopback name (`localhost`, any `127.x.y.z`, `[::1]`),
///   letters in any case, with any port; a browser's `Origin` too.
/// - Elsewhere, `Host` must be the host of `--public-url` or an IP address, which no DNS
///   answer can rebind; a browser's `Origin` must then be that same host and port. (Checking
///   only that `Origin` matches `Host` let a rebinding page through: its own name is both.)
struct MCPHostRule: HTTPRequestValidator {
    enum Scope: Sendable {
        case loopback
        /// Published on another address; `publicHost` is `--public-url`'s host, if given.
        case published(publicHost: String?)
    }

    let scope: Scope

    func validate(_ request: MCP.HTTPRequest, context: HTTPValidationContext) -> MCP.HTTPResponse? {
        guard let hostField = request.header("Host"), let host = Authority(hostField), allows(host.name) else {
            return .error(statusCode: 421, .invalidRequest("Misdirected Request: \(refusal)"))
        }
        guard let originField = request.header("Origin") else { return nil }
        guard let origin = Authority(origin: originField), allows(origin.name) else {
            return .error(statusCode: 403, .invalidRequest("Forbidden: Origin \(originField.prefix(200)) is not this server's"))
        }
        if case .published = scope, origin != host.withDefaultPort(for: origin.scheme) {
            return .error(statusCode: 403, .invalidRequest("Forbidden: Origin \(originField.prefix(200)) is not this server's"))
        }
        return nil
    }

    private var refusal: String {
        switch scope {
        case .loopback: "on loopback /mcp answers only a loopback Host (localhost, 127.0.0.1, [::1])"
        case .published(let host?): "/mcp answers only Host \(host) (--public-url) or an IP address"
        case .published(nil): "/mcp answers only an IP address as Host; give --public-url to be reached by a name"
        }
    }

    private func allows(_ name: String) -> Bool {
        switch scope {
        case .loopback: Authority.isLoopback(name)
        case .published(let publicHost): name == publicHost?.lowercased() || Authority.isIPAddress(name)
        }
    }
}

/// A `Host` value or an `Origin`'s host and port: the name lowercased, `[v6]` kept in brackets.
struct Authority: Equatable {
    var scheme: String?
    var name: String
    var port: Int?

    /// `localhost:8080`, `[::1]`, `127.0.0.2`.
    init?(_ text: String) {
        let lowered = text.lowercased()
        let name: Substring
        var port: Substring?
        if lowered.hasPrefix("[") {
            guard let close = lowered.firstIndex(of: "]") else { return nil }
            name = lowered[...close]
            let rest = lowered[lowered.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { return nil }
                port = rest.dropFirst()
            }
        } else {
            let parts = lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            name = parts[0]
            port = parts.count > 1 ? parts[1] : nil
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-._[]:".contains($0) }) else { return nil }
        if let port {
            guard let number = Int(port), (1...65535).contains(number), port.allSatisfy(\.isASCII) else { return nil }
            self.port = number
        }
        self.name = String(name)
    }

    /// `https://errors.example.com:8443`: a scheme, then an authority and nothing after.
    init?(origin text: String) {
        guard let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https", let authority = Authority(String(text[separator.upperBound...])) else {
            return nil
        }
        self = authority
        self.scheme = scheme
        if port == nil { port = scheme == "https" ? 443 : 80 }
    }

    /// The same authority with the port a browser assumes for `scheme` when none is written,
    /// and the scheme, so it compares with an `Origin`.
    func withDefaultPort(for scheme: String?) -> Authority {
        var copy = self
        copy.scheme = scheme
        if copy.port == nil { copy.port = scheme == "https" ? 443 : 80 }
        return copy
    }

    static func isLoopback(_ name: String) -> Bool {
        if name == "localhost" || name == "[::1]" { return true }
        var address = in_addr()
        return name.split(separator: ".").count == 4 && inet_pton(AF_INET, name, &address) == 1 && name.hasPrefix("127.")
    }

    static func isIPAddress(_ name: String) -> Bool {
        var address4 = in_addr()
        var address6 = in6_addr()
        if name.hasPrefix("["), name.hasSuffix("]") {
            return inet_pton(AF_INET6, String(name.dropFirst().dropLast()), &address6) == 1
        }
        return inet_pton(AF_INET, name, &address4) == 1
    }
}
