import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import MCP
import Testing

@testable import ErrorKBMCP

@Suite("MCP: stdio transport and resources")
struct MCPTransportAndResourceTests {
    /// Runs a server on the blocking stdio transport over real pipes: writes `input`, closes
    /// it, and returns every line the server wrote before it stopped.
    static func exchange(_ input: Data, on kb: TestKnowledgeBase) async throws -> [[String: Any]] {
        let toServer = Pipe()
        let fromServer = Pipe()
        let transport = BlockingStdioTransport(
            input: toServer.fileHandleForReading.fileDescriptor, output: fromServer.fileHandleForWriting.fileDescriptor)
        let server = await KnowledgeBaseMCPServer(knowledgeBase: kb.repository).makeServer()
        try await server.start(transport: transport)
        let writer = toServer.fileHandleForWriting
        let written = Task.detached {
            try writer.write(contentsOf: input)
            try writer.close()
        }
        try await written.value
        await server.waitUntilCompleted()
        try fromServer.fileHandleForWriting.close()
        let output = try fromServer.fileHandleForReading.readAll()
        return try output.split(separator: UInt8(ascii: "\n")).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        }
    }

    static func line(_ json: String) -> Data { Data((json + "\n").utf8) }

    @Test("every request written before the end of input is answered, in any order, CRLF lines too")
    func answersEverythingBeforeEndOfInput() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        var input = Self.line(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#)
        input += Self.line(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        for id in 2...6 {
            input += Self.line(#"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"lookup_code","arguments":{"name":"404"}}}"#)
        }
        input += Data(#"{"jsonrpc":"2.0","id":"last","method":"ping"}"#.utf8) + Data("\r\n".utf8)
        let answers = try await Self.exchange(input, on: kb)
        let ids = Set(answers.compactMap { ($0["id"] as? Int).map(String.init) ?? $0["id"] as? String })
        #expect(ids == ["1", "2", "3", "4", "5", "6", "last"])
        #expect(answers.allSatisfy { $0["error"] == nil })
    }

    @Test("a message over the limit is refused unread, to its id, and the next message is still answered")
    func oversizedMessage() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let padding = String(repeating: "x", count: BlockingStdioTransport.maximumMessageBytes)
        var input = Self.line(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"lookup_code","arguments":{"name":"\#(padding)"}}}"#)
        input += Self.line(#"{"jsonrpc":"2.0","id":8,"method":"ping"}"#)
        let answers = try await Self.exchange(input, on: kb)
        let refused = try #require(answers.first { $0["id"] as? Int == 7 })
        let error = try #require(refused["error"] as? [String: Any])
        #expect(error["code"] as? Int == -32600)
        #expect((error["message"] as? String)?.contains("not read") == true)
        #expect(answers.contains { $0["id"] as? Int == 8 && $0["result"] != nil })
    }

    @Test("resources: documents and codes are listed; a code reads as the REST body; unknown ones are errors")
    func resources() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let context = ToolContext(knowledgeBase: kb.repository, links: EntryLinks())
        let listed = try await KnowledgeBaseResources.list(cursor: nil, in: context)
        let documents = try await kb.repository.documents(vendor: nil)
        #expect(listed.resources.filter { $0.uri.hasPrefix("errorkb://documents/") }.count == documents.count)
        #expect(listed.resources.filter { $0.uri.hasPrefix("errorkb://codes/") }.count == 114)
        #expect(listed.nextCursor == nil)

        let read = try await KnowledgeBaseResources.read("errorkb://codes/invalid_grant", in: context)
        let answer = try #require(
            try await CodeAnswer.read("invalid_grant", vendor: nil, in: kb.repository, today: CalendarDay.today()))
        #expect(read.contents.first?.text == (try ToolAnswer.json(answer)))
        let resource = try #require(
            try JSONSerialization.jsonObject(with: Data((read.contents.first?.text ?? "").utf8)) as? [String: Any])
        #expect((resource["registrations"] as? [Any])?.isEmpty == false, "the registry facts travel with the code")
        #expect((resource["prescriptions"] as? [Any])?.isEmpty == false)
        #expect(read.contents.first?.mimeType == "application/json")

        let document = try #require(documents.first)
        let page = try await KnowledgeBaseResources.read(EntryLinks.documentResource(document.id), in: context)
        let body = try #require(try JSONSerialization.jsonObject(with: Data((page.contents.first?.text ?? "").utf8)) as? [String: Any])
        #expect((body["codes"] as? [Any])?.count ?? 0 > 0)

        await #expect(throws: MCPError.serverError(code: -32002, message: "Resource not found: errorkb://codes/999")) {
            try await KnowledgeBaseResources.read("errorkb://codes/999", in: context)
        }
        await #expect(throws: MCPError.self) { try await KnowledgeBaseResources.read("https://example.com/", in: context) }
        await #expect(throws: MCPError.self) { try await KnowledgeBaseResources.read("errorkb://documents/x", in: context) }
        await #expect(throws: MCPError.self) { try await KnowledgeBaseResources.list(cursor: "!!", in: context) }
    }
}
