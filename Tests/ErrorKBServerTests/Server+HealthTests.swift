import ErrorKBTestSupport
import Foundation
import GRDB
import Testing

/// `/healthz` fails when the data routes would: it reads every table's B-tree and the search
/// index, not only the schema version and a count.
@Suite("Server: health of a damaged file")
struct HealthTests {
    @Test("a file with a table's root page overwritten is a 503 naming the damage, not ok")
    func corruptedFileIsUnhealthy() async throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
        let (root, pageSize) = try await DatabaseQueue(path: db).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'variant'") ?? 0,
             try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
        }
        try #require(root > 1)
        let handle = try #require(FileHandle(forUpdatingAtPath: db))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xDE, count: pageSize))
        try handle.close()

        let logPath = folder.path("server.log")
        #expect(FileManager.default.createFile(atPath: logPath, contents: nil))
        let log = try #require(FileHandle(forWritingAtPath: logPath))
        let server = try await ServerProcess(database: db, waitingFor: [503], log: log)
        let health = try await server.get("/healthz")
        #expect(health.status == 503)
        #expect(String(decoding: health.body, as: UTF8.self).contains("the knowledge base cannot be read: database disk image is malformed"))
        #expect(try await server.get("/v1/codes/404").status == 500)
        _ = try await server.stop()
        try log.close()

        // Issue 27: the 500's entry quotes the failing statement, whose SQL spans lines; the
        // log stays one entry a line, each starting with its time.
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        let failure = lines.filter { $0.contains("unexpected failure") }
        #expect(failure.count == 1, "\(lines)")
        #expect(failure.first?.contains("malformed") == true)
        #expect(failure.first?.contains("\\n") == true, "the statement's line breaks are written as \\n")
        let stray = lines.filter { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT.*/) == nil }
        #expect(stray.isEmpty, "lines that start no entry: \(stray.prefix(3))")
    }
}
