import ErrorKBTestSupport
import Foundation
import Testing

/// HTTP/1 framing as RFC 9112 has it, on the real `errorkb-server` over a socket this side keeps
/// open: which connections close, which requests are refused, and that a pipelined request
/// behind a refused one is still answered in order.
@Suite("Server: HTTP/1 framing")
struct FramingTests {
    private static func statuses(_ bytes: [UInt8]) -> [Int] {
        // Bodies do not end in a line break, so status lines are found anywhere, not per line.
        let text = String(decoding: bytes, as: UTF8.self)
        return text.components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
    }

    @Test("HTTP/1.0 without keep-alive is answered with Connection: close and closed; with keep-alive it stays open")
    func http10Closes() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        for target in ["/healthz", "/v1/codes/404", "/v1/codes/404"] {  // the second 404 is a cached answer
            let (bytes, closed) = try RawHTTP.exchangeKeepingOpen(Array("GET \(target) HTTP/1.0\r\n\r\n".utf8), port: server.port, timeout: 5)
            #expect(closed, "\(target) was held open")
            #expect(Self.statuses(bytes) == [200])
            #expect(String(decoding: bytes, as: UTF8.self).lowercased().contains("\r\nconnection: close\r\n"))
        }
        let kept = try RawHTTP.exchangeKeepingOpen(
            Array("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".utf8), port: server.port, timeout: 2)
        #expect(!kept.closed)
        #expect(Self.statuses(kept.bytes) == [200])
    }

    @Test("no Host, or two, is a 400 problem; HTTP/1.0 may omit it", arguments: [
        ("GET /v1/codes/404 HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "no Host field"),
        ("GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "no Host field"),
        ("GET /v1/codes/404 HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", 400, "2 Host fields"),
        ("GET /v1/codes/404 HTTP/1.0\r\n\r\n", 200, "\"code\""),
    ])
    func hostIsRequired(request: String, status: Int, says: String) async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        _ = try await server.get("/v1/codes/404")  // cached, so the connection's own answers are tried too
        let bytes = try RawHTTP.exchange(Array(request.utf8), port: server.port)
        #expect(Self.statuses(bytes) == [status])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(says), "\(text)")
        if status == 400 { #expect(text.contains("application/problem+json")) }
    }

    @Test("CONNECT is a 405 with Allow, Content-Length and a problem body; answers before it keep their order")
    func connectIsRefused() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        let request = "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\nCONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
            + "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n"
        let (bytes, closed) = try RawHTTP.exchangeKeepingOpen(Array(request.utf8), port: server.port, timeout: 5)
        // After CONNECT the parser reads a tunnel, not requests: the server answers it and closes.
        #expect(closed)
        #expect(Self.statuses(bytes) == [200, 405])
        let text = String(decoding: bytes, as: UTF8.self)
        let connectAnswer = try #require(text.components(separatedBy: "HTTP/1.1 405").last)
        let lower = connectAnswer.lowercased()
        #expect(lower.contains("\r\nallow: get, head\r\n"))
        let length = try #require(lower.components(separatedBy: "\r\ncontent-length: ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        let body = try #require(connectAnswer.components(separatedBy: "\r\n\r\n").last)
        #expect(body.utf8.count == length)
        #expect(body.contains("\"status\":405"))
    }

    @Test("OPTIONS on a route is a 405 with Allow; an empty query pair is skipped, not refused")
    func optionsAndEmptyQueryPairs() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        let options = try RawHTTP.exchange(Array("OPTIONS /v1/codes/404 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".utf8), port: server.port)
        #expect(Self.statuses(options) == [405])
        #expect(String(decoding: options, as: UTF8.self).lowercased().contains("\r\nallow: get, head\r\n"))
        for target in ["/v1/codes?&limit=5", "/v1/codes?limit=5&", "/v1/codes?limit=5&&kind=http"] {
            #expect(try await server.get(target).status == 200, "\(target)")
        }
        #expect(try await server.get("/v1/codes?=5").status == 400)
    }
}
