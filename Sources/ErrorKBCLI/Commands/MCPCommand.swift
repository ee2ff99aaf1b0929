import ArgumentParser
import ErrorKBCore
import ErrorKBMCP
import Foundation
import MCP

struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the knowledge base to AI agents over the Model Context Protocol (stdio).",
        discussion: """
            Reads JSON-RPC messages from standard input and answers on standard output, one per \
            line, until the client closes standard input. Tools: lookup_code, search, compare, \
            explain_response; resources: errorkb://codes/{code} and errorkb://documents/{id}. \
            Nothing is written: like the server, it reads through connections that cannot write. \
            A missing or never-used database is first created and filled from the seeds, as \
            errorkb-server does. MCP clients start servers with a minimal environment: give --db.

            Example (an MCP client's configuration):
              {"mcpServers": {"errorkb": {"command": "errorkb", "args": ["mcp", "--db", "/srv/errorkb.sqlite"]}}}
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The errorkb-server the answers' links point at (https://errors.example.com); links are relative without it.")
    var publicURL: String?

    // The SDK's own polling transport, kept selectable so the two can be measured side by side
    // (Benchmarks/mcp.py, BENCHMARKS.md).
    @Flag(help: .hidden)
    var sdkStdioTransport = false

    func validate() throws {
        if let publicURL { try Self.checkPublicURL(publicURL) }
    }

    func run() async throws {
        if let seeding = try? global.openForReading(), !seeding.isReadOnly {
            _ = try await InitCommand.seed(seeding, actor: "errorkb mcp")
            try seeding.close()
        }
        let store = try global.openReadOnly()
        let server = await KnowledgeBaseMCPServer(knowledgeBase: store, links: EntryLinks(publicURL: publicURL)).makeServer()
        // A client that closes its end of standard output makes a write fail with EPIPE, which
        // the transport reports, instead of a signal that kills the process without a word.
        signal(SIGPIPE, SIG_IGN)
        let blocking = BlockingStdioTransport()
        let transport: any Transport = sdkStdioTransport ? StdioTransport() : blocking
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        if let failure = blocking.outputFailure { throw CLIFailure(message: failure) }
    }

    /// ``PublicURL``'s rule: links are made by appending `/v1/...` to it.
    static func checkPublicURL(_ text: String) throws {
        guard PublicURL(text) != nil else { throw ValidationError("--public-url must be \(PublicURL.rule)") }
    }
}
