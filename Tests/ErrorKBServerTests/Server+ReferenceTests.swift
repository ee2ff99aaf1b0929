import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ErrorKBServer

@Suite("Server: registries, retry guidance, divergences, lookup")
struct ReferenceRouteTests {
    @Test("451 has IANA's name, its RFC and a link; 104 is temporary and expired; both cite the registry's line")
    func registrations() async throws {
        try await withServer { _, client in
            let legal = try await client.get("/v1/codes/451").object
            let registration = try #require((legal["registrations"] as? [[String: Any]])?.first)
            #expect(registration["name"] as? String == "Unavailable For Legal Reasons")
            #expect(registration["status"] as? String == "permanent")
            let reference = try #require((registration["references"] as? [[String: Any]])?.first)
            #expect(reference["document"] as? String == "RFC 7725")
            #expect(reference["url"] as? String == "https://www.rfc-editor.org/rfc/rfc7725.html")
            let source = try #require(registration["source"] as? [String: Any])
            #expect(source["document"] as? String == "http-status-codes-1.csv")
            #expect(source["line"] as? Int == 62)
            #expect(source["registry_as_of"] as? String == "2026-12-01")

            let early = try #require((try await client.get("/v1/codes/104").object["registrations"] as? [[String: Any]])?.first)
            #expect(early["status"] as? String == "temporary")
            #expect(early["registered"] as? String == "2024-11-13")
            #expect(early["extended"] as? String == "2025-09-15")
            #expect(early["expires"] as? String == "2026-11-13")
            #expect(early["expired"] as? Bool == (CalendarDay.today() > "2026-11-13"))

            let unused = try #require((try await client.get("/v1/codes/306").object["registrations"] as? [[String: Any]])?.first)
            #expect(unused["status"] as? String == "unused")
            let obsoleted = try #require((try await client.get("/v1/codes/510").object["registrations"] as? [[String: Any]])?.first)
            #expect(obsoleted["status"] as? String == "obsoleted")
            #expect((obsoleted["references"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test("invalid_client: 400, or 401 (MAY), and 401 with WWW-Authenticate (MUST) after Authorization, quoting RFC 6749 §5.2")
    func prescriptions() async throws {
        try await withServer { _, client in
            let body = try await client.get("/v1/codes/invalid_client").object
            let prescriptions = try #require(body["prescriptions"] as? [[String: Any]])
            #expect(prescriptions.compactMap { $0["http_status"] as? Int } == [400, 401, 401])
            #expect(prescriptions.compactMap { $0["requirement"] as? String } == ["default", "MAY", "MUST"])
            let must = try #require(prescriptions.last)
            #expect((must["quote"] as? String)?.contains("\"WWW-Authenticate\"") == true)
            #expect((must["quote"] as? String)?.contains("\"Authorization\" request header field") == true)
            #expect(((must["references"] as? [[String: Any]])?.first)?["url"] as? String == "https://www.rfc-editor.org/rfc/rfc6749.html#section-5.2")
            let registration = try #require((body["registrations"] as? [[String: Any]])?.first)
            #expect(registration["usage_locations"] as? [String] == ["token endpoint", "authorization endpoint"])
        }
    }

    @Test("404 lists Akana's title as a divergence; the list of all filters by vendor and kind")
    func divergences() async throws {
        try await withServer { _, client in
            let divergences = try #require(try await client.get("/v1/codes/404").object["divergences"] as? [[String: Any]])
            #expect(divergences.count == 1)
            #expect(divergences.first?["vendor"] as? String == "akana")
            #expect(divergences.first?["says"] as? String == "Resource not found")
            #expect(divergences.first?["expected"] as? String == "Not Found")
            #expect(divergences.first?["against"] as? String == "registry")
            // Narrowed to a vendor that agrees, the code has no divergence left.
            #expect((try await client.get("/v1/codes/404?vendor=rfc7231").object["divergences"] as? [Any])?.isEmpty == true)

            let whole = try await client.get("/v1/divergences?limit=500").object
            #expect(whole["next"] == nil)
            let all = try #require(whole["items"] as? [[String: Any]])
            #expect(all.contains { $0["code"] as? String == "422" && $0["says"] as? String == "Unprocessable Entity" })
            #expect(all.contains { $0["code"] as? String == "unsupported_grant_type" && $0["kind"] as? String == "usage_location" })
            // Pages of 7 codes each, followed by their cursors, hold the same divergences in order.
            var paged: [[String: Any]] = []
            var uri = "/v1/divergences?limit=7"
            var pages = 0
            while true {
                let page = try await client.get(uri).object
                paged += try #require(page["items"] as? [[String: Any]])
                pages += 1
                guard let next = page["next"] as? String else { break }
                uri = "/v1/divergences?limit=7&cursor=\(next)"
            }
            #expect(pages > 2)
            #expect(paged.map { "\($0["code"] ?? "") \($0["variant_id"] ?? "") \($0["kind"] ?? "")" }
                == all.map { "\($0["code"] ?? "") \($0["variant_id"] ?? "") \($0["kind"] ?? "")" })
            let akana = try #require(try await client.get("/v1/divergences?vendor=akana&kind=http_status&limit=500").object["items"] as? [[String: Any]])
            #expect(!akana.isEmpty && akana.allSatisfy { $0["vendor"] as? String == "akana" && $0["kind"] as? String == "http_status" })
            #expect(try await client.get("/v1/divergences?kind=nonsense").status == .badRequest)
        }
    }

    @Test(
        "lookup answers the codes a name names, with how each matched",
        arguments: [
            ("404", "404", "code"), ("Not%20Found", "404", "title"), ("not_found", "not_found", "code"), ("NOT_FOUND", "404", "title"),
            ("invalid_grant", "invalid_grant", "code"), ("HTTP%20404", "404", "http_status"), ("Unprocessable%20Entity", "422", "title"),
            ("slow_down", "slow_down", "code"),
        ])
    func lookup(query: String, code: String, match: String) async throws {
        try await withServer { _, client in
            let body = try await client.get("/v1/lookup?q=\(query)").object
            let first = try #require((body["items"] as? [[String: Any]])?.first)
            #expect(first["code"] as? String == code)
            #expect(first["match"] as? String == match)
            #expect(first["link"] as? String == "/v1/codes/\(code)")
        }
    }

    @Test("the retry guidance exports whole, each row with its RFC sentence and where it was read")
    func retryGuidance() async throws {
        try await withServer { kb, client in
            let items = try #require(try await client.get("/v1/guidance/retry").object["items"] as? [[String: Any]])
            #expect(items.count == 19)
            let slowDown = try #require(items.first { $0["code"] as? String == "slow_down" })
            #expect(slowDown["retry"] as? String == "after_delay")
            #expect((slowDown["quote"] as? String)?.contains("MUST be increased by 5 seconds") == true)
            let revocation = try #require(items.first { $0["code"] as? String == "503" && $0["context"] as? String == "revocation endpoint" })
            #expect(revocation["reference"] as? String == "[RFC7009, Section 2.2.1]")
            #expect((revocation["read_from"] as? String)?.contains("rfc7009.txt") == true)
            #expect(items.allSatisfy { ($0["quote"] as? String)?.isEmpty == false && ($0["read_from"] as? String)?.isEmpty == false })
            // A code carries its own.
            let code = try await client.get("/v1/codes/503").object
            #expect((code["retry"] as? [Any])?.count == 2)

            // An edit shows on the next request.
            _ = try await kb.repository.setRetryGuidance(
                RetryGuidance(code: "502", retry: .yes, idempotentOnly: true, reference: "[RFC9110, Section 15.6.3]", quote: "A quote.", readFrom: "a copy"),
                actor: "test")
            let after = try #require(try await client.get("/v1/guidance/retry").object["items"] as? [[String: Any]])
            #expect(after.count == 20)
        }
    }

    @Test("--public-url makes problem types, Link headers and lookup links absolute; without it they stay relative")
    func publicURL() async throws {
        try await withServer(options: { $0.publicURL = "https://errors.example.com/" }) { _, client in
            let problem = try await client.get("/v1/codes/999").object
            #expect(problem["type"] as? String == "https://errors.example.com/v1/codes/404")
            let page = try await client.get("/v1/codes?limit=5")
            let name = try #require(HTTPFields.Element.Name("Link"))
            let link = try #require(page.headers[name])
            #expect(link.hasPrefix("<https://errors.example.com/v1/codes?limit=5&cursor="))
            let lookup = try #require((try await client.get("/v1/lookup?q=404").object["items"] as? [[String: Any]])?.first)
            #expect(lookup["link"] as? String == "https://errors.example.com/v1/codes/404")
        }
        try await withServer { _, client in
            let problem = try await client.get("/v1/codes/999").object
            #expect(problem["type"] as? String == "/v1/codes/404")
        }
    }

    @Test("the code page shows the registration, the prescriptions, the retry guidance and the divergences")
    func codePage() async throws {
        try await withServer { _, client in
            let notFound = String(buffer: try await client.get("/codes/404", headers: [.accept: "text/html"]).body)
            #expect(notFound.contains("<h3>Against the registry and the specifications</h3>"))
            #expect(notFound.contains("akana calls 404 “Resource not found”") || notFound.contains("akana calls 404 &quot;Resource not found&quot;"))
            #expect(notFound.contains("<a href=\"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5\">RFC 9110, §15.5.5</a>"))
            let early = String(buffer: try await client.get("/codes/104", headers: [.accept: "text/html"]).body)
            #expect(early.contains("temporary (registered 2024-11-13, extended 2025-09-15,"))
            let slow = String(buffer: try await client.get("/codes/slow_down", headers: [.accept: "text/html"]).body)
            #expect(slow.contains("<h2 id=\"retry\">Retry</h2>"))
            #expect(slow.contains("MUST be increased by 5 seconds"))
            let client401 = String(buffer: try await client.get("/codes/invalid_client", headers: [.accept: "text/html"]).body)
            #expect(client401.contains("a JSON body, HTTP 401 (MUST)"))
        }
    }
}
