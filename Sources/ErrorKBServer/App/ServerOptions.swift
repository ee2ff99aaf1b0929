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

    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8080, cors: Bool = false, logLevel: Logger.Level = .info,
        mcp: Bool = false
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.cors = cors
        self.logLevel = logLevel
        self.mcp = mcp
    }

    /// Listening on loopback only, where a browser page must not reach the server by a name
    /// that resolves there (DNS rebinding).
    var isLoopback: Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}
