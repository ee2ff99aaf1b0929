import ErrorKBCore
import MCP

/// `lookup_code`: a code or any name of it → every variant side by side, each with its source.
enum LookupCodeTool: KnowledgeBaseTool {
    static let name = "lookup_code"
    static let title = "Look up an error code"
    static let summary = """
        Every vendor's and standard's variant of an error code, side by side: title, description, \
        causes, fixes, HTTP status, section, and the document and lines each came from. Accepts the \
        code (`404`, `invalid_grant`) or a name of it (`HTTP/1.1 404 Not Found`, `Not Found`, \
        `INVALID_GRANT`).
        """
    static let parameters = [
        ToolParameter(
            name: "name", description: "The code, or a name of it: `404`, `HTTP 404`, `Not Found`, `invalid_grant`.",
            kind: .text(maximumLength: CodeNameLookup.maximumNameLength), required: true),
        ToolParameter.vendor,
    ]
    static let outputSchema = OutputSchemas.object(
        [
            "name": OutputSchemas.string, "matches": OutputSchemas.array(OutputSchemas.match),
            "suggestions": OutputSchemas.array(Suggestion.schema),
        ], required: ["name", "matches"])

    struct Answer: Encodable {
        var name: String
        var matches: [Match]
        var suggestions: [Suggestion]?
    }

    struct Match: Encodable {
        var matchedBy: CodeNameMatch
        var matchedText: String
        var entry: CitedCode
    }

    /// What a failed lookup offers instead: codes whose text mentions the name.
    struct Suggestion: Encodable {
        var code: String
        var title: String?
        var vendor: String
        var link: String

        static let schema = OutputSchemas.object(
            ["code": OutputSchemas.string, "title": OutputSchemas.string, "vendor": OutputSchemas.string, "link": OutputSchemas.string],
            required: ["code", "vendor", "link"])
    }

    static func call(_ arguments: ToolArguments, in context: ToolContext) async throws -> CallTool.Result {
        let name = arguments.string("name") ?? ""
        let vendor = arguments.string("vendor")
        let resolutions = try await CodeNameLookup.resolve(name, in: context.knowledgeBase)
        var matches: [Match] = []
        var texts: [String] = []
        for resolution in resolutions {
            guard let entry = try await context.knowledgeBase.code(resolution.code, vendor: vendor), !entry.variants.isEmpty else {
                continue
            }
            let how = "\(resolution.match.rawValue.replacingOccurrences(of: "_", with: " ")) '\(resolution.matchedText)'"
            matches.append(Match(matchedBy: resolution.match, matchedText: resolution.matchedText, entry: CitedCode(entry, links: context.links)))
            texts.append(AnswerText.code(entry, matched: how))
        }
        if !matches.isEmpty {
            return try ToolAnswer.result(Answer(name: name, matches: matches), text: texts.joined(separator: "\n\n"))
        }
        let suggestions = try await self.suggestions(for: name, vendor: vendor, in: context)
        var text = "The knowledge base has no code named '\(name)'" + (vendor.map { " documented by \($0)" } ?? "") + "."
        if !suggestions.isEmpty {
            text += " Codes whose text mentions it: " + suggestions.map { s in s.title.map { "\(s.code) (\($0))" } ?? s.code }.joined(separator: ", ")
        }
        return try ToolAnswer.nothingFound(Answer(name: name, matches: [], suggestions: suggestions), text: text)
    }

    private static func suggestions(for name: String, vendor: String?, in context: ToolContext) async throws -> [Suggestion] {
        guard SearchQuery(name) != nil else { return [] }
        let hits = try await context.knowledgeBase.search(
            name, filter: CodeFilter(vendor: vendor), page: PageRequest(limit: 20), highlight: .plain)
        var seen = Set<String>()
        return hits.items.filter { seen.insert($0.code).inserted }.prefix(5).map {
            Suggestion(code: $0.code, title: $0.title, vendor: $0.vendor, link: context.links.code($0.code))
        }
    }
}
