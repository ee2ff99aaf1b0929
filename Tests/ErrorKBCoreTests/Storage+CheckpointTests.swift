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

    @Test("a writer that never pauses, with no background checkpoint done, still has its log started over past the limit")
    func busyWriterBoundsTheLog() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kb.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let queue = DispatchQueue(label: "test.checkpoint.busy")
        let checkpointer = try BackgroundCheckpointer(path: path, queue: queue, writerCheckpointPages: 2_000)
        let pool = try DatabasePool(
            path: path, configuration: KnowledgeBaseDatabase.configuration(readOnly: false, checkpointer: checkpointer))
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (payload BLOB NOT NULL)") }
        let rowsPerRound = 1_500
        let roundBytes = rowsPerRound * 4_096

        // The background never gets to run: the extreme of a checkpointer that never catches up
        // (in a long import it always ends a little behind the writer).
        queue.suspend()
        var largestLog = 0
        for _ in 1...6 {
            try await pool.write { db in
                for _ in 0..<rowsPerRound { try db.execute(sql: "INSERT INTO t (payload) VALUES (randomblob(4096))") }
            }
            largestLog = max(largestLog, Self.size(path + "-wal"))
        }
        // Six rounds left in the log would be 6 x 6 MB; started over past 2,000 pages, it holds two at most.
        #expect(largestLog < 3 * roundBytes)
        #expect(Self.size(path) >= 4 * roundBytes)
        queue.resume()
        checkpointer.waitUntilIdle()
        let (rows, integrity) = try await pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM t"), try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(rows == 6 * rowsPerRound)
        #expect(integrity == "ok")
    }
}
