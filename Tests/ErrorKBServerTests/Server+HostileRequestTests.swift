import ErrorKBTestSupport
import Foundation
import Testing

/// Issue 7's hostile requests, sent as raw bytes to the real `errorkb-server` binary: odd bytes
/// and encodings, huge numbers, SQL and FTS syntax, oversized and malformed requests. None may
/// get a 5xx or bring the server down; most have one right answer.
@Suite("Server: hostile requests on a real socket")
struct HostileRequestTests {
    /// (what, request bytes, the statuses that are right; empty means "any non-5xx, or a closed connection").
    static let cases: [(String, [UInt8], Set<Int>)] = [
        ("raw invalid UTF-8 in the path", RawHTTP.get([UInt8]("/v1/codes/".utf8) + [0xFF, 0xFE, 0xC0, 0xAF]), []),
        ("percent-encoded invalid UTF-8 and NUL", RawHTTP.get("/v1/codes/%FF%FE%00"), [400]),
        ("an overlong encoding in a query", RawHTTP.get("/v1/codes/404?vendor=%E0%80%80"), [400]),
        ("a broken percent escape", RawHTTP.get("/v1/codes/404?vendor=%G1%"), [400]),
        ("path traversal, encoded", RawHTTP.get("/v1/codes/..%2F..%2F..%2Fetc%2Fpasswd"), [400, 404]),
        ("path traversal, plain", RawHTTP.get("/v1/../../../etc/passwd"), [404]),
        ("an encoded slash in a code", RawHTTP.get("/v1/codes/4%2F04"), [400, 404]),
        ("a document id beyond Int64", RawHTTP.get("/v1/documents/99999999999999999999999999999"), [400]),
        ("a limit beyond Int64", RawHTTP.get("/v1/codes?limit=99999999999999999999999999999"), [400]),
        ("a negative limit", RawHTTP.get("/v1/codes?limit=-1"), [400]),
        ("SQL in search", RawHTTP.get("/v1/search?q=%27%3B%20DROP%20TABLE%20variant%3B%20--"), [200]),
        ("SQL in a vendor", RawHTTP.get("/v1/codes/404?vendor=akana%27%20OR%20%271%27%3D%271"), [400]),
        ("an FTS quote", RawHTTP.get("/v1/search?q=%22"), [200]),
        ("FTS NEAR(", RawHTTP.get("/v1/search?q=NEAR(token%20request"), [200]),
        ("a lone FTS star", RawHTTP.get("/v1/search?q=*"), [200]),
        ("FTS column filter syntax", RawHTTP.get("/v1/search?q=title%3Atoken%20OR%20%7Bcode%7D%3A*"), [200]),
        ("a 20 KiB header", RawHTTP.get("/v1/codes/404", headers: "X-Padding: \(String(repeating: "a", count: 20_000))\r\n"), [431]),
        ("300 headers", RawHTTP.get("/v1/codes/404", headers: (0..<300).map { "X-H\($0): \(String(repeating: "b", count: 60))\r\n" }.joined()), [431]),
        ("a 100 KiB request target", RawHTTP.get("/v1/search?q=" + String(repeating: "a", count: 100_000)), []),
        ("a 9 KiB request target", RawHTTP.get("/v1/search?q=" + String(repeating: "a", count: 9_000)), [414]),
        ("a body on GET", Array("GET /v1/codes/404 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 10485760\r\n\r\nabc".utf8), [413]),
        ("a chunked body on GET", Array("GET /v1/codes/404 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8), [413]),
        ("POST with a body", Array("POST /v1/codes HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello".utf8), [405]),
        ("an unknown method", Array("BREW /v1/codes/418 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), []),
        ("a garbage request line", Array("\u{1}\u{2}GARBAGE\r\n\r\n".utf8), []),
        ("HTTP/9.9", Array("GET /v1/codes/404 HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), []),
        ("an absolute-form target", RawHTTP.get("http://elsewhere.example/v1/codes/404"), []),
        ("an asterisk target", Array("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), []),
        ("a control byte in a header value", RawHTTP.get("/v1/codes/404", headers: "X-Bad: a\u{1}b\r\n"), []),
        ("a long Accept header", RawHTTP.get("/v1/codes/404", headers: "Accept: \(String(repeating: "text/x;q=0.1, ", count: 900))\r\n"), [406]),
        ("8 KiB of repeated parameters", RawHTTP.get("/v1/codes?" + String(repeating: "kind=http&", count: 800)), [400]),
    ]

    @Test("31 hostile requests: each gets its right answer or at least no 5xx, and the server stays up")
    func hostileRequestsNeverFailTheServer() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        var answered: [String: Int?] = [:]
        for (what, bytes, expected) in Self.cases {
            let status = try RawHTTP.send(bytes, port: server.port)
            answered[what] = status
            if let status { #expect(status < 500, "\(what): \(status)") }
            if !expected.isEmpty { #expect(status.map(expected.contains) == true, "\(what): \(status.map(String.init) ?? "closed"), wanted \(expected.sorted())") }
            #expect(server.process.isRunning, "\(what) stopped the server")
        }
        #expect(answered.count == Self.cases.count)
        #expect(try await server.get("/v1/codes/404").status == 200)
        let closed = answered.filter { $0.value == nil }.map(\.key).sorted()
        print("hostile requests: \(answered.count) sent, \(answered.count - closed.count) answered, closed without an answer: \(closed)")
        print(answered.map { "\($0.key) → \($0.value.map(String.init) ?? "closed")" }.sorted().joined(separator: "\n"))
    }

    @Test("every refusal is a problem document, the HTTP parser's own 400s too")
    func everyRefusalHasAProblemBody() async throws {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess(database: folder.path("kb.sqlite"))
        var parserRefusals = 0
        for (what, bytes, _) in Self.cases {
            guard let answer = RawHTTP.answers(in: try RawHTTP.exchange(bytes, port: server.port)).first, answer.status >= 400 else { continue }
            #expect(answer.field("content-type") == "application/problem+json", "\(what): \(answer.status)")
            let body = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
            #expect(body?["status"] as? Int == answer.status, "\(what)")
            #expect((body?["detail"] as? String)?.isEmpty == false, "\(what)")
            if (body?["detail"] as? String)?.hasPrefix("the request is not HTTP/1.1") == true { parserRefusals += 1 }
        }
        print("hostile requests: \(parserRefusals) refused by the HTTP parser, each with a problem body")
        #expect(parserRefusals >= 3, "the garbage request line, the control byte and the 100 KiB target are the parser's")
    }
}
