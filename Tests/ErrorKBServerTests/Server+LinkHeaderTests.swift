import ErrorKBCore
import ErrorKBImport
import ErrorKBTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ErrorKBServer

/// Issue 27, finding 9: a query a client sends never becomes a link of its own.
@Suite("Server: Link headers are written, not pasted")
struct ServerLinkHeaderTests {
    @Test("the Link header is written from the decoded query, each value encoded again: a query cannot add a link")
    func linkHeaderEncodesTheQuery() async throws {
        try await withServer { kb, client in
            let name = "a>,<https:evil.example>;rel=preload;x=\".md"
            let page = "# Codes\n\n## 418 Teapot\n\nShort and stout.\n\n## 419 Other\n\nAnother.\n\n## 420 Third\n\nA third.\n"
            let prepared = try await kb.importer.prepare(name: name, bytes: Array(page.utf8), vendor: "evil", manifest: nil)
            _ = try await kb.importer.write([prepared], options: ImportOptions(), actor: "test")
            let encoded = try #require(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let first = try await client.get("/v1/codes?document=\(encoded)&limit=1")
            #expect(first.status == .ok)
            let linkField = try #require(HTTPField.Name("Link"))
            let link = try #require(first.headers[linkField])
            #expect(link.filter { $0 == "<" }.count == 1 && link.filter { $0 == ">" }.count == 1, "\(link)")
            #expect(!link.contains("evil.example>") && !link.contains("\""+".md"))
            #expect(link.hasSuffix(">; rel=\"next\""))
            // The link leads to the next page of the same list.
            let target = String(link.dropFirst().prefix { $0 != ">" })
            let second = try await client.get(target).object
            #expect((second["items"] as? [[String: Any]])?.first?["code"] as? String == "419")
        }
    }
}
