import ErrorKBTestSupport
import Foundation
import Testing

/// Curating with `errorkb`: edits, `$EDITOR`, history and revert, export, restore and backup.
@Suite("errorkb: curation")
struct CurationTests {
    /// A seeded knowledge base in its own folder; the folder lives as long as this value is used.
    struct Session {
        let folder: TemporaryFolder
        var environment: [String: String] { ["ERRORKB_DB": folder.path("kb.sqlite")] }
    }

    private func seeded() throws -> Session {
        let session = Session(folder: try TemporaryFolder())
        #expect(try CLIRunner.run(["init"], environment: session.environment).status == 0)
        return session
    }

    private func json(_ arguments: [String], _ environment: [String: String]) throws -> Any {
        let result = try CLIRunner.run(arguments + ["--json"], environment: environment)
        #expect(result.status == 0, "\(arguments): \(result.error)")
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }

    @Test("show, list and search print readable text, and JSON with --json")
    func lookUp() throws {
        let session = try seeded()
        let text = try CLIRunner.run(["show", "404"], environment: session.environment)
        #expect(text.output.contains("akana · 000_a66a2b6a826d23c4.txt:22 · Client error codes"))
        #expect(!text.output.contains("\u{1B}["), "no colour when not on a terminal")
        let entry = try #require(try json(["show", "404"], session.environment) as? [String: Any])
        #expect((entry["variants"] as? [Any])?.count == 6)
        #expect((entry["divergences"] as? [[String: Any]])?.first?["says"] as? String == "Resource not found")
        let list = try #require(try json(["list", "--kind", "oauth", "--vendor", "akana"], session.environment) as? [[String: Any]])
        #expect(list.count == 8)
        let hits = try #require(try json(["search", "expired", "token"], session.environment) as? [[String: Any]])
        #expect((hits.first?["snippet"] as? String)?.contains("[") == true)
    }

    @Test("the issue's own examples work, each as one revision naming the actor")
    func editCommands() throws {
        let session = try seeded()
        #expect(try CLIRunner.run(["cause", "add", "404", "--vendor", "akana", "The path has a typo."], environment: session.environment).status == 0)
        #expect(try CLIRunner.run(["fix", "rm", "401", "--vendor", "generic", "--document", "001_ae84c84f41ee20ec.txt", "2"], environment: session.environment).status == 0)
        #expect(try CLIRunner.run(["set", "404", "--vendor", "akana", "--title", "Not Found", "--actor", "ana"], environment: session.environment).status == 0)
        #expect(try CLIRunner.run(["fix", "move", "401", "--vendor", "akana", "1", "1"], environment: session.environment).status != 0)

        let akana = try #require(try json(["show", "404", "--vendor", "akana"], session.environment) as? [String: Any])
        let variant = try #require((akana["variants"] as? [[String: Any]])?.first)
        #expect(variant["title"] as? String == "Not Found")
        #expect(variant["causes"] as? [String] == ["The path has a typo."])
        let generic = try #require(try json(["show", "401", "--vendor", "generic"], session.environment) as? [String: Any])
        let fixes = (generic["variants"] as? [[String: Any]])?.first { $0["document"] as? String == "001_ae84c84f41ee20ec.txt" }?["fixes"] as? [String]
        #expect(fixes == ["Ensure the Access Token is valid and not expired.", "Double-check client_id and client_secret."])

        let history = try #require(try json(["history"], session.environment) as? [[String: Any]])
        #expect(history.prefix(3).compactMap { $0["action"] as? String } == ["variant.update", "fix.remove", "cause.add"])
        #expect(history.first?["actor"] as? String == "ana")
        #expect(history[1]["actor"] as? String == NSUserName())

        #expect(try CLIRunner.run(["code", "add", "499"], environment: session.environment).status == 0)
        #expect(try CLIRunner.run(["vendor", "add", "acme", "--name", "Acme"], environment: session.environment).status == 0)
        let added = try CLIRunner.run(
            ["variant", "add", "499", "--vendor", "acme", "--title", "I'm a teapot", "--description", "Short and stout.", "--fix", "Ask for tea."],
            environment: session.environment)
        #expect(added.status == 0)
        #expect(try CLIRunner.run(["cause", "add", "499", "--vendor", "acme", "--at", "1", "Asked for coffee."], environment: session.environment).status == 0)
        #expect(try CLIRunner.run(["cause", "add", "499", "--vendor", "acme", "--at", "1", "Asked twice."], environment: session.environment).status == 0)
        #expect(try CLIRunner.run(["cause", "move", "499", "--vendor", "acme", "2", "1"], environment: session.environment).status == 0)
        #expect(try CLIRunner.run(["cause", "set", "499", "--vendor", "acme", "2", "Asked once."], environment: session.environment).status == 0)
        let teapot = try #require(try json(["show", "499"], session.environment) as? [String: Any])
        #expect((teapot["variants"] as? [[String: Any]])?.first?["causes"] as? [String] == ["Asked for coffee.", "Asked once."])
    }

    @Test("ambiguous and invalid edits are refused in one line with nothing written",
        arguments: [
            (["set", "404", "--vendor", "generic", "--title", "X"], Int32(4), "2 variants of 404 match"),
            (["set", "404", "--vendor", "akana", "--status", "700"], Int32(5), "outside 100-599"),
            (["set", "999", "--vendor", "akana", "--title", "X"], Int32(3), "unknown code '999'"),
            (["set", "404", "--vendor", "nobody", "--title", "X"], Int32(3), "unknown vendor 'nobody'"),
            (["cause", "add", "404", "--vendor", "akana", "   "], Int32(5), "must not be empty"),
            (["fix", "rm", "404", "--vendor", "akana", "3"], Int32(5), "there is no fix 3"),
            (["set", "404", "--vendor", "akana", "--description", ""], Int32(5), "description"),
            (["vendor", "add", "Bad Slug", "--name", "x"], Int32(5), "lowercase"),
            (["code", "add", "404"], Int32(4), "already exists"),
            (["revert", "9999"], Int32(3), "unknown revision 9999"),
        ])
    func refusedEdits(arguments: [String], status: Int32, message: String) throws {
        let session = try seeded()
        let before = try CLIRunner.run(["export"], environment: session.environment).output
        let result = try CLIRunner.run(arguments, environment: session.environment)
        #expect(result.status == status, "\(result.error)")
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.error.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1)
        #expect(try CLIRunner.run(["export"], environment: session.environment).output == before)
    }

    @Test("edit in $EDITOR applies a valid change as one revision and refuses an invalid one")
    func editInEditor() throws {
        let session = try seeded()
        let folder = session.folder
        let good = try folder.write("good.sh", "#!/bin/sh\nsed -i 's/^Title: .*/Title: Edited/; s/^- Incorrect API endpoint or resource URL./- A stale bookmark./' \"$1\"\n")
        let bad = try folder.write("bad.sh", "#!/bin/sh\nsed -i 's/^HTTP status: .*/HTTP status: 999/' \"$1\"\n")
        let untouched = try folder.write("same.sh", "#!/bin/sh\nexit 0\n")
        for script in [good, bad, untouched] { try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script) }
        let arguments = ["edit", "404", "--vendor", "generic", "--document", "001_ae84c84f41ee20ec.txt"]

        let before = try CLIRunner.run(["export"], environment: session.environment).output
        let refused = try CLIRunner.run(arguments, environment: session.environment.merging(["EDITOR": bad]) { $1 })
        #expect(refused.status == 5)
        #expect(refused.error.contains("outside 100-599") && refused.error.contains("your edit is kept in"))
        #expect(try CLIRunner.run(["export"], environment: session.environment).output == before)
        #expect(try CLIRunner.run(arguments, environment: session.environment.merging(["EDITOR": untouched]) { $1 }).output.contains("no changes"))

        let applied = try CLIRunner.run(arguments, environment: session.environment.merging(["EDITOR": good]) { $1 })
        #expect(applied.status == 0, "\(applied.error)")
        let entry = try #require(try json(["show", "404", "--vendor", "generic"], session.environment) as? [String: Any])
        let variant = try #require((entry["variants"] as? [[String: Any]])?.first { $0["document"] as? String == "001_ae84c84f41ee20ec.txt" })
        #expect(variant["title"] as? String == "Edited")
        #expect(variant["causes"] as? [String] == ["A stale bookmark.", "The resource has been deleted or does not exist."])
        let history = try #require(try json(["history", "404"], session.environment) as? [[String: Any]])
        #expect(history.first?["action"] as? String == "variant.edit")
        #expect((history.first?["changes"] as? [Any])?.count == 1)
    }

    @Test("editing then reverting gives back a byte-identical export")
    func editThenRevert() throws {
        let session = try seeded()
        let before = try CLIRunner.run(["export"], environment: session.environment).output
        _ = try CLIRunner.run(["set", "500", "--vendor", "akana", "--title", "Boom", "--status", "503"], environment: session.environment)
        _ = try CLIRunner.run(["cause", "add", "500", "--vendor", "akana", "A bug."], environment: session.environment)
        _ = try CLIRunner.run(["code", "rm", "415"], environment: session.environment)
        #expect(try CLIRunner.run(["export"], environment: session.environment).output != before)
        let history = try #require(try json(["history", "--limit", "3"], session.environment) as? [[String: Any]])
        for revision in history.compactMap({ $0["id"] as? Int }) {
            #expect(try CLIRunner.run(["revert", String(revision)], environment: session.environment).status == 0)
        }
        #expect(try CLIRunner.run(["export"], environment: session.environment).output == before)
        let reverts = try #require(try json(["history", "--limit", "3"], session.environment) as? [[String: Any]])
        #expect(reverts.allSatisfy { $0["action"] as? String == "revert" })
    }

    @Test("export → import --format json → export is byte-identical; CSV has a row per variant")
    func exportRestoreRoundTrip() throws {
        let session = try seeded()
        let folder = session.folder
        _ = try CLIRunner.run(["cause", "add", "404", "--vendor", "akana", "A \"quoted\", tricky cause."], environment: session.environment)
        let file = folder.path("kb.json")
        #expect(try CLIRunner.run(["export", "--output", file], environment: session.environment).status == 0)
        let restoredDB = folder.path("restored.sqlite")
        let restore = try CLIRunner.run(["import", "--format", "json", "--db", restoredDB, file])
        #expect(restore.status == 0, "\(restore.error)")
        #expect(try CLIRunner.run(["export", "--db", restoredDB]).output == String(contentsOfFile: file, encoding: .utf8))
        // A restore needs an empty knowledge base.
        #expect(try CLIRunner.run(["import", "--format", "json", "--db", restoredDB, file]).status == 4)
        let broken = try folder.write("broken.json", "{\"format\": \"errorkb-export\"}")
        #expect(try CLIRunner.run(["import", "--format", "json", "--db", folder.path("other.sqlite"), broken]).status == 5)

        let csv = try CLIRunner.run(["export", "--format", "csv"], environment: session.environment).output
        #expect(csv.hasPrefix("code,kind,class,vendor,document,section,title,description,http_status,causes,fixes,line,line_end,edited\r\n"))
        #expect(csv.contains("\"A \"\"quoted\"\", tricky cause.\""))
    }

    @Test("backup writes a consistent copy while the server runs, and edits reach the running server")
    func besideTheServer() async throws {
        let session = try seeded()
        let folder = session.folder
        let database = session.folder.path("kb.sqlite")
        let server = try await ServerProcess(database: database)

        let copy = folder.path("backup.sqlite")
        #expect(try CLIRunner.run(["backup", copy], environment: session.environment).status == 0)
        let original = try CLIRunner.run(["export"], environment: session.environment).output
        #expect(try CLIRunner.run(["export", "--db", copy]).output == original)
        #expect(try CLIRunner.run(["backup", copy], environment: session.environment).status == 4)

        // The server caches answers; an edit from another process must still show at once.
        let cached = try #require(try await server.json("/v1/codes/429?vendor=generic") as? [String: Any])
        #expect((cached["variants"] as? [[String: Any]])?.contains { $0["title"] as? String == "Slow Down" } == false)
        #expect(try CLIRunner.run(["set", "429", "--vendor", "generic", "--document", "003_c9016a0a350ab718.txt", "--title", "Slow Down"], environment: session.environment).status == 0)
        let entry = try #require(try await server.json("/v1/codes/429?vendor=generic") as? [String: Any])
        let titles = (entry["variants"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles?.contains("Slow Down") == true)
        #expect(try await server.stop() == 0)
    }

    @Test("every command has --help with an example; completion scripts come from ArgumentParser")
    func helpAndCompletion() throws {
        let commands = [
            ["show"], ["list"], ["search"], ["set"], ["edit"], ["cause", "add"], ["cause", "set"], ["cause", "move"], ["cause", "rm"],
            ["fix", "add"], ["fix", "rm"], ["code", "add"], ["code", "rm"], ["variant", "add"], ["variant", "rm"],
            ["vendor", "list"], ["vendor", "add"], ["vendor", "set"], ["vendor", "rm"], ["history"], ["revert"], ["import"],
            ["export"], ["backup"], ["init"], ["migrate"],
        ]
        for command in commands {
            let help = try CLIRunner.run(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            #expect(help.output.contains("Example"), "\(command) has no example")
        }
        let root = try CLIRunner.run(["--help"])
        #expect(root.output.contains("Exit codes"))
        let completion = try CLIRunner.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.output.contains("errorkb"))
    }
}
