import ErrorKBCore
import ErrorKBImport
import ErrorKBTestSupport
import Foundation
import Testing

@Suite("Import: IANA registries as CSV")
struct RegistryImportTests {
    static let files: [(name: String, kind: RegistryKind)] = [
        ("http-status-codes-1.csv", .httpStatus), ("oauth-extensions-error.csv", .oauthError),
        ("oauth-error-http-status.csv", .oauthStatus),
    ]

    @Test("a new knowledge base holds every registered status and OAuth error as IANA's, beside the seeds")
    func seededRegistries() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let iana = try #require(try await kb.repository.vendor("iana"))
        #expect(iana.vendor.kind == .registry)
        let http = try await kb.repository.registryRecords(kind: .httpStatus, key: nil)
        // 64 registered values and the 11 unassigned ranges IANA lists between them.
        #expect(http.count == 75)
        #expect(http.filter { $0.row.cells[1] != "Unassigned" }.count == 64)
        let documents = try await kb.repository.documents(vendor: "iana")
        #expect(documents.map(\.variantCount) == [64, 50])
        #expect(try await kb.repository.registryRecords(kind: .oauthError, key: nil).count == 50)
        #expect(try await kb.repository.registryRecords(kind: .oauthError, key: "access_denied").count == 2)
        // IANA's `need_info (and its subsidiary parameters)` is looked up by its code.
        #expect(try await kb.repository.registryRecords(kind: .oauthError, key: "need_info").count == 1)
        for (code, title) in [("306", nil), ("418", nil), ("451", "Unavailable For Legal Reasons"), ("510", "Not Extended")] {
            let variant = try #require(try await kb.repository.code(code, vendor: "iana")?.variants.first)
            #expect(variant.title == title)
            #expect(variant.httpStatus == Int(code))
        }
        #expect(try await kb.repository.code("slow_down", vendor: nil)?.kind == .oauth)
        #expect(try await kb.repository.code("499", vendor: nil) == nil, "an unassigned value is no code")
    }

    @Test("each registry table exports back to the file it was imported from, byte for byte", arguments: files)
    func roundTrip(file: (name: String, kind: RegistryKind)) async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let records = try await kb.repository.registryRecords(kind: file.kind, key: nil)
        let exported = try RegistryCSV.export(file.kind, rows: records.map(\.row))
        let original = try Data(contentsOf: PackagePaths.seeds.appendingPathComponent(file.name))
        #expect(Data(exported.utf8) == original)
    }

    /// A copy of the HTTP status registry with one change, as `http-status-codes-1.csv` in a folder.
    private func alteredRegistry(_ change: (String) -> String, in folder: TemporaryFolder) throws -> String {
        let text = try String(contentsOf: PackagePaths.seeds.appendingPathComponent("http-status-codes-1.csv"), encoding: .utf8)
        let path = folder.path("http-status-codes-1.csv")
        try Data(change(text).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "a malformed registry is refused with its line, and nothing is written",
        arguments: [
            ("a row with a column missing", "404,Not Found,\"[RFC9110, Section 15.5.5]\"", "404,Not Found", 34, "2 fields where the header has 3"),
            ("a value registered twice", "405,Method Not Allowed", "404,Method Not Allowed", 35, "'404' is already in the registry on line 34"),
            ("a range written high to low", "105-199,Unassigned,", "199-105,Unassigned,", 7, "lower first"),
            ("ranges that overlap", "209-225,Unassigned,", "200-225,Unassigned,", 17, "already in the registry on line"),
            ("an unbalanced quote", "400,Bad Request,\"[RFC9110, Section 15.5.1]\"", "400,\"Bad Request,\"[RFC9110, Section 15.5.1]\"", 30, "not written as the registry's CSV is"),
            ("a header with a column missing", "Value,Description,Reference", "Value,Description", 1, "missing column Reference"),
        ])
    func malformedRegistry(label: String, find: String, replace: String, line: Int, reason: String) async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let before = try await kb.exportJSON()
        let revisions = try await kb.repository.revisions(code: nil, page: PageRequest()).items.count
        let folder = try TemporaryFolder()
        let path = try alteredRegistry({ text in
            #expect(text.contains(find), "\(label): the fixture line exists")
            return text.replacingOccurrences(of: find, with: replace)
        }, in: folder)
        do {
            _ = try await kb.importer.importFiles([path], vendor: "iana", options: ImportOptions(), actor: "test")
            Issue.record("\(label) was imported")
        } catch let refusal as ImportRefusal {
            guard case .malformedRegistry(let file, let refusedLine, let why) = refusal else {
                Issue.record("\(label): \(refusal)")
                return
            }
            #expect(file == "http-status-codes-1.csv")
            #expect(refusedLine == line, "\(label): \(why)")
            #expect(why.contains(reason), "\(label): \(why)")
        }
        #expect(try await kb.exportJSON() == before)
        #expect(try await kb.repository.revisions(code: nil, page: PageRequest()).items.count == revisions)
    }

    @Test("a newer registry copy updates the registration, the revision log shows what changed, a revert brings it back")
    func newerCopy() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let expired = try #require(try await CodeAnswer.read("104", vendor: nil, in: kb.repository, today: "2026-12-02"))
        #expect(expired.registrations.first?.status == .temporary)
        #expect(expired.registrations.first?.expired == true)

        let folder = try TemporaryFolder()
        let path = try alteredRegistry({ text in
            text.replacingOccurrences(
                of: "104,\"Upload Resumption Supported (TEMPORARY - registered 2024-11-13, extension registered 2025-09-15, expires 2026-11-13)\",[draft-ietf-httpbis-resumable-upload-05]",
                with: "104,Upload Resumption Supported,\"[RFC9999, Section 3]\"")
        }, in: folder)
        let reports = try await kb.importer.importFiles([path], vendor: "iana", registryAsOf: "2027-01-05", options: ImportOptions(), actor: "ana")
        #expect(reports.first?.outcome.changed.map(\.code) == ["104"])

        let renewed = try #require(try await CodeAnswer.read("104", vendor: nil, in: kb.repository, today: "2027-01-06"))
        let registration = try #require(renewed.registrations.first)
        #expect(registration.status == .permanent)
        #expect(registration.expires == nil && registration.expired == nil)
        #expect(registration.references.first?.url == "https://www.rfc-editor.org/rfc/rfc9999.html#section-3")
        #expect(registration.source.registryAsOf == "2027-01-05")

        let revision = try #require(try await kb.repository.revisions(code: "104", page: PageRequest(limit: 1)).items.first)
        #expect(revision.actor == "ana")
        let change = try #require(revision.changes.first { $0.entity == .variant })
        #expect(change.before?.contains("TEMPORARY") == true)
        #expect(change.after?.contains("RFC9999") == true)

        _ = try await kb.repository.revert(revision: revision.id, actor: "ana")
        let reverted = try #require(try await CodeAnswer.read("104", vendor: nil, in: kb.repository, today: "2027-01-06"))
        #expect(reverted.registrations.first?.status == .temporary)
        #expect(reverted.registrations.first?.source.registryAsOf == "2026-12-01")
        let records = try await kb.repository.registryRecords(kind: .httpStatus, key: nil)
        let original = try Data(contentsOf: PackagePaths.seeds.appendingPathComponent("http-status-codes-1.csv"))
        #expect(Data(try RegistryCSV.export(.httpStatus, rows: records.map(\.row)).utf8) == original)
    }

    @Test("a CSV whose header is no registry's is left to the page readers, not refused as a registry")
    func otherCSV() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        let path = folder.path("errors.csv")
        try Data("status,meaning\r\n404,The widget is not there.\r\n".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: ImportRefusal.noEntries(file: "errors.csv")) {
            _ = try await kb.importer.importFiles([path], vendor: "acme", options: ImportOptions(), actor: "test")
        }
    }
}
