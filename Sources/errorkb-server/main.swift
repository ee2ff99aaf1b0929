import ArgumentParser
import ErrorKBCore
import ErrorKBServer
import ErrorKBStore
import Hummingbird
import Foundation
import Logging

@main
struct ErrorKBServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errorkb-server",
        abstract: "Serve the error knowledge base over HTTP.",
        discussion: """
            On first start with a missing or empty database it is created, migrated and filled \
            from the seed documents. The server's own connections are read-only; edits come from \
            the errorkb CLI and show up on the next request. SIGINT or SIGTERM stops it cleanly.

            Example:
              errorkb-server --db ./errorkb.sqlite --port 8080
            """)

    @Option(help: "The knowledge base file (default: $ERRORKB_DB, else ./errorkb.sqlite).")
    var db: String?

    @Option(help: "The address to listen on; loopback unless you mean to publish it.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port to listen on.")
    var port = 8080

    @Flag(help: "Answer cross-origin GET requests from any origin.")
    var cors = false

    @Flag(help: "Serve the Model Context Protocol (Streamable HTTP) at /mcp too, for AI agents.")
    var mcp = false

    @Option(
        help: ArgumentHelp(
            "Where clients reach this server (default: $ERRORKB_PUBLIC_URL): problem types, Link headers and lookup links become absolute under it.",
            valueName: "url"))
    var publicURL: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    // How long a request's content may take to arrive; shortened by the tests of the 408.
    @Option(help: .hidden)
    var contentTimeout: Double = 10

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0-65535") }
        if let db, db.isEmpty { throw ValidationError("--db must name a file; leave it out for $ERRORKB_DB or ./errorkb.sqlite") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
        if let url = resolvedPublicURL, !ServerOptions.isValidPublicURL(url) {
            throw ValidationError("--public-url (or $ERRORKB_PUBLIC_URL) must be \(PublicURL.rule)")
        }
        guard contentTimeout > 0, contentTimeout <= 600 else { throw ValidationError("--content-timeout must be 0-600 seconds") }
    }

    /// `--public-url`, else `$ERRORKB_PUBLIC_URL` when set and not empty.
    var resolvedPublicURL: String? {
        publicURL ?? ProcessInfo.processInfo.environment["ERRORKB_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func run() async throws {
        // Before anything opens the database: the settings only take on an unstarted SQLite.
        SQLiteLibrary.configureForThisProcess()
        let options = ServerOptions(
            databasePath: DatabaseLocation.resolve(option: db), host: host, port: port, cors: cors,
            logLevel: Logger.Level(rawValue: logLevel) ?? .info, mcp: mcp, publicURL: resolvedPublicURL,
            contentTimeout: .milliseconds(Int64(contentTimeout * 1000)))
        let app = try await buildApplication(options: options)
        try await app.runService()
    }
}
