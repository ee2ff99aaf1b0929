import ErrorKBTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ErrorKBServer

/// Issue 27, finding 10: one URL for each page and resource; every other spelling of a
/// route's path is redirected to it, the query kept.
@Suite("Server: one canonical URL per page and resource")
struct ServerCanonicalPathTests {
    @Test("other spellings of a route's path: escaped unreserved characters, empty segments, a trailing slash, a padded id")
    func spellings() {
        let cases: [(String, String?)] = [
            ("/codes/404", nil), ("/codes/404/", "/codes/404"), ("/codes//404", "/codes/404"), ("//codes/404", "/codes/404"),
            ("/codes/%34%30%34", "/codes/404"), ("/codes/40%34", "/codes/404"), ("/%63odes/404", "/codes/404"),
            ("/codes/invalid%5Fgrant", "/codes/invalid_grant"), ("/documents/01", "/documents/1"), ("/documents/+1", "/documents/1"),
            ("/documents/007", "/documents/7"), ("/documents/00", "/documents/0"), ("/v1/documents/01", "/v1/documents/1"),
            ("/v1/codes/", "/v1/codes"), ("/v1/codes/404/history/", "/v1/codes/404/history"), ("/search/", "/search"),
            ("/vendors/akana/", "/vendors/akana"), ("//", "/"), ("/", nil), ("/codes/0x80070005", nil), ("/codes/-32600", nil),
            // Not another spelling of a route: left for the router's 400 or 404.
            ("/v1/codes/404%2F", nil), ("/v1/codes/4%2F04", nil), ("/nothing//here", nil), ("/v1/../../../etc/passwd", nil),
        ]
        for (path, canonical) in cases {
            #expect(CanonicalPath.redirect(for: path) == canonical, "\(path)")
        }
    }

    @Test("the server answers each other spelling 308 to the one URL, pages and API alike, and the URL it names is served")
    func redirects() async throws {
        try await withServer { kb, client in
            let document = try #require(try await kb.repository.documents(vendor: nil).first)
            for (path, canonical) in [
                ("/codes/%34%30%34", "/codes/404"), ("/codes/404/", "/codes/404"), ("/codes//404", "/codes/404"),
                ("/documents/0\(document.id)", "/documents/\(document.id)"), ("/v1/codes/404/?vendor=akana", "/v1/codes/404?vendor=akana"),
                ("/v1/documents/0\(document.id)", "/v1/documents/\(document.id)"),
            ] {
                let answer = try await client.get(path)
                #expect(answer.status == .permanentRedirect, "\(path)")
                #expect(answer.headers[.location] == canonical, "\(path)")
                #expect(try await client.get(canonical).status == .ok, "\(canonical)")
            }
            let head = try await client.execute(uri: "/codes/404/", method: .head) { $0 }
            #expect(head.status == .permanentRedirect)
            let post = try await client.execute(uri: "/v1/codes/404/", method: .post) { $0 }
            #expect(post.status == .methodNotAllowed, "only reads are redirected")
        }
    }

    @Test("with --public-url the Location is absolute under it")
    func absoluteLocation() async throws {
        try await withServer(options: { $0.publicURL = "https://errors.example.com" }) { _, client in
            let answer = try await client.get("/codes/404/")
            #expect(answer.headers[.location] == "https://errors.example.com/codes/404")
        }
    }
}
