import ErrorKBCore
import Foundation
import ErrorKBTestSupport
import GRDB
import Testing

@testable import ErrorKBStore

/// The monitor's version must move on every commit, however it looks: through SQLite's
/// WAL-index header (every knowledge base), or through `PRAGMA data_version` on a pool of
/// connections (any other database).
@Suite("Storage: change monitor")
struct ChangeMonitorTests {
    @Test("a knowledge base is watched through its WAL-index header, and every commit moves the version")
    func walIndexSeesEveryCommit() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        let monitor = try ChangeMonitor(path: kb.path)
        #expect(monitor.readsSharedMemory)
        let id = try #require(try await kb.repository.code("404", vendor: "akana")?.variants.first?.id)
        for round in 0..<100 {
            let before = try monitor.version()
            #expect(try monitor.version() == before, "round \(round): no commit, same version")
            _ = try await kb.repository.editVariant(id: id, actor: "test", action: "variant.update") { $0.title = "Round \(round)" }
            #expect(try monitor.version() != before, "round \(round)")
        }
    }

    @Test("commits after a checkpoint has emptied the log are seen too")
    func walIndexSeesCommitsAfterACheckpoint() async throws {
        let folder = try TemporaryFolder()
        let writer = try DatabasePool(path: folder.path("wal.sqlite"))
        try await writer.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        let monitor = try ChangeMonitor(path: folder.path("wal.sqlite"))
        #expect(monitor.readsSharedMemory)
        for round in 0..<20 {
            let before = try monitor.version()
            try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [round]) }
            let afterCommit = try monitor.version()
            #expect(afterCommit != before, "round \(round)")
            // TRUNCATE empties the log: the next commit starts it again with new salts.
            try await writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try await writer.write { db in try db.execute(sql: "DELETE FROM t WHERE x = ?", arguments: [round]) }
            #expect(try monitor.version() != afterCommit, "round \(round), after a checkpoint")
        }
    }

    @Test("without WAL, a commit between looks through any two pooled connections gives a new version, first looks included")
    func pooledConnectionsSeeEveryCommit() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("rollback.sqlite")
        let writer = try DatabaseQueue(path: path)
        try await writer.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        var round = 0
        for first in 0..<3 {
            for second in 0..<3 {
                // A new monitor each time, so `second`'s look may be its very first.
                let monitor = try ChangeMonitor(path: path, connections: 3)
                #expect(!monitor.readsSharedMemory)
                let before = try monitor.version(lookingThrough: first)
                round += 1
                let value = round
                try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [value]) }
                let after = try monitor.version(lookingThrough: second)
                #expect(after != before, "looked through \(first), then \(second) after a commit")
                // Once every connection has looked since the commit, they agree.
                _ = try (0..<3).map { try monitor.version(lookingThrough: $0) }
                #expect(Set(try (0..<3).map { try monitor.version(lookingThrough: $0) }).count == 1)
            }
        }
    }

    @Test("many looks at once after each commit all see it, whichever way the monitor looks", arguments: [true, false])
    func concurrentLooksSeeEveryCommit(wal: Bool) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("db.sqlite")
        let writer: any DatabaseWriter = wal ? try DatabasePool(path: path) : try DatabaseQueue(path: path)
        try await writer.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        let monitor = try ChangeMonitor(path: path, connections: 3)
        #expect(monitor.readsSharedMemory == wal)
        for round in 0..<25 {
            let before = try monitor.version()
            try await writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [round]) }
            let after = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<12 { group.addTask { try monitor.version() } }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(after.count == 12 && after.allSatisfy { $0 != before }, "round \(round): \(before) → \(after)")
        }
    }
}

/// Issue 27, finding 1: the monitor once opened the `-shm` file itself, mapped it and closed its
/// descriptor, and POSIX `close` dropped every lock this process held on the file, SQLite's
/// included. The next `errorkb` process then found the file unlocked, truncated it under the
/// server's mappings, and the server died of SIGBUS.
@Suite("Storage: the change monitor leaves SQLite's files to SQLite")
struct ChangeMonitorLockTests {
    @Test("making and asking a monitor keeps SQLite's read lock on the -shm file's DMS byte")
    func monitorKeepsSQLitesLock() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        _ = try await kb.repository.code("404", vendor: nil)
        let shm = kb.path + "-shm"
        let dms = POSIXLocks.Lock(kind: "READ", start: POSIXLocks.sharedMemoryDMSByte, end: POSIXLocks.sharedMemoryDMSByte)
        #expect(try POSIXLocks.held(by: getpid(), on: shm).contains(dms), "SQLite holds it once the store has read")

        let monitor = try ChangeMonitor(path: kb.path)
        #expect(monitor.readsSharedMemory)
        for _ in 0..<3 { _ = try monitor.version() }
        #expect(try POSIXLocks.held(by: getpid(), on: shm).contains(dms), "still held after the monitor mapped the index")

        // And the mapping the monitor reads is SQLite's: no second mapping of the file.
        let maps = try ProcFile.read("/proc/self/maps").split(separator: "\n").filter { $0.hasSuffix(" " + shm) }
        #expect(maps.count == 1, "\(maps)")
    }
}
