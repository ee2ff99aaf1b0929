import ErrorKBCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Server: HTTP done right")
struct HTTPBehaviourTests {
    @Test("ETag on every JSON answer; If-None-Match gives 304; Cache-Control asks to revalidate")
    func conditionalRequests() async throws {
        try await withServer { _, client in
            for uri in ["/v1/codes/404", "/v1/codes", "/v1/vendors", "/v1/documents", "/v1/search?q=token", "/healthz", "/openapi.json"] {
                let first = try await client.get(uri)
                let tag = try #require(first.headers[.eTag], "\(uri)")
                #expect(first.headers[.cacheControl] == "no-cache", "\(uri)")
                let second = try await client.get(uri, headers: [.ifNoneMatch: tag])
                #expect(second.status == .notModified, "\(uri)")
                #expect(second.body.readableBytes == 0)
                let weak = try await client.get(uri, headers: [.ifNoneMatch: "\"other\", W/\(tag)"])
                #expect(weak.status == .notModified, "\(uri)")
            }
        }
    }

    @Test("HEAD answers every GET route with the same headers and no body")
    func head() async throws {
        try await withServer { _, client in
            for uri in ["/v1/codes/404", "/v1/codes", "/v1/search?q=token", "/v1/vendors/akana", "/healthz"] {
                let get = try await client.get(uri)
                let head = try await client.execute(uri: uri, method: .head) { $0 }
                #expect(head.status == .ok, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
                #expect(head.headers[.eTag] == get.headers[.eTag], "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
            }
        }
    }

    @Test("other methods get 405 with Allow; an Accept without JSON gets 406",
        arguments: [HTTPRequest.Method.post, .put, .delete, .patch])
    func methodsAndNegotiation(method: HTTPRequest.Method) async throws {
        try await withServer { _, client in
            let response = try await client.execute(uri: "/v1/codes/404", method: method) { $0 }
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
            #expect(response.headers[.contentType] == "application/problem+json")

            let html = try await client.get("/v1/codes/404", headers: [.accept: "text/html"])
            #expect(html.status == .notAcceptable)
            #expect(try html.object["type"] as? String == "/v1/codes/406")
            for accept in ["application/json", "*/*", "application/*", "text/html, application/json;q=0.5", "application/problem+json"] {
                #expect(try await client.get("/v1/codes/404", headers: [.accept: accept]).status == .ok, "\(accept)")
            }
            #expect(try await client.get("/v1/codes/404", headers: [.accept: "application/json;q=0"]).status == .notAcceptable)
        }
    }

    @Test("bad parameters are 400 problems that name the parameter",
        arguments: [
            ("/v1/codes?colour=red", "colour"), ("/v1/codes?limit=0", "limit"), ("/v1/codes?limit=abc", "limit"),
            ("/v1/codes?limit=100000000000000000000", "limit"), ("/v1/codes?cursor=%25%25", "cursor"),
            ("/v1/codes?class=9xx", "class"), ("/v1/codes?kind=weird", "kind"), ("/v1/search", "q"),
            ("/v1/codes/%27%3B%20DROP", "code"), ("/v1/documents/abc", "id"), ("/v1/documents/-1", "id"),
            ("/v1/vendors/Not_A_Slug", "slug"), ("/v1/codes/404?vendor=akana&vendor=generic", "vendor"),
            ("/healthz?verbose=1", "verbose"),
        ])
    func badParameters(uri: String, parameter: String) async throws {
        try await withServer { _, client in
            let response = try await client.get(uri)
            #expect(response.status == .badRequest, "\(uri)")
            let detail = try response.object["detail"] as? String ?? ""
            #expect(detail.contains("'\(parameter)'"), "\(uri): \(detail)")
        }
    }

    @Test("every cursor of the documented form is accepted; searches and histories count in digits")
    func cursorsOfTheDocumentedForm() async throws {
        try await withServer { _, client in
            for token in ["AAAA", "zz", "_-_-", "QUJD"] {
                #expect(try await client.get("/v1/codes?cursor=\(token)").status == .ok, "\(token)")
            }
            let search = try await client.get("/v1/search?q=request&limit=2").object
            let next = try #require(search["next"] as? String)
            #expect(next.allSatisfy { $0.isNumber })
            #expect(try await client.get("/v1/search?q=request&limit=2&cursor=\(next)").status == .ok)
            #expect(try await client.get("/v1/search?q=request&cursor=QUJD").status == .badRequest)
            #expect(try await client.get("/v1/codes/404/history?cursor=12").status == .ok)
        }
    }

    @Test("an oversized request target is 414 and oversized headers 431")
    func sizeLimits() async throws {
        try await withServer { _, client in
            let long = try await client.get("/v1/search?q=" + String(repeating: "a", count: 9000))
            #expect(long.status == .uriTooLong)
            #expect(try long.object["type"] as? String == "/v1/codes/414")
            let headers: HTTPFields = [try #require(HTTPFields.Element.Name("X-Padding")): String(repeating: "b", count: 17_000)]
            let big = try await client.get("/v1/codes/404", headers: headers)
            #expect(big.status.code == 431)
        }
    }

    @Test("unknown paths are 404 problems")
    func unknownPath() async throws {
        try await withServer { _, client in
            let response = try await client.get("/v2/everything")
            #expect(response.status == .notFound)
            #expect(try response.object["type"] as? String == "/v1/codes/404")
        }
    }

    @Test("CORS headers only with --cors")
    func cors() async throws {
        try await withServer(options: { $0.cors = true }) { _, client in
            let response = try await client.get("/v1/codes/404", headers: [.origin: "https://example.com"])
            #expect(response.headers[.accessControlAllowOrigin] == "*")
        }
        try await withServer { _, client in
            let response = try await client.get("/v1/codes/404", headers: [.origin: "https://example.com"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
