import ErrorKBCore
import MCP

/// `search`: variants matching words, best first, with snippets and the REST search's filters.
enum SearchTool: KnowledgeBaseTool {
    static let name = "search"
    static let title = "Search the error knowledge base"
    static let summary = """
        Full-text search over every variant's code, title, description, causes and fixes, best \
        match first, with a snippet (matches in **bold**) and the document and lines of each hit. \
        Words match by stem; `tok*` matches a prefix. Filter by kind, HTTP class, vendor or \
        document; page with `cursor`.
        """
    static let parameters = [
        ToolParameter(name: "query", description: "The words to search for.", kind: .text(maximumLength: 500), required: true),
        .kind, .httpClass, .vendor, .document,
        ToolParameter(name: "limit", description: "Hits per page (default 10).", kind: .integer(1...50)),
        ToolParameter(name: "cursor", description: "The `next_cursor` of the previous page.", kind: .cursor),
    ]
    static let outputSchema = OutputSchemas.object(
        ["query": OutputSchemas.string, "items": OutputSchemas.array(Hit.schema), "next_cursor": OutputSchemas.string],
        required: ["query", "items"])

    struct Answer: Encodable {
        var query: String
        var items: [Hit]
        var nextCursor: String?
    }

    struct Hit: Encodable {
        var variantID: Int64
        var code: String
        var kind: CodeKind
        var vendor: String
        var title: String?
        var section: String?
        var document: String?
        var snippet: String
        var rank: Double
        var link: String
        var resource: String
        var source: CitedVariant.Source

        enum CodingKeys: String, CodingKey {
            case variantID = "variantId", code, kind, vendor, title, section, document, snippet, rank, link, resource, source
        }

        static let schema = OutputSchemas.object(
            [
                "variant_id": OutputSchemas.integer, "code": OutputSchemas.string, "kind": OutputSchemas.string,
                "vendor": OutputSchemas.string, "title": OutputSchemas.string, "section": OutputSchemas.string,
                "document": OutputSchemas.string, "snippet": OutputSchemas.string, "rank": OutputSchemas.number,
                "link": OutputSchemas.string, "resource": OutputSchemas.string, "source": OutputSchemas.source,
            ], required: ["variant_id", "code", "kind", "vendor", "snippet", "rank", "link", "resource", "source"])
    }

    static let highlight = Highlight(open: "**", close: "**")

    static func call(_ arguments: ToolArguments, in context: ToolContext) async throws -> CallTool.Result {
        let query = arguments.string("query") ?? ""
        guard SearchQuery(query) != nil else {
            throw MCPError.invalidParams("search: argument 'query' has no word to search for (letters or digits)")
        }
        let cursor = arguments.string("cursor").flatMap { Cursor(numberToken: $0) }
        if arguments.string("cursor") != nil, cursor == nil {
            throw MCPError.invalidParams("search: argument 'cursor' must be a search's `next_cursor` (digits)")
        }
        let page = try await context.knowledgeBase.search(
            query, filter: arguments.filter, page: PageRequest(limit: arguments.integer("limit") ?? 10, cursor: cursor),
            highlight: highlight)
        var items: [Hit] = []
        var lines: [String] = []
        for hit in page.items {
            guard let variant = try await context.knowledgeBase.variant(id: hit.variantID) else { continue }
            let cited = CitedVariant(variant, links: context.links)
            items.append(
                Hit(
                    variantID: hit.variantID, code: hit.code, kind: hit.kind, vendor: hit.vendor, title: hit.title, section: hit.section,
                    document: hit.document, snippet: hit.snippet, rank: hit.rank, link: context.links.code(hit.code),
                    resource: EntryLinks.codeResource(hit.code), source: cited.source))
            lines.append("- \(hit.code)\(hit.title.map { " \($0)" } ?? ""): \(hit.snippet)\n  Source: \(cited.source.citation)")
        }
        let next = page.next?.token
        var text = items.isEmpty ? "No variant matches '\(query)'." : "\(items.count) hits for '\(query)', best first:\n" + lines.joined(separator: "\n")
        if let next { text += "\nMore: call again with cursor \"\(next)\"." }
        return try ToolAnswer.result(Answer(query: query, items: items, nextCursor: next), text: text)
    }
}
