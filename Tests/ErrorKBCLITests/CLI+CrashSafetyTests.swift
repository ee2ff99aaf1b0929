import ErrorKBTestSupport
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 7's crash test: `errorkb import` of a new edition of a 20,000-row document, killed with
/// SIGKILL at moments spread over the import, on a copy of the same knowledge base each time.
@Suite("errorkb: an import killed with SIGKILL", .serialized)
struct CrashSafetyTests {
    static let rows = 20_000
    static let kills = 12

    @Test("killed at 12 moments: the file is intact and holds the old edition or the new, whole")
    func killedImportsAreAllOrNothing() async throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("first"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.path("second"), withIntermediateDirectories: true)
        let first = try folder.write("first/bigco.md", BigDocument.text(rows: Self.rows, edition: 1))
        // The second edition rewrites every row and adds a tenth more: an update, not only inserts.
        let second = try folder.write("second/bigco.md", BigDocument.text(rows: Self.rows + Self.rows / 10, edition: 2))

        let base = folder.path("base.sqlite")
        #expect(try CLIRunner.run(["init", "--db", base]).status == 0)
        #expect(try CLIRunner.run(["import", "--vendor", "bigco", first, "--db", base]).status == 0)
        let before = try Fingerprint(of: base)
        #expect(before.variants > Self.rows)

        // The whole import, unkilled: the state a finished import leaves, and how long it takes.
        let reference = folder.path("reference.sqlite")
        try copyDatabase(base, to: reference)
        let started = ContinuousClock.now
        #expect(try CLIRunner.run(["import", "--vendor", "bigco", second, "--db", reference]).status == 0)
        let duration = ContinuousClock.now - started
        let after = try Fingerprint(of: reference)
        #expect(after.variants == before.variants + Self.rows / 10)
        #expect(after != before)

        var killed = 0
        var killedWhileWriting = 0
        var outcomes: [String: Int] = [:]
        var attempt = 0
        while killed < Self.kills, attempt < Self.kills * 3 {
            let trial = folder.path("trial-\(attempt).sqlite")
            try copyDatabase(base, to: trial)
            // Moments spread from 5% to 95% of a whole import, with a little jitter.
            let share = 0.05 + 0.9 * Double(attempt % Self.kills) / Double(Self.kills - 1) + Double.random(in: -0.02...0.02)
            attempt += 1

            let process = try startImport(second, into: trial)
            try await Task.sleep(for: duration * max(share, 0.01))
            guard process.isRunning else {
                process.waitUntilExit()
                continue
            }
            // A write transaction has begun once the WAL holds frames.
            let walBytes = (try? FileManager.default.attributesOfItem(atPath: trial + "-wal")[.size] as? Int) ?? 0
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard process.terminationReason == .uncaughtSignal else { continue }
            killed += 1
            if walBytes > 0 { killedWhileWriting += 1 }

            let state = try Fingerprint(of: trial)
            #expect(state.integrity == "ok", "kill \(killed): \(state.integrity)")
            #expect(state.searchIndexIsConsistent, "kill \(killed): the search index disagrees with its content")
            #expect(state == before || state == after, "kill \(killed) at \(Int(share * 100))%: a partial import")
            outcomes[state == after ? "new edition" : "old edition", default: 0] += 1
            // Nothing is left locked or half-done for the next writer.
            #expect(try CLIRunner.run(["cause", "add", "err_code_7", "--vendor", "bigco", "Checked after a kill.", "--db", trial]).status == 0)
        }
        #expect(killed == Self.kills)
        print(
            "crash test: \(Self.rows)-row document, a whole import takes \(duration); \(killed) kills, "
                + "\(killedWhileWriting) inside the write transaction; outcomes \(outcomes)")

        // A killed knowledge base takes the same import afterwards and ends where the reference did.
        let recovered = folder.path("recovered.sqlite")
        try copyDatabase(base, to: recovered)
        let interrupted = try startImport(second, into: recovered)
        try await Task.sleep(for: duration * 0.7)
        kill(interrupted.processIdentifier, SIGKILL)
        interrupted.waitUntilExit()
        #expect(try CLIRunner.run(["import", "--vendor", "bigco", second, "--db", recovered]).status == 0)
        #expect(try Fingerprint(of: recovered) == after)
    }

    /// `errorkb import` of `document` into `database`, running, its output discarded.
    private func startImport(_ document: String, into database: String) throws -> Process {
        let process = Process()
        process.executableURL = PackagePaths.products.appendingPathComponent("errorkb")
        process.arguments = ["import", "--vendor", "bigco", document, "--db", database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func copyDatabase(_ source: String, to destination: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: destination + suffix)
        }
    }
}

/// A vendor page in the markdown-table layout with `rows` codes; each edition words every row
/// differently.
enum BigDocument {
    static func text(rows: Int, edition: Int) -> String {
        var text = "# Big vendor errors, edition \(edition)\n\n| Code | Title | Description | Fix |\n|---|---|---|---|\n"
        text.reserveCapacity(rows * 90)
        for index in 0..<rows {
            text += "| err_code_\(index) | Error \(index) | Something \(index) went wrong (edition \(edition)). | Retry \(index). Then call us. |\n"
        }
        return text
    }
}

/// Everything an import writes, read straight from the file, without timestamps: two
/// fingerprints are equal exactly when the knowledge bases hold the same entries.
struct Fingerprint: Equatable {
    var variants: Int
    var revisions: Int
    var triggers: Int
    var content: String
    /// Not part of equality: what `PRAGMA integrity_check` and ``SearchIndexCheck`` say.
    var integrity: String
    var searchIndexIsConsistent: Bool

    init(of path: String) throws {
        let queue = try DatabaseQueue(path: path)
        (variants, revisions, triggers, content, integrity) = try queue.write { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            // FTS5's own check first: the index's structure. Then the index against its text.
            try db.execute(sql: "INSERT INTO variant_search(variant_search) VALUES ('integrity-check')")
            let content = try String.fetchAll(
                db,
                sql: """
                    SELECT c.code || '|' || ve.slug || '|' || coalesce(d.file_name, '') || '|' || coalesce(d.sha256, '') || '|'
                        || coalesce(v.section, '') || '|' || coalesce(v.title, '') || '|' || v.description || '|'
                        || coalesce(v.http_status, '') || '|' || coalesce(v.line_start, '') || '-' || coalesce(v.line_end, '') || '|'
                        || coalesce((SELECT group_concat(i.list || ':' || i.text, '/') FROM
                                     (SELECT list, text FROM variant_item WHERE variant_id = v.id ORDER BY list, position) i), '')
                    FROM variant v JOIN code c ON c.id = v.code_id JOIN vendor ve ON ve.id = v.vendor_id
                    LEFT JOIN document d ON d.id = v.document_id
                    ORDER BY c.code, ve.slug, v.id
                    """
            ).joined(separator: "\n")
            return (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM variant") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM revision") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") ?? 0,
                content, integrity
            )
        }
        searchIndexIsConsistent = try SearchIndexCheck.problem(at: path) == nil
    }

    static func == (lhs: Fingerprint, rhs: Fingerprint) -> Bool {
        (lhs.variants, lhs.revisions, lhs.triggers, lhs.content) == (rhs.variants, rhs.revisions, rhs.triggers, rhs.content)
    }
}
