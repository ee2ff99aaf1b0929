import ErrorKBCore
import Logging

/// How `errorkb-server` is started.
public struct ServerOptions: Sendable {
    /// The knowledge base file.
    public var databasePath: String
    /// Loopback unless told otherwise: a knowledge base is not published by accident.
    public var host: String
    public var port: Int
    /// Answer cross-origin GET requests from any origin.
    public var cors: Bool
    public var logLevel: Logger.Level
    /// Serve the Model Context Protocol at `/mcp` too.
    public var mcp: Bool
    /// Where clients reach the server (`https://errors.example.com`): problem types, `Link`
    /// headers and lookup links are made absolute under it. `nil`: they stay relative.
    public var publicURL: String?
    /// How long a request's content may take to arrive before it is answered 408.
    public var contentTimeout: Duration
    /// The request content held in memory at once, across all requests (``ContentBudget``).
    public var contentBudgetBytes: Int

    public static let defaultContentTimeout: Duration = .seconds(10)
    /// Sixteen of the largest `/mcp` requests at once; a tool call is a few hundred bytes.
    public static let defaultContentBudgetBytes = 16 * 1024 * 1024

    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8080, cors: Bool = false, logLevel: Logger.Level = .info,
        mcp: Bool = false, publicURL: String? = nil, contentTimeout: Duration = ServerOptions.defaultContentTimeout,
        contentBudgetBytes: Int = ServerOptions.defaultContentBudgetBytes
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.cors = cors
        self.logLevel = logLevel
        self.mcp = mcp
        self.publicURL = publicURL
        self.contentTimeout = contentTimeout
        self.contentBudgetBytes = contentBudgetBytes
    }

    /// Listening on loopback only, where a browser page must not reach the server by a name
    /// that resolves there (DNS rebinding).
    var isLoopback: Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Whether `text` can be `publicURL` (``PublicURL``'s rule).
    public static func isValidPublicURL(_ text: String) -> Bool { PublicURL(text) != nil }
}
