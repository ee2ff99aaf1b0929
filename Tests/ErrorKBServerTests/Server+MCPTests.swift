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
            let garbage = try await Self.post(client, "{not json")
            #expect(garbage.status == .badRequest)
            #expect(((try garbage.object["error"] as? [String: Any])?["code"] as? Int) == -32700)
            let textOnly = try await Self.post(client, Self.initialize, headers: [.contentType: "application/json", .accept: "text/html"])
            #expect(textOnly.status == .notAcceptable)
            // Last: the connection is closed after a 413, the rest of the content unread.
            let large = try await Self.post(client, "[" + String(repeating: " ", count: MCPRoutes<BasicRequestContext>.maximumRequestBytes) + "]")
            #expect(large.status == .contentTooLarge)
            #expect(large.headers[.contentType] == "application/problem+json")
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
            let shouted = rebound.replacingOccurrences(of: "attacker.example", with: "LOCALHOST")
            #expect(RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(Array(shouted.utf8), port: port)).first?.status == 200)
        }
    }

    static func hostStatus(_ rule: MCPHostRule, _ headers: [String: String]) -> Int? {
        let context = HTTPValidationContext(httpMethod: "POST", isInitializationRequest: true, supportedProtocolVersions: ["2025-11-25"])
        return rule.validate(MCP.HTTPRequest(method: "POST", headers: headers), context: context)?.statusCode
    }

    @Test("on loopback, Host and Origin are loopback names in any case, any 127.x.y.z, [::1]; nothing else")
    func loopbackNames() {
        let rule = MCPHostRule(scope: .loopback)
        for host in ["localhost", "LOCALHOST:8080", "LocalHost", "127.0.0.1", "127.0.0.2:9000", "127.255.1.3", "[::1]", "[::1]:80"] {
            #expect(Self.hostStatus(rule, ["Host": host]) == nil, "\(host)")
        }
        for host in ["attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io", "128.0.0.1", "127.1", "[::2]", "", "localhost:0", "localhost:99999"] {
            #expect(Self.hostStatus(rule, ["Host": host]) == 421, "\(host)")
        }
        #expect(Self.hostStatus(rule, [:]) == 421, "no Host names nothing this server answers to")
        #expect(Self.hostStatus(rule, ["Host": "localhost", "Origin": "http://LOCALHOST:3000"]) == nil)
        #expect(Self.hostStatus(rule, ["Host": "localhost", "Origin": "http://127.0.0.2"]) == nil)
        #expect(Self.hostStatus(rule, ["Host": "localhost", "Origin": "https://evil.example"]) == 403)
        #expect(Self.hostStatus(rule, ["Host": "localhost", "Origin": "null"]) == 403)
    }

    @Test("published beyond loopback, a DNS-rebinding page is refused: Host must be --public-url's host or an IP address")
    func publishedNames() {
        let named = MCPHostRule(scope: .published(publicHost: "errors.example.com"))
        #expect(Self.hostStatus(named, ["Host": "errors.example.com"]) == nil)
        #expect(Self.hostStatus(named, ["Host": "Errors.Example.com:8443", "Origin": "https://errors.example.com:8443"]) == nil)
        #expect(Self.hostStatus(named, ["Host": "errors.example.com", "Origin": "https://errors.example.com"]) == nil)
        #expect(Self.hostStatus(named, ["Host": "10.0.0.5:8080"]) == nil)
        #expect(Self.hostStatus(named, ["Host": "[2001:db8::1]:8080"]) == nil)
        // The rebinding page: its own name in both Host and Origin, resolving to this server.
        #expect(Self.hostStatus(named, ["Host": "rebind.attacker.example:8080", "Origin": "http://rebind.attacker.example:8080"]) == 421)
        #expect(Self.hostStatus(named, ["Host": "errors.example.com", "Origin": "https://evil.example"]) == 403)
        #expect(Self.hostStatus(named, ["Host": "errors.example.com", "Origin": "http://errors.example.com:8443"]) == 403, "another port is another origin")
        let unnamed = MCPHostRule(scope: .published(publicHost: nil))
        #expect(Self.hostStatus(unnamed, ["Host": "192.0.2.7:8080", "Origin": "http://192.0.2.7:8080"]) == nil)
        #expect(Self.hostStatus(unnamed, ["Host": "rebind.attacker.example", "Origin": "http://rebind.attacker.example"]) == 421)
    }

    @Test("what is no JSON-RPC message is refused with the code JSON-RPC gives it, never left waiting for an answer")
    func refusedMessages() async throws {
        try await withServer(.live, options: { $0.mcp = true }) { _, client in
            for (body, code) in [
                (#"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, -32600), (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, -32600),
                (#"{"jsonrpc":"1.0","id":2,"method":"ping"}"#, -32600), ("[]", -32600), (#"[{"jsonrpc":"2.0","id":3,"method":"ping"}]"#, -32600),
                ("{not json", -32700),
            ] {
                let answer = try await Self.post(client, body)
                #expect(answer.status == .badRequest, "\(body)")
                #expect((try answer.object["error"] as? [String: Any])?["code"] as? Int == code, "\(body)")
            }
            let arrayArguments = try await Self.post(
                client, #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"search","arguments":[1]}}"#)
            #expect((try arrayArguments.object["error"] as? [String: Any])?["code"] as? Int == -32602)
        }
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
