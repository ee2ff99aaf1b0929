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

        let server = try await ServerProcess(database: db, waitingFor: [503])
        let health = try await server.get("/healthz")
        #expect(health.status == 503)
        #expect(String(decoding: health.body, as: UTF8.self).contains("the knowledge base cannot be read: database disk image is malformed"))
        #expect(try await server.get("/v1/codes/404").status == 500)
        _ = try await server.stop()
    }
}
