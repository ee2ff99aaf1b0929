import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ErrorKBServer

/// Cached reads answered by the connection handler, before the router: they must be the
/// router's answers byte for byte, counted and never stale, and keep pipelined answers in order.
/// Raw sockets, so what is compared is what goes over the wire.
@Suite("Server: cached answers on the connection")
struct CachedAnswerTests {
    /// Requests the connection handler answers once their GET is cached, as raw header lines.
    static let requests: [(method: String, target: String, headers: String)] = [
        ("GET", "/v1/codes/404", ""),
        ("HEAD", "/v1/codes/404", ""),
        ("GET", "/v1/codes/404", "Accept: application/json\r\n"),
        ("GET", "/v1/codes/404", "Accept: text/html, */*;q=0.1\r\n"),
        ("GET", "/v1/codes/404", "If-None-Match: \"not-the-tag\"\r\n"),
        ("GET", "/v1/codes/404", "Connection: keep-alive\r\n"),
        ("GET", "/v1/codes?class=4xx&limit=2", ""),
        ("GET", "/v1/search?q=expired+token", ""),
        ("GET", "/v1/vendors", ""),
        ("GET", "/openapi.json", ""),
    ]

    /// Sends `request` twice on one connection with an uncached request between them. The first
    /// copy finds the connection idle and is answered there; the second arrives while the
    /// router still owes the middle answer, so the router answers it. Returns both answers.
    private func answeredByBothLayers(_ request: String, head: Bool, port: Int) async throws -> (connection: RawHTTP.Answer, router: RawHTTP.Answer) {
        let uncached = "GET /v1/codes/no_such_code HTTP/1.1\r\nHost: localhost\r\n\r\n"
        let closing = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        let bytes = try await RawHTTP.exchangeOffPool(Array((request + uncached + request + closing).utf8), port: port)
        let answers = RawHTTP.answers(in: bytes) { index in head && (index == 0 || index == 2) }
        try #require(answers.map(\.status).dropFirst().prefix(1) == [404] && answers.count == 4)
        return (answers[0], answers[2])
    }

    @Test("each answer from the connection equals the router's byte for byte, but for the Date; both are counted")
    func connectionAnswersEqualRouterAnswers() async throws {
        try await withServer(.live) { _, client in
            let port = try #require(client.port)
            for target in Set(Self.requests.map(\.target)) {
                _ = try await client.get(target)  // fills the cache
            }
            for request in Self.requests {
                let raw = "\(request.method) \(request.target) HTTP/1.1\r\nHost: localhost\r\n\(request.headers)\r\n"
                let sent = Date()
                let (fromConnection, fromRouter) = try await answeredByBothLayers(raw, head: request.method == "HEAD", port: port)
                let received = Date()
                #expect(fromConnection.status == fromRouter.status, "\(raw)")
                #expect(fromConnection.fields.filter { $0.name != "date" }.map { "\($0.name): \($0.value)" }
                    == fromRouter.fields.filter { $0.name != "date" }.map { "\($0.name): \($0.value)" }, "\(raw)")
                #expect(fromConnection.body == fromRouter.body, "\(raw)")
                // Each Date falls within the exchange, however long a loaded machine makes it
                // take: written to the second, and the router's comes from Hummingbird's date
                // cache, which a one-second timer refreshes, so it may be a second behind.
                let dates = try [fromConnection, fromRouter].map { try #require(Self.httpDate($0.field("date") ?? "")) }
                for date in dates {
                    #expect(date >= sent.addingTimeInterval(-2) && date <= received.addingTimeInterval(1), "\(raw)")
                }
            }
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains(#"errorkb_response_cache_hits_total{layer="connection"} \#(Self.requests.count)"#))
            #expect(metrics.contains(#"errorkb_response_cache_hits_total{layer="router"} \#(Self.requests.count)"#))
            #expect(metrics.contains(#"errorkb_http_requests_total{route="/v1/codes/{code}",method="HEAD",status="200"} 2"#))
        }
    }

    /// RFC 9110's IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT", read strictly.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: text), formatter.string(from: date) == text else { return nil }
        return date
    }

    @Test("a current ETag gets the same 304 from the connection as from the router")
    func notModifiedFromTheConnection() async throws {
        try await withServer(.live) { _, client in
            let port = try #require(client.port)
            let tag = try #require(try await client.get("/v1/codes/invalid_grant").headers[.eTag])
            let raw = "GET /v1/codes/invalid_grant HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: W/\(tag)\r\n\r\n"
            let (fromConnection, fromRouter) = try await answeredByBothLayers(raw, head: false, port: port)
            #expect(fromConnection.status == 304)
            #expect(fromConnection.fields.filter { $0.name != "date" }.map(\.value) == fromRouter.fields.filter { $0.name != "date" }.map(\.value))
            #expect(fromConnection.field("content-type") == nil)
            #expect(fromConnection.body.isEmpty)
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains(#"errorkb_response_cache_hits_total{layer="connection"} 1"#))
            #expect(metrics.contains(#"errorkb_http_requests_total{route="/v1/codes/{code}",method="GET",status="304"} 2"#))
        }
    }

    @Test("an edit is served on the next request though the answer was cached on the connection")
    func editsReachTheConnectionCache() async throws {
        try await withServer(.live) { kb, client in
            for _ in 0..<2 { _ = try await client.get("/v1/codes/404?vendor=akana") }
            let id = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first?.id)
            for title in ["Gone Fishing", "Gone Again"] {
                _ = try await kb.repository.editVariant(id: id, actor: "ana", action: "variant.update") { $0.title = title }
                let variants = try #require(try await client.get("/v1/codes/404?vendor=akana").object["variants"] as? [[String: Any]])
                #expect(variants.first?["title"] as? String == title)
            }
        }
    }

    @Test("pipelined requests get their answers in order, whichever layer answers each")
    func pipelinedAnswersKeepTheirOrder() async throws {
        try await withServer(.live) { _, client in
            let port = try #require(client.port)
            _ = try await client.get("/v1/codes/404")
            _ = try await client.get("/v1/codes/401")
            // Cached and uncached, interleaved; the search is the slowest, the codes are cached.
            let targets = ["/v1/search?q=token", "/v1/codes/404", "/v1/codes/invalid_grant", "/v1/codes/401", "/v1/nothing-here", "/v1/codes/404"]
            var bytes: [UInt8] = []
            for (index, target) in targets.enumerated() {
                let last = index == targets.count - 1
                bytes += Array("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\(last ? "Connection: close\r\n" : "")\r\n".utf8)
            }
            let answers = RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(bytes, port: port))
            try #require(answers.count == targets.count)
            #expect(answers.map(\.status) == [200, 200, 200, 200, 404, 200])
            for (answer, target) in zip(answers, targets) where target.hasPrefix("/v1/codes/") {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
                #expect(body["code"] as? String == String(target.dropFirst("/v1/codes/".count)))
            }
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains(#"errorkb_response_cache_hits_total{layer="connection"}"#))
        }
    }

    @Test("a thousand pipelined cached reads on one connection are all answered, in order")
    func longPipelines() async throws {
        try await withServer(.live) { _, client in
            let port = try #require(client.port)
            let targets = ["/v1/codes/404", "/v1/codes/401", "/v1/codes/invalid_grant"]
            for target in targets { _ = try await client.get(target) }
            var bytes: [UInt8] = []
            for index in 0..<1000 {
                bytes += Array("GET \(targets[index % 3]) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
            }
            bytes += Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            let answers = RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(bytes, port: port, timeout: 60))
            try #require(answers.count == 1001)
            for (index, answer) in answers.prefix(1000).enumerated() {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
                #expect(body["code"] as? String == String(targets[index % 3].dropFirst("/v1/codes/".count)))
            }
        }
    }

    @Test("requests the router must judge are left to it: content, Connection: close, a refused Accept, over-long targets")
    func requestsTheConnectionLeavesAlone() async throws {
        try await withServer(.live) { _, client in
            let port = try #require(client.port)
            _ = try await client.get("/v1/codes/404")
            let cases: [(request: String, status: Int)] = [
                ("GET /v1/codes/404 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 413),
                ("GET /v1/codes/404 HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n", 406),
                ("POST /v1/codes/404 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405),
                ("GET /v1/codes/404?\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 414),
            ]
            for (request, status) in cases {
                let answers = RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(Array(request.utf8), port: port))
                #expect(answers.map(\.status) == [status], "\(request.prefix(40))")
            }
            // And a plain cached GET that asks to close still gets its answer, then the close.
            let closing = RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(RawHTTP.get("/v1/codes/404"), port: port))
            #expect(closing.map(\.status) == [200])
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains(#"errorkb_response_cache_hits_total{layer="connection"} 0"#))
        }
    }

    @Test("with --cors, a request with an Origin is the router's, with CORS headers, cached or not; one without stays on the connection")
    func corsRequestsAreTheRouters() async throws {
        try await withServer(.live, options: { $0.cors = true }) { _, client in
            let port = try #require(client.port)
            _ = try await client.get("/v1/codes/404")  // fills the cache
            let withOrigin = "GET /v1/codes/404 HTTP/1.1\r\nHost: localhost\r\nOrigin: https://app.example\r\n\r\n"
            let plain = "GET /v1/codes/404 HTTP/1.1\r\nHost: localhost\r\n\r\n"
            let closing = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            let answers = RawHTTP.answers(
                in: try await RawHTTP.exchangeOffPool(Array((withOrigin + plain + closing).utf8), port: port))
            try #require(answers.count == 3)
            #expect(answers[0].field("access-control-allow-origin") == "*")
            #expect(answers[1].field("access-control-allow-origin") == nil)
            #expect(answers[0].body == answers[1].body)
            // Again on a fresh connection, so the plain request finds it idle.
            let alone = RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(Array((plain + closing).utf8), port: port))
            #expect(alone.first?.field("access-control-allow-origin") == nil)
            let metrics = String(buffer: try await client.get("/metrics").body)
            // The Origin request was a router hit; the plain one alone on its connection a
            // connection hit (the one behind the Origin request waited for the router's answer).
            #expect(metrics.contains(#"errorkb_response_cache_hits_total{layer="router"} 2"#))
            #expect(metrics.contains(#"errorkb_response_cache_hits_total{layer="connection"} 1"#))
        }
    }

    @Test("every router stage says how it holds for answers given on the connection")
    func everyStageIsAccountedFor() {
        let request = HTTPRequest(method: .get, scheme: nil, authority: "x", path: "/v1/codes/404", headerFields: [.origin: "https://a"])
        let plain = HTTPRequest(method: .get, scheme: nil, authority: "x", path: "/v1/codes/404?vendor=akana")
        let respelt = HTTPRequest(method: .get, scheme: nil, authority: "x", path: "/v1/codes/404/?vendor=akana")
        for stage in RouterStage.allCases {
            switch stage.onConnectionAnswers {
            case .sharedCode, .neverApplies: #expect(stage != .cors && stage != .canonicalPath)
            case .declines(let requests) where stage == .cors: #expect(requests(request) && !requests(plain))
            // Another spelling of a path is the router's to redirect.
            case .declines(let requests): #expect(stage == .canonicalPath && requests(respelt) && !requests(plain))
            }
        }
        #expect(!RouterStage.stages(for: ServerOptions(databasePath: "x")).contains(.cors))
        #expect(RouterStage.stages(for: ServerOptions(databasePath: "x", cors: true)) == RouterStage.allCases)
    }

    @Test("the errorkb-server binary answers repeated reads on the connection, watching the WAL-index header")
    func theBinaryUsesTheConnectionCache() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        for _ in 0..<3 { #expect(try await server.get("/v1/codes/404").status == 200) }
        let metrics = String(decoding: try await server.get("/metrics").body, as: UTF8.self)
        let line = metrics.split(separator: "\n").first { $0.hasPrefix(#"errorkb_response_cache_hits_total{layer="connection"}"#) }
        let hits = try #require(line.flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(hits >= 1)
        // It watches for commits through the WAL-index header as SQLite mapped it: one mapping
        // of the -shm file, and SQLite's read lock on it still held (issue 27: a mapping of its
        // own, whose descriptor it closed, had dropped that lock).
        let shm = folder.path("kb.sqlite-shm")
        let maps = try ProcFile.read("/proc/\(server.process.processIdentifier)/maps")
        #expect(maps.split(separator: "\n").filter { $0.hasSuffix(" " + shm) }.count == 1)
        let locks = try POSIXLocks.held(by: server.process.processIdentifier, on: shm)
        #expect(locks.contains { $0.kind == "READ" && $0.start == POSIXLocks.sharedMemoryDMSByte }, "\(locks)")
        #expect(try await server.stop() == 0)
    }

}
