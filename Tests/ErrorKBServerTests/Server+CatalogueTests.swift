import ErrorKBCore
import ErrorKBStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Server: vendors, documents and operations")
struct CatalogueRouteTests {
    @Test("vendors and documents with their counts")
    func vendorsAndDocuments() async throws {
        try await withServer { _, client in
            let vendors = try await client.get("/v1/vendors").object["items"] as? [[String: Any]]
            #expect(vendors?.compactMap { $0["slug"] as? String } == ["akana", "generic", "iana", "oauth-specs", "rfc2616", "rfc7231"])
            #expect(vendors?.first { $0["slug"] as? String == "iana" }?["kind"] as? String == "registry")
            let generic = try await client.get("/v1/vendors/generic").object
            #expect((generic["documents"] as? [Any])?.count == 2)
            #expect((generic["vendor"] as? [String: Any])?["variant_count"] as? Int == 47)
            #expect(try await client.get("/v1/vendors/nobody").status == .notFound)

            let documents = try #require(try await client.get("/v1/documents").object["items"] as? [[String: Any]])
            #expect(documents.count == 8)
            let id = try #require(documents.first?["id"] as? Int)
            let one = try await client.get("/v1/documents/\(id)").object
            #expect(one["file_name"] as? String == "000_a66a2b6a826d23c4.txt")
            #expect(one["variant_count"] as? Int == 25)
            #expect(try await client.get("/v1/documents/999999").status == .notFound)
            let filtered = try await client.get("/v1/documents?vendor=rfc7231").object["items"] as? [Any]
            #expect(filtered?.count == 1)
        }
    }

    @Test("/healthz reports the schema version; /metrics counts requests by route and status")
    func operations() async throws {
        try await withServer { _, client in
            let health = try await client.get("/healthz").object
            #expect(health["status"] as? String == "ok")
            #expect(health["schema_version"] as? Int == (try SchemaMigrations.all()).count)
            #expect(health["codes"] as? Int == 114)

            _ = try await client.get("/v1/codes/404")
            _ = try await client.get("/v1/codes/nope")
            let metrics = String(buffer: try await client.get("/metrics").body)
            #expect(metrics.contains(#"errorkb_http_requests_total{route="/v1/codes/{code}",method="GET",status="200"} 1"#))
            #expect(metrics.contains(#"errorkb_http_requests_total{route="/v1/codes/{code}",method="GET",status="404"} 1"#))
            #expect(metrics.contains("errorkb_http_request_duration_seconds_bucket"))
        }
    }
}
