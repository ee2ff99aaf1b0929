import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Testing

@testable import ErrorKBStore

/// The store is the file's one owner: what it opens it closes, with the log copied back. The
/// emptied log and its index stay beside the file, for readers that may not create them.
@Suite("Storage: one store opens and closes the file")
struct StoreLifecycleTests {
    @Test("closing waits for the checkpoints and leaves the file whole, its log kept but empty; later calls fail")
    func closeLeavesAnEmptyLog() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let (store, path) = (kb.repository, kb.path)
        // Past the checkpoint threshold, so a background checkpoint is asked for.
        for index in 0..<200 { try await store.createCode("e\(index)", kind: .other, actor: "test") }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        _ = try store.changeVersion()
        try store.close()
        #expect(Self.size(path + "-wal") == 0)
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        await #expect(throws: (any Error).self) { try await store.code("404", vendor: nil) }
        #expect(throws: KnowledgeBaseError.self) { try store.changeVersion() }
        try store.close()  // a second close does nothing more

        let reopened = try KnowledgeBaseStore.openReadOnly(at: path)
        defer { try? reopened.close() }
        #expect(try await reopened.code("e199", vendor: nil) != nil)
        #expect(try await reopened.code("404", vendor: nil)?.variants.count == 6)
    }

    @Test("a store released without close still copies the log back and empties it")
    func releaseLeavesAnEmptyLog() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kb.sqlite")
        try await Self.writeAndRelease(at: path)
        #expect(Self.size(path + "-wal") == 0)
        let reopened = try KnowledgeBaseStore.openReadOnly(at: path)
        defer { try? reopened.close() }
        #expect(try await reopened.code("e4999", vendor: nil) != nil)
    }

    /// The file's size; nil when there is none.
    private static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    /// An import past the checkpoint threshold, then the search index merged, as a bulk load
    /// does, by a store that is dropped rather than closed.
    private static func writeAndRelease(at path: String) async throws {
        let store = try KnowledgeBaseStore.open(at: path)
        let entries = (0..<5_000).map { index in
            ImportedEntry(
                code: "e\(index)", kind: .other,
                content: VariantContent(title: "Error \(index)", description: "Something \(index) went wrong upstream."),
                lines: LineRange(start: index + 1, end: index + 1))
        }
        let document = DocumentImport(
            fileName: "big.md", vendor: Vendor(slug: "acme", name: "Acme", kind: .vendor), title: nil,
            sha256: String(repeating: "0", count: 64), lineCount: 5_000, entries: entries)
        _ = try await store.importDocuments([document], options: ImportOptions(), actor: "test")
        _ = try await store.optimizeSearchIndex()
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a reading store's change version moves when another store commits, and only then")
    func changeVersionSeesOtherStores() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let reader = try KnowledgeBaseStore.openReadOnly(at: kb.path)
        defer { try? reader.close() }
        let first = try reader.changeVersion()
        #expect(try reader.changeVersion() == first)
        try await kb.repository.createCode("e1", kind: .other, actor: "test")
        let second = try reader.changeVersion()
        #expect(second != first)
        #expect(try reader.changeVersion() == second)
        #expect(reader.isReadOnly && !kb.repository.isReadOnly)
    }
}
