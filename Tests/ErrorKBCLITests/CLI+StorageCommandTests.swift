import ErrorKBTestSupport
import Foundation
import GRDB
import Testing

/// The `errorkb` executable, run as a separate process on real files.
@Suite("errorkb: database, import and export commands")
struct StorageCommandTests {
    @Test("migrate applies every migration once; --status lists applied and pending")
    func migrate() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        let first = try CLIRunner.run(["migrate", "--db", db])
        #expect(first.status == 0)
        #expect(first.output.contains("applied  0001_catalogue"))
        let again = try CLIRunner.run(["migrate", "--db", db])
        #expect(again.output.contains("already at the latest schema"))
        let status = try CLIRunner.run(["migrate", "--status", "--db", db])
        #expect(status.output.contains("applied  0004_search_without_copy"))
        #expect(status.output.contains("applied  0006_registries"))
        #expect(status.output.contains("applied  0007_listing_indexes"))
        #expect(status.output.contains("schema version 7 of 7"))
    }

    @Test("a large import leaves the file complete when the command ends: checkpointed, its log empty")
    func largeImportLeavesNoLogBehind() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        // 8,000 rows: far past the 1,000 log pages that start a background checkpoint.
        var page = "# Big vendor errors\n\n| Code | Title | Description | Fix |\n|---|---|---|---|\n"
        for row in 0..<8_000 {
            page += "| err_code_\(row) | Error \(row) | Something \(row) went wrong upstream. | Retry \(row). Then call us. |\n"
        }
        let document = folder.path("big.md")
        try page.write(toFile: document, atomically: true, encoding: .utf8)

        let imported = try CLIRunner.run(["import", document, "--vendor", "acme", "--db", db])
        #expect(imported.status == 0, "\(imported.error)")
        // The process waited for its checkpoint and closed the file last, which empties the log
        // (kept beside the file, with its index, for readers that may not create them).
        #expect(try FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int)
        #expect(size > 8_000 * 500)
        let shown = try CLIRunner.run(["show", "err_code_7999", "--db", db])
        #expect(shown.status == 0 && shown.output.contains("Something 7999 went wrong upstream."))
    }

    @Test("import says when the search index is worth merging; optimize merges it")
    func optimizeMergesTheSearchIndex() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
        // Another program writing plain SQL (errorkb's own writes merge small segments as they
        // go): each statement that runs a search trigger adds a segment to the index.
        let other = try DatabaseQueue(path: db)
        for edit in 0..<4 {
            try other.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO variant_item (variant_id, list, position, text)
                        SELECT v.id, 'cause', 100 + ?, ? FROM variant v JOIN code c ON c.id = v.code_id
                        WHERE c.code = '404' ORDER BY v.id LIMIT 1
                        """,
                    arguments: [edit, "Cause \(edit)."])
            }
        }
        try other.close()
        let seed = PackagePaths.seed("000_a66a2b6a826d23c4.txt")
        let before = try CLIRunner.run(["import", seed, "--db", db])
        #expect(before.status == 0)
        // "the search index has N segments; `errorkb optimize` merges them ..."
        let hinted = before.error.components(separatedBy: "the search index has ").dropFirst().first
            .flatMap { Int($0.prefix { $0.isNumber }) }
        let segments = try #require(hinted, "no hint in: \(before.error)")
        #expect(segments > 4)
        #expect(before.error.contains("`errorkb optimize` merges them"))

        let optimized = try CLIRunner.run(["optimize", "--db", db])
        #expect(optimized.status == 0)
        #expect(optimized.output.hasPrefix("search index: \(segments) segments → 1 in "))
        let after = try CLIRunner.run(["import", seed, "--db", db])
        #expect(after.status == 0 && !after.error.contains("segments"))
        // The second import put the document's text back over the other program's causes.
        let search = try CLIRunner.run(["search", "resource", "--db", db])
        #expect(search.status == 0 && search.output.contains("404"))
    }

    @Test("--db and ERRORKB_DB choose the file, --db first")
    func databaseSelection() throws {
        let folder = try TemporaryFolder()
        let fromEnvironment = folder.path("env.sqlite")
        let fromOption = folder.path("option.sqlite")
        #expect(try CLIRunner.run(["init"], environment: ["ERRORKB_DB": fromEnvironment]).status == 0)
        #expect(FileManager.default.fileExists(atPath: fromEnvironment))
        #expect(try CLIRunner.run(["init", "--db", fromOption], environment: ["ERRORKB_DB": fromEnvironment]).status == 0)
        #expect(FileManager.default.fileExists(atPath: fromOption))
        let show = try CLIRunner.run(["show", "404", "--json"], environment: ["ERRORKB_DB": fromOption])
        #expect(show.status == 0)
    }

    @Test("init fills an empty knowledge base from the seeds and leaves a filled one alone")
    func initFillsOnce() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        let first = try CLIRunner.run(["init", "--db", db])
        #expect(first.status == 0)
        #expect(first.output.contains("000_a66a2b6a826d23c4.txt (akana): 25 added"))
        let second = try CLIRunner.run(["init", "--db", db])
        #expect(second.output.contains("holds data or has a history"))
    }

    @Test("import reports each file, lists unplaced lines with numbers, and says when nothing changed")
    func importReports() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        let seed = PackagePaths.seed("003_c9016a0a350ab718.txt")
        let dry = try CLIRunner.run(["import", "--dry-run", "--db", db, seed])
        #expect(dry.status == 0)
        #expect(dry.output.contains("[dry run]: 23 added"))
        #expect(dry.output.contains("not placed, line 1 (chrome): Skip to content"))
        let real = try CLIRunner.run(["import", "--db", db, seed])
        #expect(real.output.contains("23 added"))
        let again = try CLIRunner.run(["import", "--json", "--db", db, seed])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [[String: Any]])
        let outcome = try #require(reports.first?["outcome"] as? [String: Any])
        #expect((outcome["unchanged"] as? [Any])?.count == 23)
        #expect((outcome["added"] as? [Any])?.isEmpty == true)
    }

    @Test("refusals are one line on stderr with a documented exit code, and write nothing",
        arguments: [
            (["import", "--vendor", "acme", "/nonexistent/file.md"], Int32(5)),
            (["import", "--vendor", "Bad Slug", "SEED"], Int32(5)),
            (["show", "999"], Int32(3)),
            (["list", "--class", "9xx"], Int32(64)),
            (["frobnicate"], Int32(64)),
        ])
    func refusals(arguments: [String], status: Int32) throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
        let before = try CLIRunner.run(["export", "--db", db]).output
        let result = try CLIRunner.run(arguments.map { $0 == "SEED" ? PackagePaths.seed("000_a66a2b6a826d23c4.txt") : $0 } + ["--db", db])
        #expect(result.status == status)
        #expect(!result.error.isEmpty)
        if status != 64 { #expect(result.error.split(separator: "\n").count == 1) }
        #expect(try CLIRunner.run(["export", "--db", db]).output == before)
    }

    @Test("export prints the documented shape, the same bytes every time, to stdout or --output")
    func export() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
        let first = try CLIRunner.run(["export", "--format", "json", "--db", db])
        #expect(first.status == 0)
        let file = folder.path("kb.json")
        #expect(try CLIRunner.run(["export", "--output", file, "--db", db]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == first.output)

        let export = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        let codes = try #require(export["codes"] as? [[String: Any]])
        #expect(codes.count == 114)
        let notFound = try #require(codes.first { $0["code"] as? String == "404" })
        #expect(notFound["class"] as? String == "4xx")
        let variant = try #require((notFound["variants"] as? [[String: Any]])?.first)
        for key in ["vendor", "document", "section", "title", "description", "http_status", "causes", "fixes", "line"] {
            #expect(variant.keys.contains(key), "\(key)")
        }
        #expect((export["vendors"] as? [Any])?.count == 6)
        #expect((export["documents"] as? [Any])?.count == 8)
    }
}

@Suite("errorkb: the binary carries its migrations and seeds")
struct SelfContainedBinaryTests {
    @Test("a copy of the executable in another folder still migrates and seeds")
    func copiedBinaryFindsItsMigrations() throws {
        let folder = try TemporaryFolder()
        let copy = folder.url.appendingPathComponent("errorkb")
        try FileManager.default.copyItem(at: PackagePaths.products.appendingPathComponent("errorkb"), to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["init", "--db", folder.path("kb.sqlite")]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let status = try CLIRunner.run(["migrate", "--status", "--db", folder.path("kb.sqlite")])
        #expect(status.output.contains("schema version 7 of 7"))
        let show = try CLIRunner.run(["show", "invalid_grant", "--db", folder.path("kb.sqlite")])
        #expect(show.output.contains("akana"))
    }
}
