import ErrorKBCore
import ErrorKBStore
import Foundation
import GRDB
import GRDBSQLite
import Testing

@Suite("Storage: process-wide SQLite settings")
struct SQLiteLibraryTests {
    @Test("first thing in a process, memory statistics go off; SQLite counts no allocations while it works")
    func statisticsOffInAFreshProcess() async {
        // A child process, so that SQLite has not started yet, as at the top of an executable's main.
        await #expect(processExitsWith: .success) {
            guard SQLiteLibrary.configureForThisProcess() else { exit(1) }
            do {
                let queue = try DatabaseQueue()
                try queue.write { db in
                    try db.execute(sql: "CREATE TABLE t (payload BLOB); INSERT INTO t VALUES (randomblob(100000))")
                }
            } catch {
                exit(2)
            }
            exit(sqlite3_memory_used() == 0 ? 0 : 3)
        }
    }

    @Test("once SQLite has started, the settings are refused and SQLite carries on as it was")
    func tooLateIsHarmless() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (n); INSERT INTO t VALUES (1)") }
        #expect(SQLiteLibrary.configureForThisProcess() == false)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT n FROM t") } == 1)
    }

    @Test("a process that keeps the statistics counts what SQLite holds, so the check above can fail")
    func statisticsOnByDefault() async {
        await #expect(processExitsWith: .success) {
            do {
                let queue = try DatabaseQueue()
                try queue.write { db in
                    try db.execute(sql: "CREATE TABLE t (payload BLOB); INSERT INTO t VALUES (randomblob(100000))")
                }
                exit(sqlite3_memory_used() > 0 ? 0 : 3)
            } catch {
                exit(2)
            }
        }
    }
}
