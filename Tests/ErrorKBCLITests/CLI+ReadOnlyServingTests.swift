import ErrorKBTestSupport
import Foundation
import Testing

/// Issue 27, finding 2: a server user that may read the file but not write it (the usual
/// service account) opened it immutable, and then served the entry as it was before a
/// curator's edit, found new text with an empty snippet, and answered 500 "database disk image
/// is malformed" during imports. A reader that cannot write now reads through SQLite's log and
/// index, which errorkb's writers keep beside the file, or refuses at start saying why.
@Suite("errorkb: readers that may not write the file")
struct ReadOnlyServingTests {
    /// A seeded knowledge base that `user` may read but not write, in a folder it may not write
    /// either: the file, its log and its index all 0644, owned by this process's user.
    private static func readableByOthers() throws -> (folder: TemporaryFolder, db: String) {
        let (folder, db) = try CLIRunner.seeded()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        for file in [db, db + "-wal", db + "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        return (folder, db)
    }

    private static func title(_ server: ServerProcess) async throws -> String? {
        let entry = try await server.json("/v1/codes/404?vendor=akana") as? [String: Any]
        return (entry?["variants"] as? [[String: Any]])?.first?["title"] as? String
    }

    @Test("a server that may not write the file serves every edit and import on the next request, searched and snippeted")
    func serverFollowsEveryCommit() async throws {
        let (folder, db) = try Self.readableByOthers()
        // Root may write any file; an unprivileged user may not (without root, this runs as
        // the file's owner and shows only that nothing else changed).
        let user = try OtherUser.unprivileged()
        let server = try await ServerProcess(database: db, as: user)
        #expect(try await Self.title(server) == "Resource not found")

        var statuses: [Int] = []
        for round in 0..<6 {
            let edited = try CLIRunner.run(["set", "404", "--vendor", "akana", "--title", "Round \(round) zorblax", "--db", db])
            #expect(edited.status == 0, "\(edited.error)")
            #expect(try await Self.title(server) == "Round \(round) zorblax", "round \(round)")
            let search = try await server.get("/v1/search?q=zorblax")
            statuses.append(search.status)
            let hits = try #require(try JSONSerialization.jsonObject(with: search.body) as? [String: Any])["items"] as? [[String: Any]]
            let snippet = try #require(hits?.first?["snippet"] as? String, "round \(round): \(hits ?? [])")
            #expect(snippet.contains("zorblax"), "round \(round): \(snippet)")

            let page = folder.path("acme.md")
            try "# Acme errors\n\n| Code | Title | Description |\n|---|---|---|\n| acme_e1 | Acme \(round) | Edition \(round) of the page. |\n"
                .write(toFile: page, atomically: true, encoding: .utf8)
            let imported = try CLIRunner.run(["import", page, "--vendor", "acme", "--db", db])
            #expect(imported.status == 0, "\(imported.error)")
            let entry = try #require(try await server.json("/v1/codes/acme_e1") as? [String: Any])
            #expect((entry["variants"] as? [[String: Any]])?.first?["description"] as? String == "Edition \(round) of the page.")
            statuses.append(try await server.get("/healthz").status)
        }
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
        // Through runuser, which reports SIGTERM as its own failure; the server itself exits 0.
        let status = try await server.stop()
        #expect(user != nil || status == 0)
        print("read-only serving: 6 edits and 6 imports, each served on the next request by a server running as \(user?.name ?? "the owner")")
    }

    @Test("a reader that may not write the file refuses, saying what to do, when SQLite's log is unreadable or missing, and creates nothing")
    func readerRefusesWithoutTheLog() throws {
        guard let user = try OtherUser.unprivileged() else { return }
        let (folder, db) = try Self.readableByOthers()
        _ = folder
        for file in [db + "-wal", db + "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        let unreadable = try CLIRunner.run(["show", "404", "--db", db], as: user)
        #expect(unreadable.status == 1)
        #expect(unreadable.error.contains("this user may read it but not \(db)-wal and \(db)-shm"), "\(unreadable.error)")
        #expect(unreadable.error.contains("chmod --reference=\(db)"))

        try FileManager.default.removeItem(atPath: db + "-wal")
        try FileManager.default.removeItem(atPath: db + "-shm")
        for command in [["show", "404"], ["mcp"]] {
            let missing = try CLIRunner.run(command + ["--db", db], as: user)
            #expect(missing.status == 1, "\(command)")
            #expect(missing.error.contains("are missing, which SQLite needs to read it"), "\(command): \(missing.error)")
            #expect(missing.error.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"))

        // A write by anyone who may, once, brings them back; from then on the reader reads.
        #expect(try CLIRunner.run(["show", "404", "--db", db]).status == 0)
        for file in [db + "-wal", db + "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        #expect(try CLIRunner.run(["show", "404", "--db", db], as: user).status == 0)
    }

    @Test("a file no one may write (mode 0444) is read as it is and never written, not even by root")
    func frozenFileIsNeverWritten() throws {
        let (folder, db) = try CLIRunner.seeded()
        _ = folder
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let refused = try CLIRunner.run(["code", "add", "E42", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.error == "errorkb: \(db) is read-only (its mode, 0444, lets no one write it): it can be read, shown, exported and served, not changed\n")
        #expect(try CLIRunner.run(["show", "404", "--db", db]).output.contains("Not Found"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
