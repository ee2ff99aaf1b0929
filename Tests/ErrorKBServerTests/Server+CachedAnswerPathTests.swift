import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ErrorKBServer

/// Cached answers take the one path every answer takes, through the router and all its
/// middleware: they must equal the computed answers byte for byte (but for the `Date`), be
/// counted and logged like them, carry what a middleware adds (CORS), never be stale, and keep
/// pipelined answers in order. Raw sockets, so what is compared is what goes over the wire.
@Suite("Server: cached answers on the one HTTP path")
struct CachedAnswerPathTests {
    /// Requests answered from the cache once their target's GET is cached, as raw header lines.
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

    private static func exchange(_ request: String, head: Bool = false, port: Int) async throws -> RawHTTP.Answer {
        let closing = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        let answers = RawHTTP.answers(in: try await RawHTTP.exchangeOffPool(Array((request + closing).utf8), port: port)) { index in
            head && index == 0
        }
        try #require(answers.count == 2)
        return answers[0]
    }

    private static func fields(_ answer: RawHTTP.Answer) -> [String] {
        answer.fields.filter { $0.name != "date" }.map { "\($0.name): \($0.value)" }
    }

    @Test("each cached answer equals the computed one byte for byte, but for the Date; all are counted")
    func cachedAnswersEqualComputedAnswers() async throws {
        try await withServer(.live) { _, client in
            let port = try #require(client.port)
            var computed: [String: RawHTTP.Answer] = [:]
            for target in Set(Self.requests.map(\.target)) {
                computed[target] = try await Self.exchange("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\r\n", port: port)
            }
            for request in Self.requests {
                let raw = "\(request.method) \(request.target) HTTP/1.1\r\nHost: localhost\r\n\(request.headers)\r\n"
                let sent = Date()
                let cached = try await Self.exchange(raw, head: request.method == "HEAD", port: port)
                let received = Date()
                let first = try #require(computed[request.target])
                #expect(cached.status == first.status, "\(raw)")
                #expect(Self.fields(cached) == Self.fields(first), "\(raw)")
                #expect(cached.body == (request.method == "HEAD" ? [] : first.body), "\(raw)")
                // Written to the second from Hummingbird's date cache, which a one-second timer
                // refreshes, so it may be a second behind.
                let date = try #require(Self.httpDate(cached.field("date") ?? ""))
                #expect(date >= sent.addingTimeInterval(-2) && date <= received.addingTimeInterval(1), "\(raw)")
            }
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains("errorkb_response_cache_hits_total \(Self.requests.count)"))
            #expect(metrics.contains(#"errorkb_http_requests_total{route="/v1/codes/{code}",method="HEAD",status="200"} 1"#))
            #expect(metrics.contains(#"errorkb_http_requests_total{route="/v1/codes/{code}",method="GET",status="200"} 6"#))
        }
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: text), formatter.string(from: date) == text else { return nil }
        return date
    }

    @Test("a current ETag gets a 304 from the cache, counted as one")
    func notModifiedFromTheCache() async throws {
        try await withServer(.live) { _, client in
            let port = try #require(client.port)
            let tag = try #require(try await client.get("/v1/codes/invalid_grant").headers[.eTag])
            let raw = "GET /v1/codes/invalid_grant HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: W/\(tag)\r\n\r\n"
            let answer = try await Self.exchange(raw, port: port)
            #expect(answer.status == 304)
            #expect(answer.field("etag") == tag)
            #expect(answer.field("content-type") == nil)
            #expect(answer.body.isEmpty)
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains("errorkb_response_cache_hits_total 1"))
            #expect(metrics.contains(#"errorkb_http_requests_total{route="/v1/codes/{code}",method="GET",status="304"} 1"#))
        }
    }

    @Test("a middleware applies to cached answers too: CORS on a hit as on a miss")
    func middlewareAppliesToHits() async throws {
        try await withServer(.live, options: { $0.cors = true }) { _, client in
            let origin = ["Origin": "https://app.example"]
            var headers = HTTPFields()
            for (name, value) in origin { headers[try #require(HTTPField.Name(name))] = value }
            let miss = try await client.get("/v1/codes/404", headers: headers)
            let hit = try await client.get("/v1/codes/404", headers: headers)
            #expect(miss.headers[.accessControlAllowOrigin] == "*")
            #expect(hit.headers[.accessControlAllowOrigin] == "*")
            #expect(hit.body == miss.body)
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains("errorkb_response_cache_hits_total 1"))
        }
    }

    @Test("an edit is served on the next request though the answer was cached")
    func editsReachTheCache() async throws {
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

    @Test("pipelined requests get their answers in order, cached or not")
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
            #expect(metrics.contains("errorkb_response_cache_hits_total 3"))
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

    @Test("the errorkb-server binary answers repeated reads from the cache, watching the WAL-index header")
    func theBinaryUsesTheCache() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        for _ in 0..<3 { #expect(try await server.get("/v1/codes/404").status == 200) }
        let metrics = String(decoding: try await server.get("/metrics").body, as: UTF8.self)
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("errorkb_response_cache_hits_total ") }
        let hits = try #require(line.flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(hits == 2)
        // It watches for commits through the WAL-index header: its own read-only mapping of
        // the -shm file, beside SQLite's read-write one.
        let maps = try ProcFile.read("/proc/\(server.process.processIdentifier)/maps")
        let shm = maps.split(separator: "\n").filter { $0.hasSuffix("kb.sqlite-shm") }
        #expect(shm.contains { $0.split(separator: " ")[1] == "r--s" }, "\(shm)")
        #expect(try await server.stop() == 0)
    }

}
