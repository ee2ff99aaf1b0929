import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import ErrorKBServer

@Suite("Server: OpenAPI")
struct OpenAPITests {
    @Test("every route the router has is in /openapi.json, and nothing else is")
    func everyRouteIsDescribed() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let router = buildRouter(repository: kb.repository, options: ServerOptions(databasePath: kb.path), registry: PrometheusCollectorRegistry())
        let routed = Set(router.routes.filter { $0.method == .get }.map { "\($0.path)" })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(routed == Set(paths.keys))
        #expect(routed.count == APIRoutes.all.count)
    }

    @Test("sample answers of every route, and their problems, validate against the schemas served")
    func samplesValidate() async throws {
        try await withServer { kb, client in
            let openAPI = try await client.get("/openapi.json").json
            let validator = SchemaValidator(openAPI: openAPI)
            let document = try #require(try await kb.repository.documents(vendor: nil).first)
            let samples: [(String, String)] = [
                ("/v1/codes?limit=5", "CodeList"), ("/v1/codes/404", "Code"), ("/v1/codes/invalid_grant", "Code"),
                ("/v1/codes/404/history", "RevisionList"), ("/v1/vendors", "VendorList"), ("/v1/vendors/akana", "VendorDetail"),
                ("/v1/documents", "DocumentList"), ("/v1/documents/\(document.id)", "Document"), ("/v1/search?q=token", "SearchResults"),
                ("/healthz", "Health"), ("/v1/codes/999", "Problem"), ("/v1/codes?limit=0", "Problem"), ("/v1/search", "Problem"),
            ]
            // The validator itself must be able to say no.
            #expect(!validator.violations(of: ["code": 404, "extra": true], against: ["$ref": "#/components/schemas/Code"]).isEmpty)
            for (uri, schema) in samples {
                let response = try await client.get(uri)
                let problems = validator.violations(of: try response.json, against: ["$ref": "#/components/schemas/\(schema)"])
                #expect(problems.isEmpty, "\(uri): \(problems)")
            }
        }
    }
}
