import ErrorKBTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

@testable import ErrorKBStore

/// A store that may not write tries a read again when SQLite caught the log's index mid-change
/// (the soak's one 500 in 50,000: "attempt to write a readonly database" at `PRAGMA
/// schema_version`), and reports every other failure at once. The race itself is seldom
/// caught on purpose, so the reads here fail the way SQLite does, on a real read-only store.
@Suite("Storage: reads that may not write try again after a torn index header")
struct ReadOnlyRetryTests {
    @Test("a read failing with SQLITE_READONLY_RECOVERY, BUSY_RECOVERY or PROTOCOL is tried again, and answers")
    func transientFailuresAreRetried() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        try kb.repository.close()
        let store = try KnowledgeBaseStore.openReadOnly(at: kb.path)
        defer { try? store.close() }
        for code in [ResultCode.SQLITE_READONLY_RECOVERY, .SQLITE_BUSY_RECOVERY, .SQLITE_PROTOCOL] {
            let tries = Mutex(0)
            let count = try await store.read { db in
                let attempt = tries.withLock { tries in
                    tries += 1
                    return tries
                }
                if attempt < 3 { throw DatabaseError(resultCode: code) }
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM code") ?? 0
            }
            #expect(count > 30, "\(code)")
            #expect(tries.withLock { $0 } == 3, "\(code)")
        }
    }

    @Test("a failure that persists is reported after the pauses; other failures, and writable stores, fail at once")
    func otherFailuresAreNot() async throws {
        let kb = try await TestKnowledgeBase.seeded()
        try kb.repository.close()
        let store = try KnowledgeBaseStore.openReadOnly(at: kb.path)
        defer { try? store.close() }

        let persistent = Mutex(0)
        await #expect(throws: DatabaseError.self) {
            try await store.read { _ in
                persistent.withLock { $0 += 1 }
                throw DatabaseError(resultCode: .SQLITE_READONLY_RECOVERY)
            }
        }
        #expect(persistent.withLock { $0 } == ReadOnlyReadRetry.pauses.count + 1)

        let corrupt = Mutex(0)
        await #expect(throws: DatabaseError.self) {
            try await store.read { _ in
                corrupt.withLock { $0 += 1 }
                throw DatabaseError(resultCode: .SQLITE_CORRUPT)
            }
        }
        #expect(corrupt.withLock { $0 } == 1)

        let writable = try KnowledgeBaseStore.open(at: kb.path)
        defer { try? writable.close() }
        let writableTries = Mutex(0)
        await #expect(throws: DatabaseError.self) {
            try await writable.read { _ in
                writableTries.withLock { $0 += 1 }
                throw DatabaseError(resultCode: .SQLITE_READONLY_RECOVERY)
            }
        }
        #expect(writableTries.withLock { $0 } == 1)
    }
}
