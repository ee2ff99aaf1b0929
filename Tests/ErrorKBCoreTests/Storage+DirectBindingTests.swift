import ErrorKBCore
import ErrorKBTestSupport
import GRDB
import Testing

@testable import ErrorKBStore

@Suite("Storage: statements bound through SQLite's C API")
struct DirectBindingTests {
    @Test("text, empty text, numbers and NULL arrive as bound; a failed step is a DatabaseError")
    func valuesArriveAsBound() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, s TEXT NOT NULL, maybe, UNIQUE (n))")
            let insert = try db.makeStatement(sql: "INSERT INTO t (n, s, maybe) VALUES (?, ?, ?)")
            try insert.executeDirectly(.integer(1), .text(""), .text(nil))
            try insert.executeDirectly(.integer(Int64.max), .text("naïve \u{1F600} \"quoted\""), .text("x"))
            try insert.executeDirectly(.integer(nil), .text(String(repeating: "long ", count: 10_000)), .integer(7))

            let rows = try Row.fetchAll(db, sql: "SELECT n, s, maybe, typeof(s), typeof(maybe) FROM t ORDER BY rowid")
            #expect(rows[0][0] as Int64? == 1)
            #expect(rows[0][1] as String? == "")
            #expect(rows[0][3] as String? == "text")
            #expect(rows[0][4] as String? == "null")
            #expect(rows[1][0] as Int64? == Int64.max)
            #expect(rows[1][1] as String? == "naïve \u{1F600} \"quoted\"")
            #expect((rows[2][1] as String?)?.count == 50_000)
            #expect(rows[2][4] as String? == "integer")

            // The statement is reset after a failure and works again.
            #expect {
                try insert.executeDirectly(.integer(1), .text("again"), .text(nil))
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT
            }
            #expect(throws: DatabaseError.self) { try insert.executeDirectly(.integer(2), .text(nil), .text(nil)) }
            try insert.executeDirectly(.integer(3), .text("after"), .text(nil))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 4)
        }
    }

    @Test("an integer query gives its first row's value, nil for no row or NULL, and runs again after a failure")
    func integerQueries() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER); INSERT INTO t VALUES ('a', 41), ('b', NULL)")
            let lookup = try db.makeStatement(sql: "SELECT n FROM t WHERE k = ?")
            #expect(try lookup.fetchIntegerDirectly(.text("a")) == 41)
            #expect(try lookup.fetchIntegerDirectly(.text("b")) == nil)
            #expect(try lookup.fetchIntegerDirectly(.text("zz")) == nil)
            #expect(try lookup.fetchIntegerDirectly(.text("a")) == 41)

            let failing = try db.makeStatement(sql: "SELECT n / 0 + abs(?) FROM t WHERE k = 'a'")
            #expect(throws: DatabaseError.self) { try failing.fetchIntegerDirectly(.integer(Int64.min)) }
            #expect(try failing.fetchIntegerDirectly(.integer(1)) == nil)
        }
    }
}

@Suite("Test support: the search index check")
struct SearchIndexCheckTests {
    @Test("it finds a missing row and a stale row, which FTS5's own integrity-check lets pass")
    func findsMissingAndStaleRows() async throws {
        for damage in [
            // A row taken out of the index while its variant stays.
            """
            INSERT INTO variant_search (variant_search, rowid, code, title, description, causes, fixes)
            SELECT 'delete', rowid, code, title, description, causes, fixes FROM variant_search_source WHERE rowid = 1;
            """,
            // Text changed under the index.
            """
            DROP TRIGGER variant_search_before_update; DROP TRIGGER variant_search_after_update;
            UPDATE variant SET description = 'Words the index never saw.' WHERE id = 1;
            """,
        ] {
            let kb = try await TestKnowledgeBase.seeded()
            #expect(try kb.searchIndexProblem() == nil)
            try await DatabaseQueue(path: kb.path).write { db in
                try db.execute(sql: damage)
                try db.execute(sql: "INSERT INTO variant_search (variant_search) VALUES ('integrity-check')")
            }
            #expect(try kb.searchIndexProblem() != nil)
        }
    }
}
