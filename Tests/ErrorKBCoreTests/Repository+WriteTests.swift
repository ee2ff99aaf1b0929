import ErrorKBTestSupport
import Testing

@testable import ErrorKBCore

@Suite("Repository writes")
struct RepositoryWriteTests {
    @Test("the search index follows every write: edits, items, deletions")
    func searchIndexStaysInSync() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let variant = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first)
        #expect(try await kb.searchCodes("zanzibar").isEmpty)
        #expect(try await kb.searchCodes("didn") == ["404"])

        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "variant.update") {
            $0.description = "Gone to zanzibar."
        }
        #expect(try await kb.searchCodes("zanzibar") == ["404"])
        #expect(try await kb.searchCodes("didn").isEmpty)

        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "cause.add") {
            $0.causes.append("A quokka chewed the cable.")
        }
        #expect(try await kb.searchCodes("quokka") == ["404"])
        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "cause.remove") {
            $0.causes.removeAll()
        }
        #expect(try await kb.searchCodes("quokka").isEmpty)

        try await kb.repository.deleteVariant(id: variant.id, actor: "ana")
        #expect(try await kb.searchCodes("zanzibar").isEmpty)

        try await kb.repository.createCode("499", kind: .http, actor: "ana")
        try await kb.repository.createVendor(Vendor(slug: "rfc2324", name: "RFC 2324", kind: .standard), actor: "ana")
        _ = try await kb.repository.createVariant(
            VariantDraft(code: "499", vendor: "rfc2324", content: VariantContent(title: "I'm a teapot", description: "Short and stout.", fixes: ["Brew tea instead."])),
            actor: "ana")
        #expect(try await kb.searchCodes("stout") == ["499"])
        #expect(try await kb.searchCodes("brew") == ["499"])
    }

    @Test("every write is one revision naming its actor, with the state before and after")
    func writesAreRecorded() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let variant = try #require(try await kb.repository.code("401", vendor: "akana")?.variants.first)
        let edited = try await kb.repository.editVariant(id: variant.id, actor: "bob", action: "variant.update") {
            $0.title = "Not Logged In"
        }
        #expect(edited.title == "Not Logged In")
        #expect(edited.edited)
        let history = try await kb.repository.revisions(code: "401", page: PageRequest())
        let newest = try #require(history.items.first)
        #expect(newest.actor == "bob")
        #expect(newest.action == "variant.update")
        #expect(newest.changes.count == 1)
        #expect(newest.changes[0].before?.contains("\"Unauthorized\"") == true)
        #expect(newest.changes[0].after?.contains("\"Not Logged In\"") == true)
        // The seed import is in the code's history too.
        #expect(history.items.last?.action == "import")
        // ISO 8601 in UTC with milliseconds, so that times sort as text.
        #expect(newest.createdAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        #expect(try #require(history.items.last).createdAt <= newest.createdAt)
    }

    @Test("a refused write leaves the knowledge base exactly as it was")
    func refusedWritesChangeNothing() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let before = try await kb.exportJSON()
        let revisionsBefore = try await kb.repository.revisions(code: nil, page: PageRequest(limit: 500)).items.count
        let variant = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first)

        await #expect(throws: KnowledgeBaseError.invalid(field: "HTTP status", reason: "600 is outside 100-599")) {
            _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "variant.update") {
                $0.title = "Changed first"
                $0.httpStatus = 600
            }
        }
        await #expect(throws: KnowledgeBaseError.self) {
            _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "cause.add") {
                $0.causes.append("   ")
            }
        }
        await #expect(throws: KnowledgeBaseError.unknownVendor("nobody")) {
            _ = try await kb.repository.createVariant(
                VariantDraft(code: "404", vendor: "nobody", content: VariantContent(description: "x")), actor: "ana")
        }
        await #expect(throws: KnowledgeBaseError.unknownCode("999")) {
            _ = try await kb.repository.createVariant(
                VariantDraft(code: "999", vendor: "akana", content: VariantContent(description: "x")), actor: "ana")
        }
        await #expect(throws: KnowledgeBaseError.self) { try await kb.repository.createCode("abc", kind: .http, actor: "ana") }
        await #expect(throws: KnowledgeBaseError.self) { try await kb.repository.createCode("404", kind: .http, actor: "ana") }
        await #expect(throws: KnowledgeBaseError.self) {
            try await kb.repository.createVendor(Vendor(slug: "Not A Slug", name: "x", kind: .vendor), actor: "ana")
        }
        await #expect(throws: KnowledgeBaseError.self) { try await kb.repository.deleteVendor("akana", actor: "ana") }
        await #expect(throws: KnowledgeBaseError.self) { try await kb.repository.createCode("499", kind: .http, actor: " ") }

        #expect(try await kb.exportJSON() == before)
        #expect(try await kb.repository.revisions(code: nil, page: PageRequest(limit: 500)).items.count == revisionsBefore)
    }

    @Test("reverting edits gives back the exact export, and a revert is itself a revision")
    func revertRestoresExactly() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let before = try await kb.exportJSON()
        let variant = try #require(try await kb.repository.code("403", vendor: "generic")?.variants.first)
        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "fix.add") {
            $0.fixes.insert("Ask an administrator.", at: 0)
            $0.httpStatus = 401
        }
        let edit = try #require(try await kb.repository.revisions(code: "403", page: PageRequest(limit: 1)).items.first)
        try await kb.repository.deleteCode("415", actor: "ana")
        let deletion = try #require(try await kb.repository.revisions(code: "415", page: PageRequest(limit: 1)).items.first)
        #expect(try await kb.exportJSON() != before)

        let undoDelete = try await kb.repository.revert(revision: deletion.id, actor: "ana")
        #expect(undoDelete.reverts == deletion.id)
        _ = try await kb.repository.revert(revision: edit.id, actor: "ana")
        #expect(try await kb.exportJSON() == before)
        #expect(try await kb.repository.code("415", vendor: nil)?.variants.count == 4)
    }

    @Test("a revert over a later change of the same entity is refused")
    func revertRefusesToLoseLaterEdits() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let variant = try #require(try await kb.repository.code("500", vendor: "akana")?.variants.first)
        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "variant.update") { $0.title = "One" }
        let first = try #require(try await kb.repository.revisions(code: "500", page: PageRequest(limit: 1)).items.first)
        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "variant.update") { $0.title = "Two" }
        await #expect(throws: KnowledgeBaseError.self) { _ = try await kb.repository.revert(revision: first.id, actor: "ana") }
        #expect(try await kb.repository.variant(id: variant.id)?.title == "Two")
    }

    @Test("reverting an import removes what it added")
    func revertingAnImport() async throws {
        let kb = try TestKnowledgeBase.empty()
        let emptyExport = try await kb.exportJSON()
        _ = try await kb.importer.importBundledSeeds(actor: "ana")
        let revision = try #require(try await kb.repository.revisions(code: nil, page: PageRequest(limit: 1)).items.first)
        _ = try await kb.repository.revert(revision: revision.id, actor: "ana")
        #expect(try await kb.exportJSON() == emptyExport)
    }
}
