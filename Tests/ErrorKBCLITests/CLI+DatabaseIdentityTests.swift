import ErrorKBStore
import ErrorKBTestSupport
import Foundation
import GRDB
import Testing

/// Which files `errorkb` and `errorkb-server` take as a knowledge base: theirs, at a schema
/// they know. Anything else is refused at open, before a byte of it changes.
@Suite("errorkb: which databases are opened, and how")
struct DatabaseIdentityTests {
    /// The file's bytes, and those of its WAL and index if any, to show it was not touched.
    private static func fingerprint(_ path: String) throws -> [Data?] {
        [path, path + "-wal", path + "-shm"].map { FileManager.default.contents(atPath: $0) }
    }

    /// Runs the server on `database` and returns its exit status and what it printed, for a
    /// server that refuses to start.
    private static func serverRefusal(_ database: String) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = PackagePaths.products.appendingPathComponent("errorkb-server")
        process.arguments = ["--db", database, "--port", String(Int.random(in: 20_000...60_000))]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = error
        try process.run()
        let printed = try error.fileHandleForReading.readAll()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }

    @Test("another program's SQLite file is refused, untouched, by every command and by the server")
    func foreignDatabaseIsRefused() throws {
        let folder = try TemporaryFolder()
        let db = folder.path("other.sqlite")
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: "CREATE TABLE foo (x); INSERT INTO foo VALUES (1)")
        }
        let before = try Self.fingerprint(db)
        for command in [["show", "404"], ["init"], ["migrate"], ["migrate", "--status"], ["code", "add", "E42"], ["export"]] {
            let result = try CLIRunner.run(command + ["--db", db])
            #expect(result.status == 1, "\(command)")
            #expect(result.error == "errorkb: \(db) is not an ErrorKB knowledge base (it holds other tables: foo); nothing was changed\n")
            #expect(result.output.isEmpty)
        }
        let server = try Self.serverRefusal(db)
        #expect(server.status != 0)
        #expect(server.error.contains("is not an ErrorKB knowledge base"))
        #expect(try Self.fingerprint(db) == before)
    }

    @Test("a database a newer errorkb migrated is refused: an unknown migration or an unknown table",
        arguments: [
            "INSERT INTO grdb_migrations (identifier) VALUES ('0005_registries')",
            "CREATE TABLE registry_entry (id INTEGER PRIMARY KEY)",
        ])
    func newerDatabaseIsRefused(change: String) throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["migrate", "--db", db]).status == 0)
        try DatabaseQueue(path: db).write { db in try db.execute(sql: change) }
        let before = try Self.fingerprint(db)
        for command in [["migrate", "--status"], ["migrate"], ["show", "404"], ["code", "add", "E42"]] {
            let result = try CLIRunner.run(command + ["--db", db])
            #expect(result.status == 1, "\(command)")
            #expect(result.error.hasPrefix("errorkb: \(db) was made by a newer errorkb: it has "), "\(result.error)")
            #expect(result.error.contains(change.hasPrefix("INSERT") ? "migrations 0005_registries" : "tables registry_entry"))
        }
        #expect(try Self.serverRefusal(db).error.contains("was made by a newer errorkb"))
        #expect(try Self.fingerprint(db) == before)
    }

    @Test("a knowledge base emptied on purpose stays empty: neither init nor the server seeds it again")
    func emptiedKnowledgeBaseIsNotReseeded() async throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
        #expect(try CLIRunner.run(["revert", "1", "--db", db]).status == 0)
        let again = try CLIRunner.run(["init", "--db", db])
        #expect(again.status == 0 && again.output.contains("has a history; nothing imported"))

        let server = try await ServerProcess(database: db)
        let health = try #require(try await server.json("/healthz") as? [String: Any])
        #expect(health["codes"] as? Int == 0)
        #expect(try await server.stop() == 0)
        let history = try CLIRunner.run(["history", "--db", db])
        #expect(history.output.split(separator: "\n").filter { $0.hasPrefix("#") }.count == 2, "\(history.output)")

        // A file that never held anything is seeded, by the server as by init.
        let fresh = folder.path("fresh.sqlite")
        #expect(try CLIRunner.run(["migrate", "--db", fresh]).status == 0)
        let seeding = try await ServerProcess(database: fresh)
        #expect((try await seeding.json("/healthz") as? [String: Any])?["codes"] as? Int == 114)
        _ = try await seeding.stop()
    }

    @Test("a read-only database is shown, listed, exported, backed up and served; only writes are refused")
    func readOnlyDatabaseIsReadable() async throws {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
        let export = try CLIRunner.run(["export", "--db", db]).output
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        // Root may write a file of mode 0444; an unprivileged user may not.
        let user = try OtherUser.unprivileged()
        let before = try Self.fingerprint(db)

        let shown = try CLIRunner.run(["show", "404", "--db", db], as: user)
        #expect(shown.status == 0 && shown.output.contains("Not Found"), "\(shown.error)")
        #expect(try CLIRunner.run(["list", "--db", db], as: user).output.contains("invalid_grant"))
        #expect(try CLIRunner.run(["search", "token", "--db", db], as: user).status == 0)
        #expect(try CLIRunner.run(["history", "--db", db], as: user).output.contains("import"))
        #expect(try CLIRunner.run(["migrate", "--status", "--db", db], as: user).output.contains("schema version 7 of 7"))
        let exported = try CLIRunner.run(["export", "--db", db], as: user)
        #expect(exported.status == 0 && exported.output == export)

        let backups = try TemporaryFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: backups.url.path)
        let backup = try CLIRunner.run(["backup", backups.path("copy.sqlite"), "--db", db], as: user)
        #expect(backup.status == 0, "\(backup.error)")
        #expect(try CLIRunner.run(["export", "--db", backups.path("copy.sqlite")]).output == export)

        for write in [["code", "add", "E42"], ["revert", "1"], ["import", PackagePaths.seed(PackagePaths.seedFiles[0]), "--vendor", "x"]] {
            let refused = try CLIRunner.run(write + ["--db", db], as: user)
            #expect(refused.status == 1, "\(write)")
            #expect(refused.error.hasPrefix("errorkb: \(db) is read-only ("), "\(refused.error)")
            #expect(refused.error.hasSuffix("it can be read, shown, exported and served, not changed\n"))
        }

        let server = try await ServerProcess(database: db, as: user)
        let lookup = try await server.get("/v1/codes/404")
        #expect(lookup.status == 200)
        #expect(String(decoding: lookup.body, as: UTF8.self).contains("Not Found"))
        _ = try await server.stop()
        #expect(try Self.fingerprint(db) == before)
    }
}
