import Dispatch
import ErrorKBTestSupport
import Foundation
import GRDB
import Testing

@testable import ErrorKBCore

@Suite("Storage: checkpoints off the writer's thread")
struct CheckpointTests {
    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test("a commit past 1,000 log pages leaves the copy to the checkpointer, which makes it, and the log starts over")
    func checkpointerCopiesTheLog() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kb.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let queue = DispatchQueue(label: "test.checkpoint")
        let checkpointer = try BackgroundCheckpointer(path: path, queue: queue)
        let pool = try DatabasePool(
            path: path, configuration: KnowledgeBaseDatabase.configuration(readOnly: false, checkpointer: checkpointer))
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (payload BLOB NOT NULL)") }
        // 1,500 rows of 4 KiB: about 1,600 pages a transaction.
        let rowsPerRound = 1_500
        let roundBytes = rowsPerRound * 4_096
        func writeRound() async throws {
            try await pool.write { db in
                for _ in 0..<rowsPerRound { try db.execute(sql: "INSERT INTO t (payload) VALUES (randomblob(4096))") }
            }
        }

        // Held back, the checkpointer copies nothing, and neither does the commit itself.
        queue.suspend()
        let fileBefore = Self.size(path)
        try await writeRound()
        #expect(Self.size(path) - fileBefore < roundBytes / 10)
        #expect(Self.size(path + "-wal") > roundBytes)

        // Let go, it copies the whole log into the file.
        queue.resume()
        checkpointer.waitUntilIdle()
        #expect(Self.size(path) >= roundBytes)

        // Round after round, the log starts over instead of growing with the data.
        for round in 2...5 {
            try await writeRound()
            checkpointer.waitUntilIdle()
            #expect(Self.size(path) >= round * roundBytes)
        }
        #expect(Self.size(path + "-wal") < 2 * roundBytes + 1_000 * 4_096)
        let (rows, integrity) = try await pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM t"), try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(rows == 5 * rowsPerRound)
        #expect(integrity == "ok")
    }
}
