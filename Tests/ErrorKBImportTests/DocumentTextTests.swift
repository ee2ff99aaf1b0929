import ErrorKBCore
import ErrorKBImport
import ErrorKBStore
import ErrorKBTestSupport
import Testing

@Suite("Document text")
struct DocumentTextTests {
    private static func page(_ title: String) -> [UInt8] {
        Array("# Acme errors\r\n\r\n## 404 \(title)\r\n\r\nThe resource does not exist.\r\n".utf8)
    }

    @Test("an import keeps each document's lines, numbered as its variants' line ranges")
    func importKeepsLines() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        for document in try await kb.repository.documents(vendor: nil) {
            let text = try #require(try await kb.repository.documentText(id: document.id))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == document.lineCount, "\(document.fileName)")
        }
        // The generic guide's 401 stands on the lines that name it.
        let unauthorized = try #require(try await kb.repository.code("401", vendor: "generic"))
        let variant = try #require(unauthorized.variants.first)
        let documentID = try #require(variant.documentID)
        let range = try #require(variant.lines)
        let lines = try #require(try await kb.repository.documentText(id: documentID)).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[(range.start - 1)..<range.end].joined(separator: "\n").contains("401"))
    }

    @Test("a new version's text replaces the old on the page, and a revert brings the old text back")
    func versionsAndRevert() async throws {
        let kb = try TestKnowledgeBase.empty()
        let first = try await kb.importer.prepare(name: "acme.md", bytes: Self.page("Not Found"), vendor: "acme", manifest: nil)
        _ = try await kb.importer.write([first], options: ImportOptions(), actor: "test")
        let id = try #require(try await kb.repository.document(named: "acme.md")).id
        #expect(try await kb.repository.documentText(id: id)?.contains("404 Not Found") == true)
        // CRLF line ends are read as lines; the text keeps none of them.
        #expect(try await kb.repository.documentText(id: id)?.contains("\r") == false)

        let second = try await kb.importer.prepare(name: "acme.md", bytes: Self.page("Missing"), vendor: "acme", manifest: nil)
        _ = try await kb.importer.write([second], options: ImportOptions(), actor: "test")
        #expect(try await kb.repository.documentText(id: id)?.contains("404 Missing") == true)

        let latest = try #require(try await kb.repository.revisions(code: nil, page: PageRequest(limit: 1)).items.first)
        _ = try await kb.repository.revert(revision: latest.id, actor: "test")
        #expect(try await kb.repository.documentText(id: id)?.contains("404 Not Found") == true)
    }
}
