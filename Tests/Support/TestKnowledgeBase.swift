import ErrorKBCore
import ErrorKBImport
import ErrorKBStore
import Foundation

/// A knowledge base in a real SQLite file in its own temporary folder.
public struct TestKnowledgeBase: Sendable {
    public let folder: TemporaryFolder
    public let path: String
    public let repository: KnowledgeBaseStore

    /// An empty, migrated knowledge base.
    public static func empty() throws -> TestKnowledgeBase {
        let folder = try TemporaryFolder()
        let path = folder.path("kb.sqlite")
        return TestKnowledgeBase(folder: folder, path: path, repository: try KnowledgeBaseStore.open(at: path))
    }

    /// A knowledge base filled from Seeds/: the five seed pages, the registries and the retry guidance.
    public static func seeded() async throws -> TestKnowledgeBase {
        let kb = try empty()
        _ = try await DocumentImporter(knowledgeBase: kb.repository).importBundledSeeds(actor: "test")
        return kb
    }

    public var importer: DocumentImporter { DocumentImporter(knowledgeBase: repository) }

    /// The export as the CLI prints it, for byte-for-byte comparisons.
    public func exportJSON() async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(try await repository.export()), as: UTF8.self)
    }

    /// The codes a search for `text` finds, best first.
    public func searchCodes(_ text: String, limit: Int = 100) async throws -> [String] {
        try await repository.search(text, filter: CodeFilter(), page: PageRequest(limit: limit), highlight: .brackets)
            .items.map(\.code)
    }

    /// What is wrong with the search index (``SearchIndexCheck``), or nil when nothing is.
    public func searchIndexProblem() throws -> String? {
        try SearchIndexCheck.problem(at: path)
    }
}
