import ErrorKBCore
import MCP

/// What every tool is handed: the knowledge base, read-only, and where its links point.
struct ToolContext: Sendable {
    let knowledgeBase: any KnowledgeBaseReading
    let links: EntryLinks
}

/// One MCP tool over the knowledge base. None writes: the context can only read.
protocol KnowledgeBaseTool: Sendable {
    static var name: String { get }
    static var title: String { get }
    static var summary: String { get }
    static var parameters: [ToolParameter] { get }
    static var outputSchema: Value { get }
    static func call(_ arguments: ToolArguments, in context: ToolContext) async throws -> CallTool.Result
}

extension KnowledgeBaseTool {
    static var definition: Tool {
        Tool(
            name: name, title: title, description: summary, inputSchema: inputSchema(parameters),
            annotations: Tool.Annotations(title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false),
            outputSchema: outputSchema)
    }
}

/// A tool as the catalog keeps it: its definition and how to call it.
struct CatalogedTool: Sendable {
    let definition: Tool
    let parameters: [ToolParameter]
    let call: @Sendable (ToolArguments, ToolContext) async throws -> CallTool.Result

    init<T: KnowledgeBaseTool>(_ tool: T.Type) {
        definition = tool.definition
        parameters = tool.parameters
        call = { arguments, context in try await tool.call(arguments, in: context) }
    }
}

/// The tools `errorkb mcp` and the server's `/mcp` offer, in the order they are listed.
enum ToolCatalog {
    static let tools = [
        CatalogedTool(LookupCodeTool.self), CatalogedTool(SearchTool.self), CatalogedTool(CompareTool.self),
        CatalogedTool(ExplainResponseTool.self),
    ]

    static func call(_ parameters: CallTool.Parameters, in context: ToolContext) async throws -> CallTool.Result {
        guard let tool = tools.first(where: { $0.definition.name == parameters.name }) else {
            let names = tools.map(\.definition.name).joined(separator: ", ")
            throw MCPError.invalidParams("unknown tool \(parameters.name.quotedForMessage()) (tools: \(names))")
        }
        let name = tool.definition.name
        let arguments = try ToolArguments(parameters.arguments, parameters: tool.parameters, tool: name)
        do {
            return try await tool.call(arguments, context)
        } catch let error as KnowledgeBaseError {
            switch error {
            case .schema, .storage: throw MCPError.internalError("\(name): \(error)")
            default: throw MCPError.invalidParams("\(name): \(error)")
            }
        } catch let error where KnowledgeBaseError.storageMessage(for: error) != nil {
            let message = KnowledgeBaseError.storageMessage(for: error) ?? ""
            throw MCPError.internalError("\(name): the knowledge base could not be read: \(message)")
        }
    }
}
