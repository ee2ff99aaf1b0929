import Testing

@testable import ErrorKBCore

@Suite("Registry facts and divergences")
struct RegistryFactsTests {
    @Test(
        "IANA's status notes are read into a status and dates",
        arguments: [
            ("Not Found", "Not Found", RegistrationStatus.permanent, nil, nil, nil),
            ("Not Extended (OBSOLETED)", "Not Extended", .obsoleted, nil, nil, nil),
            ("(Unused)", nil, .unused, nil, nil, nil),
            ("Unassigned", nil, .unassigned, nil, nil, nil),
            (
                "Upload Resumption Supported (TEMPORARY - registered 2024-11-13, extension registered 2025-09-15, expires 2026-11-13)",
                "Upload Resumption Supported", .temporary, "2024-11-13", "2025-09-15", "2026-11-13"
            ),
            ("Early Hints (TEMPORARY - registered 2017-05-30, expires 2018-05-30)", "Early Hints", .temporary, "2017-05-30", nil, "2018-05-30"),
            ("Something (with a note)", "Something (with a note)", .permanent, nil, nil, nil),
        ] as [(String, String?, RegistrationStatus, String?, String?, String?)])
    func notes(
        description: String, name: String?, status: RegistrationStatus, registered: String?, extended: String?, expires: String?
    ) {
        let note = RegistryNote(description: description)
        #expect(note.name == name)
        #expect(note.status == status)
        #expect(note.registered == registered)
        #expect(note.extended == extended)
        #expect(note.expires == expires)
    }

    @Test("references become links to the RFC section, a draft on the datatracker, or stay text")
    func references() {
        let two = RegistryReference.all(in: "[RFC2774][Status change of HTTP experiments to Historic]")
        #expect(two.map(\.document) == ["RFC 2774", "Status change of HTTP experiments to Historic"])
        #expect(two.map(\.url) == ["https://www.rfc-editor.org/rfc/rfc2774.html", nil])
        let section = RegistryReference.all(in: "[RFC9110, Section 15.5.5]")
        #expect(section.first?.section == "15.5.5")
        #expect(section.first?.url == "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5")
        let draft = RegistryReference.all(in: "[draft-ietf-httpbis-resumable-upload-05]")
        #expect(draft.first?.url == "https://datatracker.ietf.org/doc/draft-ietf-httpbis-resumable-upload-05")
        #expect(RegistryReference.all(in: "").isEmpty)
        #expect(RegistryReference.all(in: "[RFC6749, Appendix B]").first?.url == "https://www.rfc-editor.org/rfc/rfc6749.html#section-appendix-B")
    }

    @Test("status ranges: one status or a range lower first, three digits in 100-599")
    func ranges() {
        #expect(HTTPStatusRange("404").map { [$0.lower, $0.upper] } == [404, 404])
        #expect(HTTPStatusRange("452-499")?.contains(499) == true)
        for bad in ["", "4044", "99", "600", "199-105", "105-105", "105-", "-105", "10a", "105-199-200"] {
            #expect(HTTPStatusRange(bad) == nil, "\(bad)")
        }
    }

    private func record(_ kind: RegistryKind, line: Int, _ cells: [String], document: Int64 = 90) -> RegistryRecord {
        RegistryRecord(kind: kind, documentID: document, document: "registry.csv", asOf: "2026-12-01", row: RegistryRow(line: line, cells: cells))
    }

    private func variant(_ id: Int64, _ code: String, vendor: String, section: String?, title: String?, status: Int?) -> Variant {
        Variant(
            id: id, code: code, vendor: vendor, document: "\(vendor).md", documentID: id + 1000, section: section, title: title,
            description: "text", httpStatus: status, causes: [], fixes: [], lines: LineRange(start: 1, end: 1), edited: false)
    }

    @Test("a temporary registration is expired only after its expiry day")
    func expiry() {
        let rows = [record(.httpStatus, line: 6, ["104", "Upload Resumption Supported (TEMPORARY - registered 2024-11-13, expires 2026-11-13)", ""])]
        #expect(Registration.of("104", kind: .http, in: rows, today: "2026-11-13").first?.expired == false)
        #expect(Registration.of("104", kind: .http, in: rows, today: "2026-11-14").first?.expired == true)
        #expect(Registration.of("105", kind: .http, in: rows, today: "2026-11-14").isEmpty)
    }

    @Test("divergences: another title than the registered name, a status or endpoint the specification does not give, an unassigned status")
    func divergences() {
        let notFound = CodeEntry(
            code: "404", kind: .http, httpClass: "4xx",
            variants: [
                variant(1, "404", vendor: "akana", section: nil, title: "Resource not found", status: 404),
                variant(2, "404", vendor: "rfc7231", section: nil, title: "NOT FOUND", status: 404),
            ])
        let registrations = Registration.of("404", kind: .http, in: [record(.httpStatus, line: 34, ["404", "Not Found", "[RFC9110, Section 15.5.5]"])], today: "2026-12-01")
        let found = Divergence.of(notFound, registrations: registrations, prescriptions: [])
        #expect(found.map(\.variantID) == [1], "titles are compared by their words")
        #expect(found.first?.kind == .title && found.first?.expected == "Not Found" && found.first?.against == .registry)

        let records = [
            record(.oauthError, line: 2, ["invalid_scope", "authorization endpoint, token endpoint", "OAuth 2.0", "IETF", "[RFC6749]"]),
            record(.oauthStatus, line: 5, ["invalid_scope", "authorization endpoint", "redirect", "", "none", "[RFC6749, Section 4.1.2.1]", "quote"], document: 91),
            record(.oauthStatus, line: 9, ["invalid_scope", "token endpoint", "json", "400", "default", "[RFC6749, Section 5.2]", "quote"], document: 91),
        ]
        let scope = CodeEntry(
            code: "invalid_scope", kind: .oauth, httpClass: nil,
            variants: [
                variant(3, "invalid_scope", vendor: "akana", section: "OAuth/authorize error codes", title: nil, status: 400),
                variant(4, "invalid_scope", vendor: "akana", section: "Token endpoint errors", title: nil, status: 400),
                variant(5, "invalid_scope", vendor: "acme", section: "Token endpoint errors", title: nil, status: 401),
                variant(6, "invalid_scope", vendor: "acme", section: "Revocation errors", title: nil, status: nil),
            ])
        let scopeFound = Divergence.of(
            scope, registrations: Registration.of("invalid_scope", kind: .oauth, in: records, today: "2026-12-01"),
            prescriptions: Prescription.of("invalid_scope", in: records))
        #expect(scopeFound.map { "\($0.variantID) \($0.kind.rawValue) \($0.expected)" } == [
            "3 http_status a redirect, no HTTP status", "5 http_status 400",
            "6 usage_location authorization endpoint, token endpoint",
        ])

        let unassigned = CodeEntry(code: "499", kind: .http, httpClass: "4xx", variants: [variant(7, "499", vendor: "nginx", section: nil, title: "Client Closed Request", status: 499)])
        let range = Registration.of("499", kind: .http, in: [record(.httpStatus, line: 64, ["452-499", "Unassigned", ""])], today: "2026-12-01")
        #expect(Divergence.of(unassigned, registrations: range, prescriptions: []).map(\.kind) == [.unregistered])
    }

    @Test("endpoints are read from registry usage locations and from how pages title sections")
    func usageLocations() {
        #expect(UsageLocation.ofRegistry("Token endpoint response") == .tokenEndpoint)
        #expect(UsageLocation.ofRegistry("resource access error response") == .resourceServer)
        #expect(UsageLocation.ofRegistry("implicit grant error response") == .authorizationEndpoint)
        #expect(UsageLocation.ofRegistry("authorization server response") == nil)
        #expect(UsageLocation.ofSection("exchanging a code for an access token") == .tokenEndpoint)
        #expect(UsageLocation.ofSection("OAuth/auz/authorize error codes") == .authorizationEndpoint)
        #expect(UsageLocation.ofSection("Token-Related Errors") == nil)
        #expect(UsageLocation.ofSection("OAuth 2.0 & OpenID Connect-Specific Error Codes") == nil)
    }

    @Test("retry guidance needs a reference, a quote and where it was read")
    func guidanceRules() throws {
        let good = RetryGuidance(code: "503", context: " ", retry: .afterDelay, idempotentOnly: false, wait: "", reference: "[RFC9110, Section 15.6.4]", quote: " q ", readFrom: "rfc9110.txt")
        let valid = try good.validated()
        #expect(valid.context == nil && valid.wait == nil && valid.quote == "q")
        var bad = good
        bad.reference = "RFC 9110"
        #expect(throws: KnowledgeBaseError.self) { try bad.validated() }
        bad = good
        bad.readFrom = " "
        #expect(throws: KnowledgeBaseError.self) { try bad.validated() }
        bad = good
        bad.code = "no  code"
        #expect(throws: KnowledgeBaseError.self) { try bad.validated() }
    }
}
