import ErrorKBCore
import ErrorKBImport
import ErrorKBTestSupport
import Foundation
import Testing

/// Issue 27, finding 8: with two copies of one registry, divergences used whichever file name
/// sorted first, not the newest `--as-of`; and a registry-shaped CSV imported under any vendor
/// was taken for the registry.
@Suite("Import: which copy of a registry answers for it")
struct RegistryCopyTests {
    /// The seeded HTTP status registry with 404's name replaced, written as `name`.
    private static func copy(named name: String, notFound: String, in folder: TemporaryFolder) throws -> String {
        let text = try String(contentsOf: PackagePaths.seeds.appendingPathComponent("http-status-codes-1.csv"), encoding: .utf8)
        let path = folder.path(name)
        try Data(text.replacingOccurrences(of: "404,Not Found,", with: "404,\(notFound),").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private static func notFound(_ kb: TestKnowledgeBase) async throws -> CodeAnswer {
        try #require(try await CodeAnswer.read("404", vendor: nil, in: kb.repository, today: "2026-12-07"))
    }

    @Test("an older copy whose name sorts first answers for nothing; a newer one whose name sorts last answers for everything")
    func newestAsOfAnswers() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        let older = try Self.copy(named: "a-2020-http-status.csv", notFound: "Not Found Then", in: folder)
        _ = try await kb.importer.importFiles([older], vendor: "iana", registryAsOf: "2020-01-01", options: ImportOptions(), actor: "test")

        var answer = try await Self.notFound(kb)
        #expect(answer.registrations.map(\.source.document) == ["http-status-codes-1.csv"])
        #expect(answer.registrations.first?.name == "Not Found")
        // The old copy's own variant is the registry speaking, not a vendor that disagrees.
        #expect(answer.divergences.map(\.vendor) == ["akana"], "\(answer.divergences.map(\.detail))")
        #expect(answer.divergences.first?.expected == "Not Found")
        var all = try await Divergence.all(in: kb.repository, vendor: nil, today: "2026-12-07")
        #expect(!all.contains { $0.vendor == "iana" }, "\(all.filter { $0.vendor == "iana" }.map(\.detail))")

        let newer = try Self.copy(named: "z-2027-http-status.csv", notFound: "Not Found Now", in: folder)
        _ = try await kb.importer.importFiles([newer], vendor: "iana", registryAsOf: "2027-01-01", options: ImportOptions(), actor: "test")
        answer = try await Self.notFound(kb)
        #expect(answer.registrations.map(\.source.document) == ["z-2027-http-status.csv"])
        #expect(answer.registrations.first?.source.registryAsOf == "2027-01-01")
        #expect(Set(answer.divergences.map(\.expected)) == ["Not Found Now"])
        #expect(!answer.divergences.contains { $0.vendor == "iana" })
        all = try await Divergence.all(in: kb.repository, vendor: nil, today: "2026-12-07")
        #expect(all.filter { $0.code == "404" }.allSatisfy { $0.expected == "Not Found Now" })

        // export --format iana-csv without --document writes the copy that answers.
        let current = try await kb.repository.registryRecords(kind: .httpStatus, key: "404")
        #expect(current.map(\.document) == ["z-2027-http-status.csv"])
    }

    @Test("a registry-shaped CSV imported under a vendor that is not the registry is that vendor's page, compared with the registry")
    func otherVendorsCopyIsAPage() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        let lookalike = try Self.copy(named: "acme-statuses.csv", notFound: "Nothing Here", in: folder)
        // A day later than IANA's copy: still not the registry's.
        _ = try await kb.importer.importFiles([lookalike], vendor: "acme", registryAsOf: "2030-01-01", options: ImportOptions(), actor: "test")

        let answer = try await Self.notFound(kb)
        #expect(answer.registrations.map(\.source.document) == ["http-status-codes-1.csv"])
        #expect(answer.registrations.first?.name == "Not Found")
        #expect(answer.divergences.contains { $0.vendor == "acme" && $0.says == "Nothing Here" && $0.expected == "Not Found" })
        #expect(try await kb.repository.registryRecords(kind: .httpStatus, key: nil).allSatisfy { $0.document == "http-status-codes-1.csv" })
        // Its rows are still kept, and can be written back by name.
        let acme = try #require(try await kb.repository.document(named: "acme-statuses.csv"))
        #expect(try await kb.repository.registryRecords(inDocument: acme.id).contains { $0.row.cells.first == "404" && $0.row.cells[1] == "Nothing Here" })
    }

    @Test("the newest dated copy answers; an undated one is older than any dated one; a tie goes to the later import")
    func currentCopyRule() {
        func copy(_ id: Int64, _ asOf: String?, importedAt: String, kind: VendorKind = .registry) -> RegistryCopy {
            RegistryCopy(
                kind: .httpStatus, documentID: id, document: "copy-\(id).csv", sha256: String(repeating: "0", count: 64), asOf: asOf,
                importedAt: importedAt, vendor: "iana", vendorKind: kind)
        }
        let copies = [
            copy(1, nil, importedAt: "2027-05-01T00:00:00.000Z"), copy(2, "2026-12-01", importedAt: "2026-12-01T00:00:00.000Z"),
            copy(3, "2026-12-01", importedAt: "2026-12-02T00:00:00.000Z"), copy(4, "2031-01-01", importedAt: "2031-01-01T00:00:00.000Z", kind: .vendor),
        ]
        #expect(RegistryCopy.current(among: copies).map(\.documentID) == [3])
        #expect(RegistryCopy.current(among: [copies[0]]).map(\.documentID) == [1])
        #expect(RegistryCopy.current(among: [copies[3]]).isEmpty)
    }
}
