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
    @Test("every API route the router has is in /openapi.json, and nothing else is; the rest are the pages")
    func everyRouteIsDescribed() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let router = buildRouter(knowledgeBase: kb.repository, stages: RouterStage.stages(for: ServerOptions(databasePath: kb.path)), registry: PrometheusCollectorRegistry(), pages: try PageTemplates())
        let all = Set(router.routes.filter { $0.method == .get }.map { "\($0.path)" })
        let pages = Set(PagePath.allCases.map(\.pattern))
        #expect(pages.isSubset(of: all))
        let routed = all.subtracting(pages)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(routed == Set(paths.keys))
        #expect(routed.count == APIPath.allCases.count)
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
                ("/v1/codes/104", "Code"), ("/v1/codes/invalid_client", "Code"), ("/v1/codes/503", "Code"), ("/v1/codes/slow_down", "Code"),
                ("/v1/lookup?q=Not%20Found", "Lookup"), ("/v1/lookup", "Problem"), ("/v1/divergences", "DivergenceList"),
                ("/v1/divergences?vendor=akana&kind=title", "DivergenceList"), ("/v1/guidance/retry", "RetryGuidanceList"),
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

    @Test("the server accepts exactly the query values the document allows",
        arguments: [
            ("/v1/search", "q", "token", true), ("/v1/search", "q", "!!!", true), ("/v1/search", "q", "\u{D7}\u{F8}\u{9B}", true),
            ("/v1/search", "q", "\u{1C}", true), ("/v1/search", "q", String(repeating: "\u{E9} ", count: 300), true),
            ("/v1/search", "q", "   ", false),
            ("/v1/search", "q", "\u{A0}\u{3000}\t", false), ("/v1/search", "q", "", false), ("/v1/codes", "q", "", true),
            ("/v1/codes", "q", " \u{3000}", true), ("/v1/codes", "q", "!!!", true),
            ("/v1/codes", "vendor", "akana", true), ("/v1/codes", "vendor", String(repeating: "a", count: 64), true),
            ("/v1/codes", "vendor", String(repeating: "a", count: 65), false), ("/v1/codes", "vendor", "Akana", false),
            ("/v1/codes", "vendor", "-akana", false), ("/v1/codes", "vendor", "akana\n", false),
            ("/v1/codes", "document", String(repeating: "\u{FC}", count: 255), true),
            ("/v1/codes", "document", String(repeating: "\u{FC}", count: 256), false),
            ("/v1/codes", "limit", "1", true), ("/v1/codes", "limit", "500", true), ("/v1/codes", "limit", "501", false),
            ("/v1/codes", "limit", "0", false), ("/v1/codes", "limit", "1.5", false),
            ("/v1/codes", "class", "4xx", true), ("/v1/codes", "class", "4XX", false), ("/v1/codes", "kind", "oauth", true),
        ])
    func queryValuesMatchTheDocument(path: String, name: String, value: String, allowed: Bool) async throws {
        try await withServer { _, client in
            let openAPI = try await client.get("/openapi.json").object
            let paths = try #require(openAPI["paths"] as? [String: Any])
            let operation = try #require((paths[path] as? [String: Any])?["get"] as? [String: Any])
            let parameters = try #require(operation["parameters"] as? [[String: Any]])
            let schema = try #require(parameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any])
            let typed: Any = schema["type"] as? String == "integer" ? (Int(value).map { $0 as Any } ?? value) : value
            let documented = SchemaValidator(openAPI: openAPI).violations(of: typed, against: schema).isEmpty
            #expect(documented == allowed, "the document on \(name)=\(value.debugDescription)")

            let encoded = try #require(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let extra = path == "/v1/search" && name != "q" ? "q=token&" : ""
            let response = try await client.get("\(path)?\(extra)\(name)=\(encoded)")
            #expect(response.status == (allowed ? .ok : .badRequest), "the server on \(name)=\(value.debugDescription)")
        }
    }
}
