import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Testing

@testable import ErrorKBImport

@Suite("Importing into the knowledge base")
struct ImportTests {
    @Test("importing the five seeds stores exactly what expected.json lists")
    func seedsMatchExpectedThroughTheDatabase() async throws {
        let expected = try ExpectedSeeds.load()
        let kb = try TestKnowledgeBase.empty()
        let reports = try await kb.importer.importFiles(
            PackagePaths.seedFiles.map(PackagePaths.seed), vendor: nil, options: ImportOptions(), actor: "test")
        #expect(reports.map(\.outcome.added.count) == [25, 24, 8, 23, 8])

        let export = try await kb.repository.export()
        #expect(export.codes.map(\.code) == expected.codes)
        #expect(export.codes.reduce(0) { $0 + $1.variants.count } == expected.totals.variants)
        let kinds = Dictionary(uniqueKeysWithValues: export.codes.map { ($0.code, $0.kind.rawValue) })
        for document in expected.documents {
            let stored = export.codes.flatMap { code in code.variants.map { (code.code, $0) } }
                .filter { $0.1.document == document.document }
                .sorted { $0.1.position < $1.1.position }
            #expect(stored.count == document.entries.count, "\(document.document)")
            for ((code, variant), want) in zip(stored, document.entries) {
                let place = "\(document.document) line \(variant.line ?? 0)"
                #expect(code == want.code, "\(place)")
                #expect(kinds[code] == want.kind, "\(place)")
                #expect(variant.vendor == document.vendor, "\(place)")
                #expect(variant.title == want.title, "\(place)")
                #expect(variant.description.hasPrefix(want.descriptionStartsWith), "\(place)")
                #expect(variant.httpStatus == want.httpStatus, "\(place)")
                #expect(variant.section == want.section, "\(place)")
                #expect(variant.causes == want.causes, "\(place)")
                #expect(variant.fixes == want.fixes, "\(place)")
            }
        }
    }

    @Test("descriptions are complete: every paragraph and continuation line")
    func descriptionsAreComplete() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let forbidden = try #require(try await kb.repository.code("403", vendor: "rfc7231")?.variants.first)
        #expect(forbidden.description.components(separatedBy: "\n\n").count == 3)
        #expect(forbidden.description.hasSuffix("respond with a status code of 404 (Not Found)."))
        #expect(forbidden.lines == LineRange(start: 17, end: 23))
        let notAcceptable = try #require(try await kb.repository.code("406", vendor: "akana")?.variants.first)
        #expect(notAcceptable.description.hasSuffix("that only returns an application/json response."))
        #expect(notAcceptable.lines == LineRange(start: 24, end: 25))
        let serverError = try #require(try await kb.repository.code("server_error", vendor: "akana")?.variants.first)
        #expect(serverError.description.hasSuffix("cannot be returned to the client via an HTTP redirect.)"))
    }

    @Test("importing the same file again changes nothing, writes no revision, and says so")
    func reimportingAnUnchangedDocumentChangesNothing() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let before = try await kb.exportJSON()
        let revisions = try await kb.repository.revisions(code: nil, page: PageRequest(limit: 500)).items.count
        let reports = try await kb.importer.importFiles(
            [PackagePaths.seed("000_a66a2b6a826d23c4.txt")], vendor: nil, options: ImportOptions(), actor: "test")
        #expect(reports[0].outcome.unchanged.count == 25)
        #expect(!reports[0].outcome.changesAnything)
        #expect(reports[0].summary.contains("nothing to change"))
        #expect(try await kb.exportJSON() == before)
        #expect(try await kb.repository.revisions(code: nil, page: PageRequest(limit: 500)).items.count == revisions)
    }

    @Test("a new version of a document updates its variants and removes those it no longer has")
    func newVersionUpdatesAndRemoves() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        var text = try String(contentsOfFile: PackagePaths.seed("003_c9016a0a350ab718.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "502 Bad Gateway The server was acting", with: "502 Bad Gateway The proxy was acting")
        text = text.replacingOccurrences(of: "504 Gateway Timeout The server was acting as a gateway or proxy and did not receive a timely response from the upstream server\n", with: "")
        text = text.replacingOccurrences(of: "429 Too Many Requests", with: "418 I'm a teapot Short and stout.\n429 Too Many Requests")
        let path = try folder.write("003_c9016a0a350ab718.txt", text)
        try Data(contentsOf: PackagePaths.seeds.appendingPathComponent("manifest.json")).write(to: folder.url.appendingPathComponent("manifest.json"))

        let report = try await kb.importer.importFiles([path], vendor: nil, options: ImportOptions(), actor: "test")[0]
        #expect(report.outcome.added.map(\.code) == ["418"])
        #expect(report.outcome.changed.map(\.code) == ["502"])
        #expect(report.outcome.removed.map(\.code) == ["504"])
        #expect(report.outcome.unchanged.count == 21)
        #expect(try await kb.repository.code("504", vendor: "generic")?.variants.isEmpty == true)
        #expect(try await kb.repository.code("502", vendor: "generic")?.variants.first?.description.hasPrefix("The proxy") == true)
        #expect(try await kb.repository.code("418", vendor: nil)?.variants.first?.title == "I'm a teapot")

        // Imports index their rows in bulk; the search index must still match what is stored.
        func hits(_ text: String) async throws -> [String] {
            try await kb.repository.search(text, filter: CodeFilter(vendor: "generic"), page: PageRequest(limit: 50), highlight: .brackets)
                .items.filter { $0.document == "003_c9016a0a350ab718.txt" }.map(\.code)
        }
        #expect(try await hits("proxy acting") == ["502"])
        #expect(try await hits("stout") == ["418"])
        #expect(try await hits("timely").isEmpty)
        // ... and later writes are indexed by the triggers again.
        let teapot = try #require(try await kb.repository.code("418", vendor: nil)?.variants.first)
        _ = try await kb.repository.editVariant(id: teapot.id, actor: "ana", action: "cause.add") { $0.causes.append("Kettle boiled dry.") }
        #expect(try await hits("kettle") == ["418"])
    }

    @Test("an admin's edit is kept and reported as a conflict, unless --overwrite")
    func adminEditsAreNeverOverwrittenSilently() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        let variant = try #require(try await kb.repository.code("415", vendor: "akana")?.variants.first)
        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "variant.update") {
            $0.description = "Curated by Ana."
        }
        let original = try String(contentsOfFile: PackagePaths.seed("000_a66a2b6a826d23c4.txt"), encoding: .utf8)
        let path = try folder.write("000_a66a2b6a826d23c4.txt", original.replacingOccurrences(of: "not supported by the method.", with: "not supported by this method."))

        let kept = try await kb.importer.importFiles([path], vendor: "akana", options: ImportOptions(), actor: "test")[0]
        #expect(kept.outcome.conflicts.map(\.code) == ["415"])
        #expect(try await kb.repository.variant(id: variant.id)?.description == "Curated by Ana.")

        let forced = try await kb.importer.importFiles(
            [path], vendor: "akana", options: ImportOptions(overwrite: true), actor: "test")[0]
        #expect(forced.outcome.overwritten.map(\.code) == ["415"])
        let replaced = try #require(try await kb.repository.variant(id: variant.id))
        #expect(replaced.description.hasSuffix("not supported by this method."))
        #expect(!replaced.edited)
    }

    @Test("a dry run reports exactly what a real run does, and writes nothing")
    func dryRunWritesNothing() async throws {
        let kb = try TestKnowledgeBase.empty()
        let before = try await kb.exportJSON()
        let paths = PackagePaths.seedFiles.map(PackagePaths.seed)
        let dry = try await kb.importer.importFiles(paths, vendor: nil, options: ImportOptions(dryRun: true), actor: "test")
        #expect(try await kb.exportJSON() == before)
        #expect(try await kb.repository.hasNeverHeldAnything())
        let real = try await kb.importer.importFiles(paths, vendor: nil, options: ImportOptions(), actor: "test")
        #expect(dry.map(\.outcome) == real.map(\.outcome))
        #expect(dry.allSatisfy { $0.dryRun })
    }

    @Test("a batch is all or nothing: one refused file and none is imported")
    func batchIsOneTransaction() async throws {
        let kb = try TestKnowledgeBase.empty()
        let folder = try TemporaryFolder()
        let bad = try folder.write("notes.txt", "Nothing to see here.\nJust prose.\n")
        await #expect(throws: ImportRefusal.noEntries(file: "notes.txt")) {
            _ = try await kb.importer.importFiles(
                [PackagePaths.seed("000_a66a2b6a826d23c4.txt"), bad], vendor: "akana", options: ImportOptions(), actor: "test")
        }
        #expect(try await kb.repository.hasNeverHeldAnything())

        // A failure inside the transaction (the second file claims another vendor's document)
        // rolls back the first file too.
        _ = try await kb.importer.importFiles([PackagePaths.seed("002_e5cc25701693b159.txt")], vendor: nil, options: ImportOptions(), actor: "test")
        let before = try await kb.exportJSON()
        await #expect(throws: KnowledgeBaseError.self) {
            _ = try await kb.importer.importFiles(
                [PackagePaths.seed("004_b512ad6ac7877b98.txt"), PackagePaths.seed("002_e5cc25701693b159.txt")],
                vendor: "akana", options: ImportOptions(), actor: "test")
        }
        #expect(try await kb.exportJSON() == before)
        // The import lifted the search triggers inside its transaction; the rollback put them back.
        let variant = try #require(try await kb.repository.code("404", vendor: "rfc2616")?.variants.first)
        _ = try await kb.repository.editVariant(id: variant.id, actor: "ana", action: "cause.add") { $0.causes.append("Moonbeams.") }
        let hits = try await kb.repository.search("moonbeams", filter: CodeFilter(), page: PageRequest(), highlight: .brackets)
        #expect(hits.items.map(\.code) == ["404"])
    }

    @Test("files are parsed side by side, yet reports keep the given order and the first refused file is the one named")
    func parallelPreparationKeepsOrder() async throws {
        let kb = try TestKnowledgeBase.empty()
        let folder = try TemporaryFolder()
        let prose = try folder.write("prose.txt", "Nothing to see here.\nJust prose.\n")
        let empty = try folder.write("empty.txt", "")
        let seeds = PackagePaths.seedFiles.map(PackagePaths.seed)
        // The big seed first and a file that fails at once last: a later file finishes first.
        await #expect(throws: ImportRefusal.noEntries(file: "prose.txt")) {
            _ = try await kb.importer.importFiles(
                [seeds[0], seeds[1], prose, seeds[2], empty], vendor: "akana", options: ImportOptions(), actor: "test")
        }
        await #expect(throws: ImportRefusal.empty(file: "empty.txt")) {
            _ = try await kb.importer.importFiles(
                [seeds[3], empty, seeds[4], prose], vendor: "akana", options: ImportOptions(), actor: "test")
        }
        // Refused only once all of its 2 MB is parsed, long after the empty file beside it.
        let longProse = try folder.write(
            "long-prose.txt", String(repeating: "Nothing to see here, just prose about nothing much.\n", count: 40_000))
        await #expect(throws: ImportRefusal.noEntries(file: "long-prose.txt")) {
            _ = try await kb.importer.importFiles([longProse, empty], vendor: "akana", options: ImportOptions(), actor: "test")
        }
        #expect(try await kb.repository.hasNeverHeldAnything())
        let reports = try await kb.importer.importFiles(
            seeds.reversed(), vendor: nil, options: ImportOptions(dryRun: true), actor: "test")
        #expect(reports.map(\.file) == PackagePaths.seedFiles.reversed())
    }

    @Test("unusable files are refused with a clear message and the database is unchanged",
        arguments: [
            ("empty.txt", [UInt8]()), ("blank.txt", Array("  \n\n\t\n".utf8)), ("binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]),
            ("latin1.txt", Array("404 Not Found caf".utf8) + [0xE9, 0x0A]), ("prose.txt", Array("Just a note about 404.\n".utf8)),
        ])
    func unusableFilesAreRefused(name: String, bytes: [UInt8]) async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        let before = try await kb.exportJSON()
        let path = try folder.write(name, bytes: bytes)
        do {
            _ = try await kb.importer.importFiles([path], vendor: "akana", options: ImportOptions(), actor: "test")
            Issue.record("\(name) was imported")
        } catch let refusal as ImportRefusal {
            #expect(refusal.description.hasPrefix(name))
            #expect(!refusal.description.contains("\n"))
        }
        #expect(try await kb.exportJSON() == before)
    }

    @Test("a file over 5 MiB is refused before it is read")
    func oversizedFileIsRefused() async throws {
        let kb = try TestKnowledgeBase.empty()
        let folder = try TemporaryFolder()
        let row = "| 404 | Not Found | The resource is gone. |\n"
        let text = "| Code | Title | Description |\n|---|---|---|\n" + String(repeating: row, count: SourceText.maximumBytes / row.utf8.count + 1)
        let path = try folder.write("huge.md", text)
        await #expect(throws: ImportRefusal.self) {
            _ = try await kb.importer.importFiles([path], vendor: "big", options: ImportOptions(), actor: "test")
        }
        #expect(try await kb.repository.hasNeverHeldAnything())
    }

    @Test("a 40,000-row markdown table imports whole")
    func largeTableImports() async throws {
        let kb = try TestKnowledgeBase.empty()
        let folder = try TemporaryFolder()
        var text = "# Big vendor errors\n\n| Code | Title | Description | Fix |\n|---|---|---|---|\n"
        for index in 0..<40_000 {
            text += "| err_code_\(index) | Error \(index) | Something \(index) went wrong. | Retry \(index). Then call us. |\n"
        }
        let path = try folder.write("big.md", text)
        let report = try await kb.importer.importFiles([path], vendor: "bigco", options: ImportOptions(), actor: "test")[0]
        #expect(report.outcome.added.count == 40_000)
        let sample = try #require(try await kb.repository.code("err_code_39999", vendor: nil))
        #expect(sample.variants.first?.fixes == ["Retry 39999.", "Then call us."])
        #expect(sample.variants.first?.lines == LineRange(start: 40_004, end: 40_004))
    }

    @Test("an unknown --vendor slug is created; a file outside Seeds/ without one is refused")
    func vendorResolution() async throws {
        let kb = try TestKnowledgeBase.empty()
        let folder = try TemporaryFolder()
        let path = try folder.write("acme.md", "| Code | Description |\n|---|---|\n| 418 | Teapot. |\n")
        await #expect(throws: ImportRefusal.unknownVendor(file: "acme.md")) {
            _ = try await kb.importer.importFiles([path], vendor: nil, options: ImportOptions(), actor: "test")
        }
        _ = try await kb.importer.importFiles([path], vendor: "acme", options: ImportOptions(), actor: "test")
        let vendor = try #require(try await kb.repository.vendor("acme"))
        #expect(vendor.variantCount == 1)
    }

    @Test("the search index holds exactly the current text after every kind of write")
    func searchIndexAgreesAfterEveryWrite() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let folder = try TemporaryFolder()
        var steps: [(String, String?)] = [("seeded", try kb.searchIndexProblem())]
        func check(_ step: String) throws { steps.append((step, try kb.searchIndexProblem())) }

        let first = try folder.write("acme.md", "| Code | Title | Description | Cause | Fix |\n|---|---|---|---|---|\n"
            + "| 404 | Gone | The page left. | A move. | Search. |\n| 409 | Clash | Two writers. | Races. | Retry. |\n"
            + "| err_one | One | First. | | |\n")
        _ = try await kb.importer.importFiles([first], vendor: "acme", options: ImportOptions(), actor: "t")
        try check("import")
        let second = try folder.write("acme.md", "| Code | Title | Description | Cause | Fix |\n|---|---|---|---|---|\n"
            + "| 404 | Gone away | The page moved on. | A move. | Search again. |\n| err_two | Two | Second. | | |\n")
        let changed = try await kb.importer.importFiles([second], vendor: "acme", options: ImportOptions(), actor: "t")
        try check("import of a new version: changed, added and removed rows")
        #expect(changed.first?.outcome.removed.count == 2)
        // One batch that writes the same document twice.
        let elsewhere = try TemporaryFolder()
        let again = try elsewhere.write("acme.md", "| Code | Description |\n|---|---|\n| err_three | Third. |\n")
        _ = try await kb.importer.importFiles([first, again], vendor: "acme", options: ImportOptions(), actor: "t")
        try check("one batch writing a document twice")

        let variant = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first)
        _ = try await kb.repository.editVariant(id: variant.id, actor: "t", action: "variant.update") {
            $0.title = "Lost"
            $0.description = "Gone fishing."
            $0.causes += ["A quokka.", "A wombat."]
            $0.fixes = []
        }
        try check("edit of title, description and items")
        _ = try await kb.repository.editVariant(id: variant.id, actor: "t", action: "cause.move") { $0.causes.reverse() }
        try check("items reordered")
        let edit = try #require(try await kb.repository.revisions(code: "404", page: PageRequest(limit: 1)).items.first)
        _ = try await kb.repository.revert(revision: edit.id, actor: "t")
        try check("revert")
        try await kb.repository.deleteVariant(id: variant.id, actor: "t")
        try check("variant deleted with its items")
        try await kb.repository.deleteCode("409", actor: "t")
        try check("code deleted with its variants")
        try await kb.repository.createVendor(Vendor(slug: "solo", name: "Solo", kind: .guide), actor: "t")
        _ = try await kb.repository.createVariant(
            VariantDraft(code: "404", vendor: "solo", content: VariantContent(description: "Nobody home.", causes: ["Out."])), actor: "t")
        try await kb.repository.deleteVendor("solo", actor: "t")
        try check("vendor deleted with its variants")

        let export = try await kb.repository.export()
        let restored = try TestKnowledgeBase.empty()
        try await restored.repository.restore(export, actor: "t")
        steps.append(("restore", try restored.searchIndexProblem()))

        for (step, problem) in steps { #expect(problem == nil, "after \(step): \(problem ?? "")") }
        #expect(steps.count == 11)
        #expect(try await kb.repository.search("fishing", filter: CodeFilter(), page: PageRequest(), highlight: .brackets).items.isEmpty)
        #expect(try await restored.repository.search("gone", filter: CodeFilter(), page: PageRequest(), highlight: .brackets).items.isEmpty == false)
    }
}
