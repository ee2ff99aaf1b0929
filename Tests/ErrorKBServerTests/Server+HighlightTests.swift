import ErrorKBCore
import ErrorKBImport
import ErrorKBTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ErrorKBServer

/// Issue 27, finding 9: text a page brings never becomes markup: the highlight markers are the
/// store's own, drawn for each search.
@Suite("Server: imported text cannot forge highlights")
struct ServerHighlightTests {
    static let browser: HTTPFields = [.accept: "text/html"]

    /// The `<mark>` elements of `html`, and whether every one is closed before the next opens.
    static func marks(in html: String) -> (count: Int, balanced: Bool) {
        var depth = 0
        var count = 0
        var rest = html[...]
        while let tag = rest.firstRange(of: /<\/?mark>/) {
            if rest[tag].hasPrefix("</") { depth -= 1 } else { depth += 1; count += 1 }
            if depth < 0 || depth > 1 { return (count, false) }
            rest = rest[tag.upperBound...]
        }
        return (count, depth == 0)
    }

    @Test("U+E000 and U+E001 in imported text stay characters: API snippets and the search page mark only the matches")
    func highlightMarkersCannotBeForged() async throws {
        try await withServer { kb, client in
            let page = """
                # Forged highlights

                ## 418 I'm a teapot

                The quokka \u{E000}script\u{E001} and \u{E001}\u{E001} then \u{E000} open quokka.
                """
            let prepared = try await kb.importer.prepare(name: "forged.md", bytes: Array(page.utf8), vendor: "evil", manifest: nil)
            _ = try await kb.importer.write([prepared], options: ImportOptions(), actor: "test")

            let api = try await client.get("/v1/search?q=quokka").object
            let hit = try #require((api["items"] as? [[String: Any]])?.first)
            let snippet = try #require(hit["snippet"] as? String)
            #expect(Self.marks(in: snippet) == (2, true), "\(snippet)")
            #expect(snippet.contains("<mark>quokka</mark>"))
            #expect(snippet.contains("\u{E000}script\u{E001}"), "the characters are text, left as they are")
            #expect(!snippet.contains("<mark>script"))

            let html = String(buffer: try await client.get("/search?q=quokka", headers: Self.browser).body)
            #expect(Self.marks(in: html) == (2, true))
            #expect(!html.contains("<mark>script"))
        }
    }

    @Test("the store writes every snippet with the caller's markers alone, whatever the text holds")
    func snippetsAreWrittenByTheStore() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        try await kb.repository.createVendor(Vendor(slug: "evil", name: "Evil", kind: .vendor), actor: "test")
        _ = try await kb.repository.createVariant(
            VariantDraft(code: "418", vendor: "evil", content: VariantContent(description: "A quokka <b>bold</b> \u{E000}x\u{E001} [y] quokka.")),
            actor: "test")
        let found = try await kb.repository.search("quokka", filter: CodeFilter(), page: PageRequest(), highlight: .html)
        let snippet = try #require(found.items.first?.snippet)
        #expect(snippet.contains("&lt;b&gt;bold&lt;/b&gt;"))
        #expect(Self.marks(in: snippet) == (2, true))
        let plain = try await kb.repository.search("quokka", filter: CodeFilter(), page: PageRequest(), highlight: .plain)
        #expect(plain.items.first?.snippet.contains("A quokka <b>bold</b> \u{E000}x\u{E001} [y] quokka") == true)
    }
}
