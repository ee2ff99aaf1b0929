import ErrorKBCore
import ErrorKBTestSupport
import MCP
import Testing

@testable import ErrorKBMCP

/// Calls a tool as the server would, on the seeded knowledge base.
struct ToolHarness {
    let kb: TestKnowledgeBase

    static func seeded() async throws -> ToolHarness { ToolHarness(kb: try await TestKnowledgeBase.seeded()) }

    var context: ToolContext { ToolContext(knowledgeBase: kb.repository, links: EntryLinks(publicURL: "https://errors.example.com/")) }

    func call(_ tool: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
        try await ToolCatalog.call(CallTool.Parameters(name: tool, arguments: arguments), in: context)
    }

    func structured(_ tool: String, _ arguments: [String: Value]) async throws -> [String: Value] {
        let result = try await call(tool, arguments)
        #expect(result.isError != true, "\(tool) \(arguments) failed: \(result.content)")
        return try #require(result.structuredContent?.objectValue)
    }

    /// The message of the MCP error a call raises.
    func refusal(_ tool: String, _ arguments: [String: Value]) async -> String? {
        do {
            _ = try await call(tool, arguments)
            return nil
        } catch let error as MCPError {
            guard case .invalidParams(let message) = error else { return "not invalid params: \(error)" }
            return message
        } catch {
            return "not an MCP error: \(error)"
        }
    }
}

extension Value {
    subscript(key: String) -> Value? { objectValue?[key] }
    subscript(index: Int) -> Value? { arrayValue.flatMap { index < $0.count ? $0[index] : nil } }
}

@Suite("MCP: tools")
struct MCPToolTests {
    @Test("lookup_code by title gives every variant of 404, each citing vendor, document, lines and a link")
    func lookupByTitle() async throws {
        let harness = try await ToolHarness.seeded()
        let answer = try await harness.structured("lookup_code", ["name": "Not Found"])
        let match = try #require(answer["matches"]?[0])
        #expect(match["matched_by"] == "title")
        #expect(match["entry"]?["code"] == "404")
        let variants = try #require(match["entry"]?["variants"]?.arrayValue)
        let stored = try #require(try await harness.kb.repository.code("404", vendor: nil))
        #expect(variants.count == stored.variants.count)
        for (cited, variant) in zip(variants, stored.variants) {
            #expect(cited["id"]?.intValue == Int(variant.id))
            #expect(cited["source"]?["vendor"]?.stringValue == variant.vendor)
            #expect(cited["source"]?["document"]?.stringValue == variant.document)
            #expect(cited["source"]?["lines"]?["start"]?.intValue == variant.lines?.start)
            #expect(cited["source"]?["link"]?.stringValue == "https://errors.example.com/v1/codes/404?vendor=\(variant.vendor)")
            let lines = try #require(variant.lines)
            let range = lines.start == lines.end ? "\(lines.start)" : "\(lines.start)-\(lines.end)"
            #expect(
                cited["source"]?["page"]?.stringValue
                    == "https://errors.example.com/documents/\(variant.documentID ?? 0)?lines=\(range)#L\(lines.start)")
        }
        #expect(match["entry"]?["page"] == "https://errors.example.com/codes/404")
        #expect(stored.variants.contains { $0.title == "Resource not found" }, "the seeds' Akana variant")
    }

    @Test(
        "lookup_code accepts the names people write",
        arguments: [
            ("404", "404", "code"), ("HTTP/1.1 404 Not Found", "404", "http_status"), ("HTTP 429", "429", "http_status"),
            ("INVALID_GRANT", "invalid_grant", "code_spelling"), ("invalid-grant", "invalid_grant", "code_spelling"),
            ("Too many requests", "429", "title"), ("NOT_FOUND", "404", "title"),
        ])
    func lookupNames(name: String, code: String, matchedBy: String) async throws {
        let harness = try await ToolHarness.seeded()
        let answer = try await harness.structured("lookup_code", ["name": .string(name)])
        let match = try #require(answer["matches"]?[0])
        #expect(match["entry"]?["code"]?.stringValue == code)
        #expect(match["matched_by"]?.stringValue == matchedBy)
    }

    @Test("an unknown name is a tool error that says so and suggests codes whose text mentions it")
    func lookupUnknown() async throws {
        let harness = try await ToolHarness.seeded()
        let result = try await harness.call("lookup_code", ["name": "expired grant"])
        #expect(result.isError == true)
        let suggestions = try #require(result.structuredContent?["suggestions"]?.arrayValue)
        #expect(!suggestions.isEmpty)
        guard case .text(let text, _, _) = try #require(result.content.first) else { Issue.record("no text"); return }
        #expect(text.contains("no code named 'expired grant'"))
    }

    @Test("compare finds Akana's 404 title beside Not Found, and names the variants behind each")
    func compareTitles() async throws {
        let harness = try await ToolHarness.seeded()
        let answer = try await harness.structured("compare", ["code": "404"])
        let comparison = try #require(answer["comparison"])
        #expect(comparison["disagreements"]?.arrayValue?.contains("title") == true)
        let titles = try #require(comparison["titles"]?.arrayValue)
        #expect(titles.contains { $0["value"] == "Resource not found" && $0["vendors"]?.arrayValue == ["akana"] })
        #expect(titles.first?["value"] == "Not Found", "the title most variants give comes first")
        let findings = try #require(answer["findings"]?.arrayValue).compactMap(\.stringValue)
        #expect(findings.contains { $0.hasPrefix("The titles differ:") && $0.contains("(akana)") })
    }

    @Test("compare on one vendor's variants of a code it does not document is a tool error")
    func compareUnknownVendor() async throws {
        let harness = try await ToolHarness.seeded()
        let result = try await harness.call("compare", ["code": "404", "vendors": "nobody"])
        #expect(result.isError == true)
        #expect(await harness.refusal("compare", ["code": "404", "vendors": "Not A Slug"])?.contains("'vendors'") == true)
    }

    @Test("search pages through hits with a cursor, each hit with its source lines")
    func searchPages() async throws {
        let harness = try await ToolHarness.seeded()
        let first = try await harness.structured("search", ["query": "token", "limit": 2])
        let items = try #require(first["items"]?.arrayValue)
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0["snippet"]?.stringValue?.contains("**") == true })
        #expect(items.allSatisfy { $0["source"]?["lines"]?["start"]?.intValue != nil })
        let cursor = try #require(first["next_cursor"]?.stringValue)
        let second = try await harness.structured("search", ["query": "token", "limit": 2, "cursor": .string(cursor)])
        let next = try #require(second["items"]?.arrayValue)
        #expect(!next.isEmpty)
        let seen = Set(items.compactMap { $0["variant_id"]?.intValue })
        let fresh = Set(next.compactMap { $0["variant_id"]?.intValue })
        #expect(seen.isDisjoint(with: fresh))
        let filtered = try await harness.structured("search", ["query": "token", "kind": "oauth"])
        #expect(filtered["items"]?.arrayValue?.allSatisfy { $0["kind"] == "oauth" } == true)
    }

    @Test("explain_response reads the status line, a WWW-Authenticate error and a JSON error, and looks each up")
    func explainResponse() async throws {
        let harness = try await ToolHarness.seeded()
        let answer = try await harness.structured(
            "explain_response",
            [
                "status_line": "HTTP/1.1 401 Unauthorized",
                "headers": ["WWW-Authenticate": #"Bearer realm="api", error="invalid_token", error_description="The token expired""#],
                "body": #"{"error": "invalid_grant", "error_description": "code reused"}"#,
            ])
        let clues = try #require(answer["clues"]?.arrayValue)
        let origins = clues.compactMap { $0["origin"]?.stringValue }
        #expect(origins == ["status", "www_authenticate", "body_error"])
        #expect(clues[1]["detail"] == "The token expired")
        let codes = try #require(answer["entries"]?.arrayValue?.compactMap { $0["code"]?.stringValue })
        #expect(codes == ["401", "invalid_token", "invalid_grant"])
        #expect(answer["unexplained"]?.arrayValue == [])
    }

    @Test("explain_response reads a problem's type and status, a redirect's error and a nested error object")
    func explainOtherShapes() async throws {
        let harness = try await ToolHarness.seeded()
        let problem = try await harness.structured(
            "explain_response",
            ["body": #"{"type": "https://api.example/problems/too-many-requests", "title": "Slow down", "status": 429}"#])
        #expect(problem["clues"]?.arrayValue?.compactMap { $0["origin"]?.stringValue } == ["problem_type", "problem_status"])
        #expect(problem["entries"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["429"])
        let redirect = try await harness.structured(
            "explain_response", ["status": 302, "headers": ["location": "https://client.example/cb#error=access_denied&state=x"]])
        #expect(redirect["entries"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["302", "access_denied"])
        let nested = try await harness.structured(
            "explain_response", ["body": #"{"error": {"code": 404, "status": "NOT_FOUND", "message": "no such thing"}}"#])
        #expect(nested["entries"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["404"])
        let unknown = try await harness.structured("explain_response", ["body": #"{"error": "no_such_error_anywhere"}"#])
        #expect(unknown["unexplained"]?.arrayValue == ["no_such_error_anywhere"])
    }

    @Test(
        "bad arguments are invalid-params errors that name the argument",
        arguments: [
            ("lookup_code", ["name": Value.int(3)], "'name' must be a string"),
            ("lookup_code", [:], "'name' is required"),
            ("lookup_code", ["name": "404", "extra": true], "unknown argument 'extra'"),
            ("lookup_code", ["name": .string(String(repeating: "x", count: 201))], "'name' must be 1 to 200 characters"),
            ("lookup_code", ["name": "   "], "not blank"),
            ("search", ["query": "token", "limit": 0], "'limit' must be a whole number from 1 to 50"),
            ("search", ["query": "token", "cursor": "%%%"], "'cursor'"),
            ("search", ["query": "!!!"], "no word"),
            ("search", ["query": "x", "class": "6xx"], "'class' must be one of"),
            ("explain_response", ["status": 99], "'status' must be a whole number from 100 to 599"),
            ("explain_response", ["body": .string(String(repeating: "é", count: 40_000))], "at most 65536 bytes"),
            ("explain_response", ["headers": ["A": 1]], "values are strings"),
            ("explain_response", ["body": "not a response"], "no error code found"),
            ("no_such_tool", [:], "unknown tool 'no_such_tool'"),
        ] as [(String, [String: Value], String)])
    func badArguments(tool: String, arguments: [String: Value], expected: String) async throws {
        let harness = try await ToolHarness.seeded()
        let message = try #require(await harness.refusal(tool, arguments))
        #expect(message.contains(expected), "\(message)")
    }

    @Test("every tool is read-only and declares an object input schema that allows no other argument")
    func definitions() {
        for tool in ToolCatalog.tools {
            let definition = tool.definition
            #expect(definition.annotations.readOnlyHint == true)
            #expect(definition.inputSchema["type"] == "object")
            #expect(definition.inputSchema["additionalProperties"] == false)
            #expect(definition.outputSchema?["type"] == "object")
        }
        #expect(ToolCatalog.tools.map(\.definition.name) == ["lookup_code", "search", "compare", "explain_response"])
    }
}
