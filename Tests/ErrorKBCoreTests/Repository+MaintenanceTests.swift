import ErrorKBCore
import ErrorKBTestSupport
import Testing

/// Merging the search index must change how fast searches are, never what they find.
@Suite("Repository: search index maintenance")
struct MaintenanceTests {
    @Test("optimize leaves one segment and the same hits, snippets, ranks, text and history")
    func optimizeChangesNothingButSegments() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        // Every write transaction adds a segment of its own.
        let id = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first?.id)
        for round in 0..<6 {
            _ = try await kb.repository.editVariant(id: id, actor: "test", action: "variant.update") { $0.title = "Missing resource \(round)" }
        }
        let queries = ["token", "expired token", "resource", "gatew*", "invalid grant", "missing", "server error"]
        func results() async throws -> [[SearchHit]] {
            var all: [[SearchHit]] = []
            for query in queries {
                all.append(try await kb.repository.search(query, filter: CodeFilter(), page: PageRequest(limit: 50), highlight: .brackets).items)
            }
            return all
        }
        let before = try await results()
        let export = try await kb.exportJSON()
        let revisions = try await kb.repository.revisions(code: nil, page: PageRequest(limit: 500)).items.count
        let segments = try await kb.repository.searchIndexSegments()
        #expect(segments > 1)

        let merged = try await kb.repository.optimizeSearchIndex()
        #expect(merged == SearchIndexOptimization(segmentsBefore: segments, segmentsAfter: 1))
        #expect(try await kb.repository.searchIndexSegments() == 1)
        #expect(try await results() == before)
        #expect(before.allSatisfy { !$0.isEmpty })
        #expect(try await kb.exportJSON() == export)
        #expect(try await kb.repository.revisions(code: nil, page: PageRequest(limit: 500)).items.count == revisions)
        #expect(try kb.searchIndexProblem() == nil)

        // Later writes are indexed as before.
        _ = try await kb.repository.editVariant(id: id, actor: "test", action: "variant.update") { $0.title = "Quokka" }
        #expect(try await kb.repository.search("quokka", filter: CodeFilter(), page: PageRequest(limit: 5), highlight: .brackets).items.map(\.variantID) == [id])
        #expect(try kb.searchIndexProblem() == nil)
    }

    @Test("single edits keep the index at a few segments and searchable")
    func editsKeepTheIndexSmall() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        _ = try await kb.repository.optimizeSearchIndex()
        let id = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first?.id)
        // Each edit writes two statements to the index (take the variant out, put it back), each
        // a segment of its own; FTS5's merge takes a level once it holds four. Without the merge
        // at the end of every write, 20 edits through the triggers left 12 to 16.
        var most = 0
        for round in 0..<20 {
            _ = try await kb.repository.editVariant(id: id, actor: "test", action: "variant.update") {
                $0.title = "Quokka \(round)"
                $0.causes.append("Wallaby number \(round).")
            }
            most = max(most, try await kb.repository.searchIndexSegments())
        }
        #expect(most <= 5)
        for word in ["quokka", "wallaby"] {
            let found = try await kb.repository.search(word, filter: CodeFilter(), page: PageRequest(limit: 5), highlight: .brackets)
            #expect(found.items.map(\.variantID) == [id])
        }
        #expect(try await kb.repository.code("404", vendor: "akana")?.variants.first?.title == "Quokka 19")
        #expect(try kb.searchIndexProblem() == nil)
    }
}
