import ErrorKBCore
import ErrorKBImport
import ErrorKBTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ErrorKBServer

@Suite("HTML pages")
struct PageTests {
    static let browser: HTTPFields = [.accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]

    /// Every page kind once, with what each must hold.
    static let pages = ["/", "/codes/404", "/codes/invalid_grant", "/codes/404/history", "/search?q=token", "/vendors/akana", "/documents/1"]

    @Test("every page is HTML with the security headers, an ETag and a JSON twin", arguments: pages)
    func pageHeaders(uri: String) async throws {
        try await withServer { _, client in
            let response = try await client.get(uri, headers: Self.browser)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(response.headers[.contentSecurityPolicy]?.contains("script-src") == false, "no script source is allowed at all")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            let html = String(buffer: response.body)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            let alternate = try #require(html.firstMatch(of: /<link rel="alternate" type="application\/json" href="([^"]+)">/))
            let twin = try await client.get(String(alternate.1).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(twin.status == .ok, "\(alternate.1)")
            #expect(twin.headers[.contentType] == "application/json")

            let tag = try #require(response.headers[.eTag])
            let again = try await client.get(uri, headers: Self.browser + [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            let head = try await client.execute(uri: uri, method: .head, headers: Self.browser) { $0 }
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == response.headers[.contentLength])
        }
    }

    @Test("a code page shows every variant, where titles disagree, and links each to its lines")
    func codePage() async throws {
        try await withServer { kb, client in
            let html = String(buffer: try await client.get("/codes/404", headers: Self.browser).body)
            let entry = try #require(try await kb.repository.code("404", vendor: nil))
            for variant in entry.variants {
                #expect(html.contains("id=\"variant-\(variant.id)\""))
                let lines = try #require(variant.lines)
                let documentID = try #require(variant.documentID)
                #expect(html.contains("href=\"/documents/\(documentID)?lines=\(lines.start)-\(lines.end)#L\(lines.start)\"")
                    || html.contains("href=\"/documents/\(documentID)?lines=\(lines.start)#L\(lines.start)\""))
            }
            #expect(html.contains("Where the sources disagree"))
            #expect(html.contains("“Resource not found”: akana"))

            let akana = String(buffer: try await client.get("/codes/404?vendor=akana", headers: Self.browser).body)
            #expect(akana.contains("href=\"/v1/codes/404?vendor=akana\""))
            #expect(!akana.contains("rfc7231: Not Found"))
            // Narrowed to one vendor, its variants agree with each other; where Akana departs from
            // the registry is still said.
            #expect(!akana.contains("<h3>Title</h3>"))
            #expect(akana.contains("Where the sources disagree"))
            #expect(akana.contains("the registry&#39;s name is") || akana.contains("the registry's name is"))
        }
    }

    @Test("a provenance link opens the document at its lines, highlighted")
    func documentLines() async throws {
        try await withServer { kb, client in
            let variant = try #require(try await kb.repository.code("401", vendor: "generic")?.variants.first)
            let lines = try #require(variant.lines)
            let id = try #require(variant.documentID)
            let html = String(buffer: try await client.get("/documents/\(id)?lines=\(lines.start)-\(lines.end)", headers: Self.browser).body)
            let highlighted = html.matches(of: /<div class="line highlighted" id="L(\d+)">/).compactMap { Int($0.1) }
            #expect(highlighted == Array(lines.start...lines.end))
            let text = try #require(try await kb.repository.documentText(id: id)).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(html.matches(of: /<div class="line[^"]*" id="L\d+">/).count == text.count)

            let past = try await client.get("/documents/\(id)?lines=9000", headers: Self.browser)
            #expect(past.status == .badRequest)
            #expect(String(buffer: past.body).contains("query parameter &#39;lines&#39;"))
        }
    }

    @Test("search shows ranked, highlighted results, the filters with counts, and pages")
    func searchPage() async throws {
        try await withServer { _, client in
            let html = String(buffer: try await client.get("/search?q=token&limit=2", headers: Self.browser).body)
            #expect(html.contains("<mark>"))
            #expect(html.matches(of: /<p class="snippet">/).count == 2)
            #expect(html.contains("href=\"/search?q=token&amp;limit=2&amp;cursor=2\" rel=\"next\""))
            #expect(html.contains("href=\"/search?q=token&amp;kind=oauth&amp;limit=2\""))
            let narrowed = String(buffer: try await client.get("/search?q=token&kind=oauth", headers: Self.browser).body)
            #expect(narrowed.contains("Remove kind oauth"))
            let empty = try await client.get("/search", headers: Self.browser)
            #expect(empty.status == .ok)
        }
    }

    @Test("an unknown code is a 404 page with a search box and the nearest codes; a bad value a 400 page naming it")
    func errorPages() async throws {
        try await withServer { _, client in
            let missing = try await client.get("/codes/4044", headers: Self.browser)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(missing.headers[.contentSecurityPolicy] != nil)
            let html = String(buffer: missing.body)
            #expect(html.contains("<input id=\"q\" type=\"search\" name=\"q\" value=\"4044\">"))
            #expect(html.contains("href=\"/codes/404\""))

            let bad = try await client.get("/search?q=x&class=9xx", headers: Self.browser)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("query parameter &#39;class&#39;"))

            let post = try await client.execute(uri: "/codes/404", method: .post, headers: Self.browser) { $0 }
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD")
            #expect(post.headers[.contentType] == "text/html; charset=utf-8")

            // The API stays JSON whatever a browser asks for.
            let api = try await client.get("/v1/codes/4044", headers: Self.browser)
            #expect(api.headers[.contentType] == "application/problem+json")
            let unknownAPI = try await client.get("/v1/nowhere", headers: Self.browser)
            #expect(unknownAPI.headers[.contentType] == "application/problem+json")
            let json = try await client.get("/v1/codes/404", headers: Self.browser)
            #expect(json.headers[.contentType] == "application/json")
        }
    }

    @Test("imported and edited text is escaped everywhere it is shown")
    func hostileTextIsInert() async throws {
        try await withServer { kb, client in
            let hostile = """
                # Hostile <script>alert('title')</script> errors

                ## 418 I'm a teapot <script>window.pwned = 1</script>

                "><img src=x onerror=alert(1)> and [a link](javascript:alert(2)) and `<script>alert(3)</script>`.
                """
            let prepared = try await kb.importer.prepare(name: "hostile.md", bytes: Array(hostile.utf8), vendor: "evil", manifest: nil)
            _ = try await kb.importer.write([prepared], options: ImportOptions(), actor: "test")
            _ = try await kb.repository.updateVendor("evil", name: "<script>alert('vendor')</script>", kind: nil, actor: "test")
            let variant = try await kb.repository.createVariant(
                VariantDraft(
                    code: "418", vendor: "evil",
                    content: VariantContent(
                        title: "\"><svg onload=alert(4)>", description: "<iframe src=javascript:alert(5)>", causes: ["<b onmouseover=alert(6)>"])),
                actor: "test")
            let document = try #require(try await kb.repository.document(named: "hostile.md"))
            for uri in ["/codes/418", "/documents/\(document.id)", "/vendors/evil", "/", "/search?q=teapot", "/codes/418/history"] {
                let html = String(buffer: try await client.get(uri, headers: Self.browser).body)
                // The only elements are the templates' own: no tag the text brought survives.
                #expect(!html.contains("<script"), "\(uri)")
                #expect(!html.contains("<img"), "\(uri)")
                #expect(!html.contains("<svg"), "\(uri)")
                #expect(!html.contains("<iframe"), "\(uri)")
                #expect(!html.contains("<b "), "\(uri)")
                #expect(!html.contains("href=\"javascript:"), "\(uri)")
            }
            let code = String(buffer: try await client.get("/codes/418", headers: Self.browser).body)
            #expect(code.contains("&quot;&gt;&lt;svg onload=alert(4)&gt;"))
            #expect(code.contains("id=\"variant-\(variant.id)\""))
            let text = String(buffer: try await client.get("/documents/\(document.id)", headers: Self.browser).body)
            #expect(text.contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;"))
        }
    }

    @Test("a page is answered from the cache until the knowledge base changes")
    func pagesAreCachedNeverStale() async throws {
        try await withServer(.live) { kb, client in
            let before = String(buffer: try await client.get("/codes/404", headers: Self.browser).body)
            #expect(!before.contains("Gone for good"))
            let variant = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first)
            _ = try await kb.repository.editVariant(id: variant.id, actor: "test", action: "variant.update") { $0.title = "Gone for good" }
            let after = String(buffer: try await client.get("/codes/404", headers: Self.browser).body)
            #expect(after.contains("Gone for good"))
            let history = String(buffer: try await client.get("/codes/404/history", headers: Self.browser).body)
            #expect(history.contains("variant.update"))
            #expect(history.contains("Gone for good"))
        }
    }
}
