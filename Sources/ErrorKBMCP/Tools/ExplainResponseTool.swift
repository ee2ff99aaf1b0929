import ErrorKBCore
import MCP

/// `explain_response`: an HTTP response as an agent saw it → the codes it carries, and what
/// each source says about them.
enum ExplainResponseTool: KnowledgeBaseTool {
    static let name = "explain_response"
    static let title = "Explain a failed HTTP response"
    static let summary = """
        Give the status line, headers and body of an HTTP response as you saw them; get the error \
        codes it carries — the HTTP status, an OAuth `error` in the body or in a redirect's \
        `Location`, a `WWW-Authenticate` challenge's `error`, a problem details `type` or \
        `status`, a nested `error.code`/`error.status` — and every source's variant of each, with \
        document and lines.
        """
    static let maximumBodyBytes = 64 * 1024
    static let parameters = [
        ToolParameter(name: "status_line", description: "`HTTP/1.1 401 Unauthorized`, or just `401`.", kind: .text(maximumLength: 1024)),
        ToolParameter(name: "status", description: "The HTTP status, if no status line is given.", kind: .integer(100...599)),
        ToolParameter(
            name: "headers", description: "Response header fields, name to value (`WWW-Authenticate`, `Location`, ...).",
            kind: .fields(maximumCount: 100, maximumBytes: 16 * 1024)),
        ToolParameter(name: "body", description: "The response body as text (at most 64 KiB).", kind: .text(maximumLength: maximumBodyBytes)),
        .vendor,
    ]
    static let outputSchema = OutputSchemas.object(
        ["clues": OutputSchemas.array(Clue.schema), "entries": OutputSchemas.array(OutputSchemas.code), "unexplained": OutputSchemas.strings],
        required: ["clues", "entries", "unexplained"])

    struct Answer: Encodable {
        var clues: [Clue]
        var entries: [CitedCode]
        /// Clues whose value names no code the knowledge base holds.
        var unexplained: [String]
    }

    struct Clue: Encodable {
        var origin: ResponseClue.Origin
        var value: String
        var detail: String?
        /// The codes the value names, with how each matched.
        var codes: [NamedCode]

        static let schema = OutputSchemas.object(
            [
                "origin": OutputSchemas.string, "value": OutputSchemas.string, "detail": OutputSchemas.string,
                "codes": OutputSchemas.array(
                    OutputSchemas.object(["code": OutputSchemas.string, "matched_by": OutputSchemas.string], required: ["code", "matched_by"])),
            ], required: ["origin", "value", "codes"])
    }

    struct NamedCode: Encodable {
        var code: String
        var matchedBy: CodeNameMatch
    }

    static func call(_ arguments: ToolArguments, in context: ToolContext) async throws -> CallTool.Result {
        if let body = arguments.string("body"), body.utf8.count > maximumBodyBytes {
            throw MCPError.invalidParams("explain_response: argument 'body' must be at most \(maximumBodyBytes) bytes")
        }
        let found = ResponseClues.read(
            statusLine: arguments.string("status_line"), status: arguments.integer("status"), headers: arguments.fields("headers"),
            body: arguments.string("body"))
        guard !found.isEmpty else {
            throw MCPError.invalidParams(
                "explain_response: no error code found: give `status_line` or `status`, and the `headers` and `body` as received")
        }
        let vendor = arguments.string("vendor")
        var clues: [Clue] = []
        var entries: [CodeEntry] = []
        var unexplained: [String] = []
        for clue in found {
            var named: [NamedCode] = []
            let resolutions = try await resolve(clue.value, in: context)
            for resolution in resolutions {
                guard let entry = try await context.knowledgeBase.code(resolution.code, vendor: vendor), !entry.variants.isEmpty else { continue }
                named.append(NamedCode(code: entry.code, matchedBy: resolution.match))
                if !entries.contains(where: { $0.code == entry.code }) { entries.append(entry) }
            }
            if named.isEmpty { unexplained.append(clue.value) }
            clues.append(Clue(origin: clue.origin, value: clue.value, detail: clue.detail, codes: named))
        }
        let answer = Answer(clues: clues, entries: entries.map { CitedCode($0, links: context.links) }, unexplained: unexplained)
        return try ToolAnswer.result(answer, text: text(clues, entries: entries, unexplained: unexplained))
    }

    /// A value too long or too odd to be a name names nothing; a failing read still fails.
    private static func resolve(_ value: String, in context: ToolContext) async throws -> [CodeNameResolution] {
        do {
            return try await CodeNameLookup.resolve(value, in: context.knowledgeBase, limit: 3)
        } catch KnowledgeBaseError.invalid {
            return []
        }
    }

    private static func text(_ clues: [Clue], entries: [CodeEntry], unexplained: [String]) -> String {
        var lines = ["The response carries:"]
        for clue in clues {
            let origin = clue.origin.rawValue.replacingOccurrences(of: "_", with: " ")
            let codes = clue.codes.isEmpty ? "not in the knowledge base" : "→ " + clue.codes.map(\.code).joined(separator: ", ")
            lines.append("- `\(clue.value)` (\(origin)) \(codes)" + (clue.detail.map { "; the response says: \($0)" } ?? ""))
        }
        for entry in entries { lines.append("\n" + AnswerText.code(entry)) }
        return lines.joined(separator: "\n")
    }
}
