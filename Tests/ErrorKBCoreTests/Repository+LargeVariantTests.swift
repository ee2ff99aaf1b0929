import ErrorKBTestSupport
import Foundation
import Testing

@testable import ErrorKBCore

/// A variant with 10,000 causes, edited and reverted: the search index must stay exact, and each
/// write must cost about what it changes (the per-item triggers made them quadratic: 52 s for
/// one cause added at 8,000). Times are printed, not asserted; BENCHMARKS.md has the figures.
@Suite("Repository: edits of a variant with 10,000 items")
struct LargeVariantTests {
    @Test("adding, removing, replacing and reverting items of a 10,000-cause variant keeps the index exact")
    func largeVariantEdits() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let causes = (0..<10_000).map { "Cause number \($0) of the flood." }
        try await kb.repository.createCode("E_WATER", kind: .other, actor: "ana")
        let variant = try await kb.repository.createVariant(
            VariantDraft(code: "E_WATER", vendor: "generic", content: VariantContent(description: "Too many causes.", causes: causes)),
            actor: "ana")
        let clock = ContinuousClock()
        var timings: [String] = []
        func timed(_ step: String, _ body: () async throws -> Void) async throws {
            let start = clock.now
            try await body()
            timings.append("\(step) \(clock.now - start)")
            #expect(try kb.searchIndexProblem() == nil, "\(step)")
        }

        try await timed("cause add --at 1") {
            _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "cause.add") {
                $0.causes.insert("A platypus in the pipes.", at: 0)
            }
        }
        #expect(try await kb.searchCodes("platypus") == ["E_WATER"])
        try await timed("cause rm 5000") {
            _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "cause.remove") {
                $0.causes.remove(at: 5_000)
            }
        }
        try await timed("edit every cause") {
            _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "variant.edit") {
                $0.causes = $0.causes.map { $0.replacingOccurrences(of: "flood", with: "deluge") }
            }
        }
        #expect(try await kb.searchCodes("deluge") == ["E_WATER"])
        #expect(try await kb.searchCodes("flood").isEmpty)
        let latest = try #require(try await kb.repository.revisions(code: "E_WATER", page: PageRequest(limit: 1)).items.first)
        try await timed("revert the edit") {
            _ = try await kb.repository.revert(revision: latest.id, actor: "ana")
        }
        #expect(try await kb.searchCodes("flood") == ["E_WATER"])
        let reverted = try #require(try await kb.repository.code("E_WATER", vendor: nil)?.variants.first)
        #expect(reverted.causes.count == 10_000)
        #expect(reverted.causes.first == "A platypus in the pipes.")
        try await timed("variant rm") {
            try await kb.repository.deleteVariant(id: variant.id, actor: "ana")
        }
        #expect(try await kb.searchCodes("platypus").isEmpty)
        print("10,000-item variant (debug build):", timings.joined(separator: ", "))
    }
}
