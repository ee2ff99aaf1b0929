import Dispatch
import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import GRDB
import Testing

@testable import ErrorKBStore

@Suite("Storage: checkpoints off the writer's thread")
struct CheckpointTests {
    /// A writer with its checkpointer on a queue the test can hold back, and rounds of writes.
    private struct Writer {
        // 1,500 rows of 4 KiB: about 1,600 pages a transaction.
        static let rowsPerRound = 1_500
        static let roundBytes = rowsPerRound * 4_096

        let folder: TemporaryFolder
        let path: String
        let queue = DispatchQueue(label: "test.checkpoint")
        let checkpointer: BackgroundCheckpointer
        let pool: DatabasePool

        init(writerCheckpointPages: Int32 = BackgroundCheckpointer.pagesBeforeWriterCheckpoints) async throws {
            folder = try TemporaryFolder()
            path = folder.path("kb.sqlite")
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            checkpointer = try BackgroundCheckpointer(path: path, queue: queue, writerCheckpointPages: writerCheckpointPages)
            pool = try DatabasePool(
                path: path, configuration: KnowledgeBaseDatabase.configuration(readOnly: false, checkpointer: checkpointer))
            try await pool.write { db in try db.execute(sql: "CREATE TABLE t (payload BLOB NOT NULL)") }
        }

        var fileSize: Int { Self.size(path) }
        var logSize: Int { Self.size(path + "-wal") }

        func writeRound() async throws {
            try await pool.write { db in
                for _ in 0..<Self.rowsPerRound { try db.execute(sql: "INSERT INTO t (payload) VALUES (randomblob(4096))") }
            }
        }

        func rowsAndIntegrity() async throws -> (Int?, String?) {
            try await pool.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM t"), try String.fetchOne(db, sql: "PRAGMA integrity_check"))
            }
        }

        private static func size(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        }
    }

    @Test("a commit past 1,000 log pages leaves the copy to the checkpointer, which makes it, and the log starts over")
    func checkpointerCopiesTheLog() async throws {
        let writer = try await Writer()
        let roundBytes = Writer.roundBytes

        // Held back, the checkpointer copies nothing, and neither does the commit itself.
        writer.queue.suspend()
        let fileBefore = writer.fileSize
        try await writer.writeRound()
        #expect(writer.fileSize - fileBefore < roundBytes / 10)
        #expect(writer.logSize > roundBytes)

        // Let go, it copies the whole log into the file.
        writer.queue.resume()
        writer.checkpointer.waitUntilIdle()
        #expect(writer.fileSize >= roundBytes)

        // Round after round, the log starts over instead of growing with the data.
        for round in 2...5 {
            try await writer.writeRound()
            writer.checkpointer.waitUntilIdle()
            #expect(writer.fileSize >= round * roundBytes)
        }
        #expect(writer.logSize < 2 * roundBytes + 1_000 * 4_096)
        let (rows, integrity) = try await writer.rowsAndIntegrity()
        #expect(rows == 5 * Writer.rowsPerRound)
        #expect(integrity == "ok")
    }

    @Test("a writer that never pauses, with no background checkpoint done, still has its log started over past the limit")
    func busyWriterBoundsTheLog() async throws {
        let writer = try await Writer(writerCheckpointPages: 2_000)
        let roundBytes = Writer.roundBytes

        // The background never gets to run: the extreme of a checkpointer that never catches up
        // (in a long import it always ends a little behind the writer).
        writer.queue.suspend()
        var largestLog = 0
        for _ in 1...6 {
            try await writer.writeRound()
            largestLog = max(largestLog, writer.logSize)
        }
        // Six rounds left in the log would be 6 x 6 MB; started over past 2,000 pages, it holds two at most.
        #expect(largestLog < 3 * roundBytes)
        #expect(writer.fileSize >= 4 * roundBytes)
        writer.queue.resume()
        writer.checkpointer.waitUntilIdle()
        let (rows, integrity) = try await writer.rowsAndIntegrity()
        #expect(rows == 6 * Writer.rowsPerRound)
        #expect(integrity == "ok")
    }
}
