import ErrorKBCore
import ErrorKBStore
import ErrorKBTestSupport
import Foundation
import Testing

@testable import ErrorKBCLI

/// Each command's work as the plain function its `run()` calls, in process, on a real
/// knowledge base file; the end-to-end tests run the binary for parsing, output and exit codes.
@Suite("errorkb: each command's work, in process")
struct CommandWorkTests {
    @Test("list gathers up to --limit codes in code order, across as many pages as that takes")
    func listPagesThrough() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        for index in 0..<(PageRequest.maximumLimit + 20) {
            try await kb.repository.createCode("e\(String(format: "%04d", index))", kind: .other, actor: "test")
        }
        let all = try await ListCommand.codes(in: kb.repository, filter: CodeFilter(), limit: .max)
        #expect(all.count == 114 + PageRequest.maximumLimit + 20)
        #expect(all.map(\.code) == all.map(\.code).sorted())
        let some = try await ListCommand.codes(in: kb.repository, filter: CodeFilter(), limit: PageRequest.maximumLimit + 3)
        #expect(some.map(\.code) == Array(all.prefix(PageRequest.maximumLimit + 3)).map(\.code))
        let client = try await ListCommand.codes(in: kb.repository, filter: CodeFilter(httpClass: "4xx"), limit: .max)
        #expect(!client.isEmpty && client.allSatisfy { $0.httpClass == "4xx" })
    }

    @Test("history of a code that never was is refused as unknown; of a known one, only its revisions")
    func historyOfOneCode() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        await #expect(throws: KnowledgeBaseError.unknownCode("499")) {
            try await HistoryCommand.revisions(in: kb.repository, code: "499", limit: 10)
        }
        try await kb.repository.createCode("499", kind: .http, actor: "ana")
        let revisions = try await HistoryCommand.revisions(in: kb.repository, code: "499", limit: 10)
        #expect(revisions.map(\.action) == ["code.create"])
        #expect(revisions.first?.actor == "ana")
    }

    @Test("init seeds a new knowledge base once; a second time it writes nothing")
    func initSeedsOnce() async throws {
        let kb = try TestKnowledgeBase.empty()
        let reports = try #require(try await InitCommand.seed(kb.repository, actor: "test"))
        // The seed pages' 88 variants, IANA's 64 + 50 registry rows, the 32 prescribed statuses.
        let added: Int = reports.map { $0.outcome.added.count }.reduce(0, +)
        #expect(added == 234)
        #expect(try await kb.repository.retryGuidance(code: nil).count == 19)
        let export = try await kb.exportJSON()
        #expect(try await InitCommand.seed(kb.repository, actor: "test") == nil)
        #expect(try await kb.exportJSON() == export)
    }

    @Test("set changes the fields given and removes those flagged, as one revision")
    func setFields() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let selection = try VariantSelection.parse(["--vendor", "akana"])
        var changes = SetCommand.FieldChanges()
        changes.title = "Nothing here"
        changes.noStatus = true
        let updated = try await SetCommand.apply(changes, code: "404", selection: selection, in: kb.repository, actor: "ana")
        #expect(updated.title == "Nothing here")
        #expect(updated.httpStatus == nil)
        #expect(try await kb.repository.variant(id: updated.id) == updated)
        let latest = try #require(try await kb.repository.revisions(code: "404", page: PageRequest(limit: 1)).items.first)
        #expect(latest.action == "variant.update" && latest.actor == "ana")
    }

    @Test("an item command changes one list of the chosen variant; an ambiguous choice changes nothing")
    func itemEdit() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let selection = try VariantSelection.parse(["--vendor", "akana"])
        let before = try #require(try await kb.repository.code("401", vendor: "akana")?.variants.first)
        let updated = try await editItems(
            FixList.self, code: "401", selection: selection, in: kb.repository, actor: "ana", action: "add"
        ) { $0.append("Send a fresh token.") }
        #expect(updated.fixes == before.fixes + ["Send a fresh token."])
        #expect(updated.causes == before.causes)

        let export = try await kb.exportJSON()
        let generic = try VariantSelection.parse(["--vendor", "generic"])
        await #expect(throws: KnowledgeBaseError.self) {
            try await editItems(FixList.self, code: "401", selection: generic, in: kb.repository, actor: "ana", action: "add") {
                $0.append("never written")
            }
        }
        #expect(try await kb.exportJSON() == export)
    }

    @Test("migrate applies what is pending, then says the file is at the latest schema")
    func migrateReports() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("new.sqlite")
        let store = try KnowledgeBaseStore.open(at: path, migrating: false)
        defer { try? store.close() }
        let known = try store.migrationStatus().pending
        #expect(!known.isEmpty)
        let status = try MigrateCommand.report(on: store, statusOnly: true, path: path)
        #expect(status == known.map { "pending  \($0)" } + ["schema version 0 of \(known.count)"])
        #expect(try MigrateCommand.report(on: store, statusOnly: false, path: path) == known.map { "applied  \($0)" })
        #expect(try MigrateCommand.report(on: store, statusOnly: false, path: path) == ["\(path) is already at the latest schema"])
    }

    @Test("a restore fills an empty knowledge base with exactly what was exported")
    func restoreRoundTrip() async throws {
        let source = try await TestKnowledgeBase.seeded()
        let file = source.folder.path("export.json")
        let export = try await source.exportJSON()
        try Data(export.utf8).write(to: URL(fileURLWithPath: file))
        let target = try TestKnowledgeBase.empty()
        let restored = try await ImportCommand.restore(file, into: target.repository, actor: "test")
        #expect(restored.codes.count == 114)
        #expect(try await target.exportJSON() == export)
    }
}
