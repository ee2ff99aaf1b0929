import ErrorKBCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Server: codes and search")
struct CodeRouteTests {
    @Test("GET /v1/codes/{code} answers every variant with causes, fixes and provenance; ?vendor narrows")
    func lookup() async throws {
        try await withServer { _, client in
            let response = try await client.get("/v1/codes/401")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let body = try response.object
            #expect(body["code"] as? String == "401")
            #expect(body["http_class"] as? String == "4xx")
            let variants = try #require(body["variants"] as? [[String: Any]])
            #expect(variants.count == 6)
            let generic = try #require(variants.first { $0["document"] as? String == "001_ae84c84f41ee20ec.txt" })
            #expect((generic["causes"] as? [String])?.count == 3)
            #expect((generic["lines"] as? [String: Any])?["start"] as? Int == 11)

            let narrowed = try await client.get("/v1/codes/invalid_request?vendor=akana").object
            let sections = (narrowed["variants"] as? [[String: Any]])?.compactMap { $0["section"] as? String }
            #expect(sections == ["OAuth/auz/authorize error codes", "OAuth/oauth20/token error codes"])
        }
    }

    @Test("an unknown code is a 404 problem whose type is the server's own entry for 404")
    func unknownCodeIsAProblem() async throws {
        try await withServer { _, client in
            let response = try await client.get("/v1/codes/999")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.object
            #expect(problem["type"] as? String == "/v1/codes/404")
            #expect(problem["title"] as? String == "Not Found")
            #expect(problem["status"] as? Int == 404)
            #expect(problem["instance"] as? String == "/v1/codes/999")
            #expect((problem["detail"] as? String)?.contains("999") == true)
            // ... and that entry exists.
            #expect(try await client.get(problem["type"] as? String ?? "").status == .ok)
        }
    }

    @Test("listing pages with an opaque cursor, a next link and facets, and filters")
    func listing() async throws {
        try await withServer { _, client in
            var seen: [String] = []
            var uri: String? = "/v1/codes?limit=10"
            while let next = uri {
                let response = try await client.get(next)
                #expect(response.status == .ok)
                let body = try response.object
                seen += (body["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                let facets = try #require(body["facets"] as? [String: Any])
                #expect((facets["by_class"] as? [String: Any])?["4xx"] as? Int == 29)
                if let cursor = body["next"] as? String {
                    let linkName = try #require(HTTPFields.Element.Name("Link"))
                    let link = try #require(response.headers[linkName])
                    #expect(link.contains("cursor=\(cursor)") && link.hasSuffix("rel=\"next\""))
                    uri = "/v1/codes?limit=10&cursor=\(cursor)"
                } else {
                    uri = nil
                }
            }
            #expect(seen.count == 114)
            #expect(Set(seen).count == 114)

            let oauth = try await client.get("/v1/codes?kind=oauth&vendor=akana&limit=100").object
            #expect((oauth["items"] as? [Any])?.count == 8)
            let matching = try await client.get("/v1/codes?q=gateway&class=5xx").object
            let codes = (matching["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes == ["502", "504"])
        }
    }

    @Test("search ranks, highlights as escaped HTML, and pages without repeats")
    func search() async throws {
        try await withServer { _, client in
            let body = try await client.get("/v1/search?q=gateway").object
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(["502", "504"].contains(items.first?["code"] as? String ?? ""))
            #expect(items.allSatisfy { ($0["snippet"] as? String)?.contains("<mark>") == true })

            var ids: [Int] = []
            var cursor: String?
            repeat {
                let uri = "/v1/search?q=request&limit=7" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.get(uri).object
                ids += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["variant_id"] as? Int }
                cursor = page["next"] as? String
            } while cursor != nil
            #expect(ids.count > 20 && Set(ids).count == ids.count)
        }
    }

    @Test("search text that is FTS or SQL syntax never fails the server",
        arguments: ["%22", "NEAR(", "*", "%27%3B%20DROP%20TABLE%20variant%3B%20--", "a%22%20OR%20%22b", "%00", "%F0%9F%92%A5", "-", "(((("])
    func hostileSearch(q: String) async throws {
        try await withServer { _, client in
            let response = try await client.get("/v1/search?q=\(q)")
            #expect(response.status == .ok || response.status == .badRequest)
            #expect(try await client.get("/v1/codes/404").status == .ok)
        }
    }

    @Test("history lists the revisions that touched a code")
    func history() async throws {
        try await withServer { _, client in
            let body = try await client.get("/v1/codes/404/history").object
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["action"] as? String == "import")
            let changes = try #require(items.first?["changes"] as? [[String: Any]])
            #expect(changes.contains { ($0["after"] as? [String: Any])?["code"] as? String == "404" })
            #expect(try await client.get("/v1/codes/nope_nope/history").status == .notFound)
        }
    }

    @Test("an edit made through the CLI's repository is served on the next request, no restart")
    func editsAreVisibleAtOnce() async throws {
        try await withServer { kb, client in
            let before = try await client.get("/v1/codes/404?vendor=akana")
            let tag = try #require(before.headers[.eTag])
            let id = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first?.id)
            _ = try await kb.repository.editVariant(id: id, actor: "ana", action: "variant.update") { $0.title = "Gone Fishing" }

            let after = try await client.get("/v1/codes/404?vendor=akana", headers: [.ifNoneMatch: tag])
            #expect(after.status == .ok)
            let variants = try #require(try after.object["variants"] as? [[String: Any]])
            #expect(variants.first?["title"] as? String == "Gone Fishing")
        }
    }
}
