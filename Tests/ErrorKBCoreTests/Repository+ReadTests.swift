import ErrorKBTestSupport
import Testing

@testable import ErrorKBCore

@Suite("Repository reads")
struct RepositoryReadTests {
    @Test("a code comes with every variant, its causes, fixes and provenance; --vendor narrows")
    func lookupReturnsEveryVariant() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let entry = try #require(try await kb.repository.code("401", vendor: nil))
        #expect(entry.kind == .http)
        #expect(entry.httpClass == "4xx")
        #expect(Set(entry.variants.map(\.vendor)) == ["akana", "generic", "iana", "rfc2616", "rfc7231"])
        // The seed pages' five, and the HTTP status registry's row.
        #expect(entry.variants.count == 6)
        let generic = try #require(entry.variants.first { $0.document == "001_ae84c84f41ee20ec.txt" })
        #expect(generic.causes.count == 3)
        #expect(generic.fixes == [
            "Ensure the Access Token is valid and not expired.", "Re-generate an Access Token if necessary.",
            "Double-check client_id and client_secret.",
        ])
        #expect(generic.lines == LineRange(start: 11, end: 14))
        #expect(generic.section == "HTTP Status Codes")

        let akanaOnly = try #require(try await kb.repository.code("invalid_request", vendor: "akana"))
        #expect(akanaOnly.variants.map(\.section) == ["OAuth/auz/authorize error codes", "OAuth/oauth20/token error codes"])
        #expect(akanaOnly.variants.allSatisfy { $0.httpStatus == 400 })
        #expect(try await kb.repository.code("nope_nope", vendor: nil) == nil)
    }

    @Test("listing pages through every code exactly once, in order, with filters")
    func listingPaginatesWithCursor() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        var seen: [String] = []
        var cursor: Cursor?
        repeat {
            let page = try await kb.repository.codes(filter: CodeFilter(), page: PageRequest(limit: 7, cursor: cursor))
            #expect(page.items.count <= 7)
            seen += page.items.map(\.code)
            cursor = page.next.flatMap { Cursor(token: $0.token) }
        } while cursor != nil
        // The seeds' 34 codes and the registries' 64 statuses and 49 OAuth errors overlap in 33.
        #expect(seen.count == 114)
        #expect(seen == seen.sorted())
        #expect(Set(seen).count == 114)

        let clientErrors = try await kb.repository.codes(filter: CodeFilter(httpClass: "4xx"), page: PageRequest(limit: 100))
        #expect(clientErrors.items.allSatisfy { $0.code.hasPrefix("4") })
        #expect(clientErrors.items.count == 29)
        let akanaOAuth = try await kb.repository.codes(
            filter: CodeFilter(kind: .oauth, vendor: "akana"), page: PageRequest(limit: 100))
        #expect(akanaOAuth.items.map(\.code) == [
            "invalid_client", "invalid_grant", "invalid_request", "invalid_scope", "server_error",
            "unauthorized_client", "unsupported_grant_type", "unsupported_response_type",
        ])
        let fromRFC = try await kb.repository.codes(
            filter: CodeFilter(document: "004_b512ad6ac7877b98.txt"), page: PageRequest(limit: 100))
        #expect(fromRFC.items.map(\.code) == ["400", "401", "403", "404", "405", "406", "415", "500"])

        let facets = try await kb.repository.facets(filter: CodeFilter())
        #expect(facets.byClass["4xx"] == 29)
        #expect(facets.byKind["oauth"] == 50)
        #expect(facets.byVendor["rfc7231"] == 8)
        #expect(facets.byDocument["004_b512ad6ac7877b98.txt"] == 8)
    }

    @Test("search ranks a code's own title above passing mentions, and highlights the match")
    func searchRanksAndHighlights() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let hits = try await kb.repository.search(
            "gateway", filter: CodeFilter(), page: PageRequest(limit: 10), highlight: .brackets)
        #expect(hits.items.first.map { ["502", "504"].contains($0.code) } == true)
        #expect(hits.items.allSatisfy { $0.snippet.contains("[") && $0.snippet.contains("]") })

        let filtered = try await kb.repository.search(
            "authorization", filter: CodeFilter(kind: .oauth, vendor: "akana"), page: PageRequest(limit: 50), highlight: .html)
        #expect(!filtered.items.isEmpty)
        #expect(filtered.items.allSatisfy { $0.vendor == "akana" && $0.kind == .oauth })
        #expect(filtered.items.allSatisfy { $0.snippet.contains("<mark>") })
    }

    @Test("words match by stem; a word ending in * matches as a prefix")
    func stemsAndPrefixes() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        func codes(_ text: String) async throws -> Set<String> {
            Set(try await kb.repository.search(text, filter: CodeFilter(), page: PageRequest(limit: 100), highlight: .brackets).items.map(\.code))
        }
        #expect(try await codes("gatew").isEmpty)
        #expect(try await codes("gatew*") == ["502", "504"])
        #expect(try await codes("gateways") == ["502", "504"])
        #expect(try await codes("revoke").contains("invalid_grant"))
        // A prefix search finds its page's snippets by another plan (see search()): each hit
        // still has one, with the matched word marked.
        let prefixed = try await kb.repository.search("gatew* timeout", filter: CodeFilter(), page: PageRequest(limit: 100), highlight: .brackets).items
        #expect(!prefixed.isEmpty)
        #expect(prefixed.allSatisfy { $0.snippet.lowercased().contains("[gateway") })
    }

    @Test("search pages never repeat a hit", arguments: [1, 3, 10])
    func searchPagination(limit: Int) async throws {
        let kb = try await TestKnowledgeBase.seeded()
        var seen: [Int64] = []
        var cursor: Cursor?
        repeat {
            let page = try await kb.repository.search(
                "request", filter: CodeFilter(), page: PageRequest(limit: limit, cursor: cursor), highlight: .brackets)
            seen += page.items.map(\.variantID)
            cursor = page.next
        } while cursor != nil
        #expect(seen.count > 20)
        #expect(Set(seen).count == seen.count)
    }

    @Test("search text is never parsed as FTS or SQL syntax",
        arguments: ["\"", "NEAR(", "*", "'; DROP TABLE variant; --", "token AND", "a\" OR \"b", "(", "^x", "-", "é"])
    func hostileSearchTextIsSafe(text: String) async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let hits = try await kb.repository.search(text, filter: CodeFilter(), page: PageRequest(), highlight: .brackets)
        if SearchQuery(text) == nil { #expect(hits.items.isEmpty) }
        #expect(try await kb.repository.code("404", vendor: nil)?.variants.count == 6)
    }

    @Test("blank search text is refused; text with no word matches nothing")
    func blankAndWordlessSearchText() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        for blank in ["", " ", "\t\n", "\u{A0}\u{3000}"] {
            await #expect(throws: KnowledgeBaseError.invalid(field: "q", reason: "the search text is blank")) {
                _ = try await kb.repository.search(blank, filter: CodeFilter(), page: PageRequest(), highlight: .brackets)
            }
            await #expect(throws: KnowledgeBaseError.invalid(field: "q", reason: "the search text is blank")) {
                _ = try await kb.repository.codes(filter: CodeFilter(text: blank), page: PageRequest())
            }
        }
        for wordless in ["!!!", "\u{1C}", "×"] {
            #expect(try await kb.repository.search(wordless, filter: CodeFilter(), page: PageRequest(), highlight: .brackets).items.isEmpty)
            #expect(try await kb.repository.codes(filter: CodeFilter(text: wordless), page: PageRequest()).items.isEmpty)
        }
        #expect(try await kb.repository.codes(filter: CodeFilter(text: "gateway"), page: PageRequest()).items.isEmpty == false)
    }

    @Test("vendors and documents carry their counts")
    func vendorsAndDocuments() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let vendors = try await kb.repository.vendors()
        #expect(vendors.map(\.vendor.slug) == ["akana", "generic", "iana", "oauth-specs", "rfc2616", "rfc7231"])
        #expect(vendors.first { $0.vendor.slug == "iana" }?.vendor.kind == .registry)
        let generic = try #require(try await kb.repository.vendor("generic"))
        #expect(generic.documentCount == 2)
        #expect(generic.variantCount == 47)
        let documents = try await kb.repository.documents(vendor: nil)
        #expect(documents.map(\.variantCount) == [25, 24, 8, 23, 8, 64, 32, 50])
        #expect(documents.allSatisfy { $0.sha256.count == 64 })
        let first = try #require(documents.first)
        #expect(try await kb.repository.document(id: first.id) == first)
        #expect(try await kb.repository.document(named: first.fileName) == first)
    }

    @Test("the same data always exports the same bytes")
    func exportIsStable() async throws {
        let first = try await TestKnowledgeBase.seeded()
        let second = try await TestKnowledgeBase.seeded()
        let a = try await first.exportJSON()
        let b = try await second.exportJSON()
        // imported_at differs between the two; everything else must be identical.
        func withoutTimes(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"imported_at\"") }.joined(separator: "\n")
        }
        #expect(withoutTimes(a) == withoutTimes(b))
        #expect(try await first.exportJSON() == a)
        let export = try await first.repository.export()
        #expect(export.codes.count == 114)
        // The seeds' 88, IANA's 64 + 50 rows, and the 32 prescribed statuses.
        let variants: Int = export.codes.reduce(0) { $0 + $1.variants.count }
        #expect(variants == 234)
        #expect(export.vendors.count == 6)
        #expect(export.documents.count == 8)
    }
}
