import ErrorKBCore
import MCP

/// The knowledge base as an MCP server: four read-only tools and a resource per code and per
/// document, over any transport. Both `errorkb mcp` (stdio) and the server's `/mcp`
/// (Streamable HTTP) make their servers here, so both answer alike.
public struct KnowledgeBaseMCPServer: Sendable {
    public static let name = "errorkb"
    public static let version = "0.1.0"
    static let instructions = """
        ErrorKB holds what vendors' documentation and the standards say about HTTP statuses, OAuth \
        errors and other error codes, each fact with the document and lines it came from. Use \
        `explain_response` on a failed response, `lookup_code` for a code or its name, `compare` to \
        see where sources disagree, and `search` for words. Cite the `source.citation` of each \
        variant you rely on.
        """

    private let context: ToolContext

    public init(knowledgeBase: any KnowledgeBaseReading, links: EntryLinks = EntryLinks()) {
        context = ToolContext(knowledgeBase: knowledgeBase, links: links)
    }

    /// A server with every handler registered, ready for `start(transport:)`. Parameters are
    /// checked here, so that ones that do not fit are `-32602` (``CheckedParameters``).
    public func makeServer() async -> Server {
        let server = Server(
            name: Self.name, version: Self.version, title: "ErrorKB", instructions: Self.instructions,
            capabilities: Server.Capabilities(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        let context = context
        await server.withCheckedMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: ToolCatalog.tools.map(\.definition))
        }
        await server.withCheckedMethodHandler(CallTool.self) { parameters in
            try await ToolCatalog.call(parameters, in: context)
        }
        await server.withCheckedMethodHandler(ListResources.self) { parameters in
            try await KnowledgeBaseResources.list(cursor: parameters.cursor, in: context)
        }
        await server.withCheckedMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: KnowledgeBaseResources.templates)
        }
        await server.withCheckedMethodHandler(ReadResource.self) { parameters in
            try await KnowledgeBaseResources.read(parameters.uri, in: context)
        }
        return server
    }
}
