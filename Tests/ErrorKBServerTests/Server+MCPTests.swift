import ErrorKBTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MCP
import Testing

@testable import ErrorKBServer

@Suite("Server: MCP over Streamable HTTP")
struct ServerMCPTests {
    static let jsonRPC: HTTPFields = [.contentType: "application/json", .accept: "application/json, text/event-stream"]

    static func post(_ client: any TestClientProtocol, _ body: String, headers: HTTPFields = jsonRPC) async throws -> TestResponse {
        try await client.execute(uri: "/mcp", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
    }

    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#

    @Test("on a live socket, a client initializes and calls a tool, each request on its own, as a stateless server allows")
    func initializeAndCall() async throws {
        try await withServer(.live, options: { $0.mcp = true }) { _, client in
            let initialized = try await Self.post(client, Self.initialize)
            #expect(initialized.status == .ok)
            #expect(initialized.headers[.contentType] == "application/json")
            #expect(initialized.headers[.eTag] == nil, "MCP answers are never cached")
            let result = try #require(try initialized.object["result"] as? [String: Any])
            #expect((result["serverInfo"] as? [String: Any])?["name"] as? String == "errorkb")

            var headers = Self.jsonRPC
            headers[HTTPField.Name("MCP-Protocol-Version")!] = "2025-11-25"
            let call = try await Self.post(
                client, #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lookup_code","arguments":{"name":"Not Found"}}}"#,
                headers: headers)
            #expect(call.status == .ok)
            let structured = try #require((try call.object["result"] as? [String: Any])?["structuredContent"] as? [String: Any])
            let match = try #require((structured["matches"] as? [[String: Any]])?.first)
            #expect((match["entry"] as? [String: Any])?["code"] as? String == "404")

            let notification = try await Self.post(client, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, headers: headers)
            #expect(notification.status == .accepted)
        }
    }

    @Test("bad requests: 405 for GET and DELETE, 413 over 1 MiB, 400 for what is not JSON-RPC, 406 without JSON in Accept")
    func badRequests() async throws {
        try await withServer(.live, options: { $0.mcp = true }) { _, client in
            let get = try await client.get("/mcp")
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow] == "POST")
            let delete = try await client.execute(uri: "/mcp", method: .delete) { $0 }
            #expect(delete.status == .methodNotAllowed)
            let large = try await Self.post(client, "[" + String(repeating: " ", count: MCPRoutes<BasicRequestContext>.maximumRequestBytes) + "]")
            #expect(large.status == .contentTooLarge)
            #expect(large.headers[.contentType] == "application/problem+json")
            let garbage = try await Self.post(client, "{not json")
            #expect(garbage.status == .badRequest)
            #expect(((try garbage.object["error"] as? [String: Any])?["code"] as? Int) == -32700)
            let textOnly = try await Self.post(client, Self.initialize, headers: [.contentType: "application/json", .accept: "text/html"])
            #expect(textOnly.status == .notAcceptable)
        }
    }

    @Test("on loopback, another site's page (Origin) and a rebound host name (Host) are refused")
    func loopbackOrigins() async throws {
        try await withServer(.live, options: { $0.mcp = true }) { _, client in
            var evil = Self.jsonRPC
            evil[.origin] = "https://evil.example"
            #expect(try await Self.post(client, Self.initialize, headers: evil).status == .forbidden)
            var local = Self.jsonRPC
            local[.origin] = "http://localhost:3000"
            #expect(try await Self.post(client, Self.initialize, headers: local).status == .ok)
            let port = try #require(client.port)
            let rebound = "POST /mcp HTTP/1.1\r\nHost: attacker.example:\(port)\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Content-Length: \(Self.initialize.utf8.count)\r\nConnection: close\r\n\r\n" + Self.initialize
            let answers = RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(Array(rebound.utf8), port: port))
            #expect(answers.first?.status == 421)
        }
    }

    @Test("published beyond loopback, any Host is served but a browser's Origin must be that host")
    func sameOrigin() {
        let validator = SameOriginValidator()
        let context = HTTPValidationContext(httpMethod: "POST", isInitializationRequest: true, supportedProtocolVersions: ["2025-11-25"])
        func status(_ headers: [String: String]) -> Int? {
            validator.validate(MCP.HTTPRequest(method: "POST", headers: headers), context: context)?.statusCode
        }
        #expect(status(["Host": "errors.example.com"]) == nil)
        #expect(status(["Host": "errors.example.com", "Origin": "https://errors.example.com"]) == nil)
        #expect(status(["Host": "errors.example.com:8443", "Origin": "https://errors.example.com:8443"]) == nil)
        #expect(status(["Host": "errors.example.com", "Origin": "https://evil.example"]) == 403)
        #expect(status(["Origin": "https://evil.example"]) == 403)
    }

    @Test("without --mcp there is no /mcp")
    func offByDefault() async throws {
        try await withServer(.live) { _, client in
            let answer = try await Self.post(client, Self.initialize)
            #expect(answer.status == .notFound)
            #expect(answer.headers[.contentType] == "application/problem+json")
        }
    }
}
