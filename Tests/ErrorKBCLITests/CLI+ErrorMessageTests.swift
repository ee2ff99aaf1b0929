import ErrorKBTestSupport
import Foundation
import Testing

/// Failures that say what happened: one line, the system's own reason, what was (not) written.
@Suite("errorkb: errors that say what happened")
struct ErrorMessageTests {

    @Test("importing what is not a regular file says what it is; no Foundation error text reaches the user")
    func importingNonFiles() throws {
        let kb = try CLIRunner.seeded()
        let fifo = kb.folder.path("pipe.md")
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, says) in [
            (fifo, "it is a FIFO (named pipe), not a regular file"), ("/dev/zero", "it is a device, not a regular file"),
            (kb.folder.url.path, "it is a folder, not a regular file"), (kb.folder.path("missing.md"), "no such file"),
        ] {
            for options in [["--vendor", "acme"], ["--format", "json"]] {
                let result = try CLIRunner.run(["import", path, "--db", kb.db] + options)
                #expect(result.status == 5, "\(path)")
                #expect(result.error == "errorkb: \(path): cannot read: \(says)\n")
            }
        }
    }

    @Test("an empty --db is refused, not taken for ./errorkb.sqlite; history of a code never seen is exit 3")
    func emptyDatabaseOptionAndUnknownHistory() throws {
        let kb = try CLIRunner.seeded()
        let empty = try CLIRunner.run(["show", "404", "--db", ""])
        #expect(empty.status == 64)
        #expect(empty.error.hasPrefix("errorkb: --db must name a file") && empty.error.split(separator: "\n").count == 1)
        let history = try CLIRunner.run(["history", "999", "--db", kb.db])
        #expect(history.status == 3)
        #expect(history.error == "errorkb: unknown code '999'\n")
        #expect(try CLIRunner.run(["history", "404", "--db", kb.db]).status == 0)
    }

    @Test("an edit the editor deleted, or saved as another encoding, writes nothing and says where the text is")
    func editorMishaps() throws {
        let kb = try CLIRunner.seeded()
        let before = try CLIRunner.run(["export", "--db", kb.db]).output
        let deleting = try kb.folder.write("delete.sh", "#!/bin/sh\nrm -f \"$1\"\n")
        let latin1 = try kb.folder.write("latin1.sh", "#!/bin/sh\nprintf 'Title: Caf\\351\\n' > \"$1\"\n")
        for script in [deleting, latin1] { #expect(chmod(script, 0o755) == 0) }

        let gone = try CLIRunner.run(["edit", "404", "--vendor", "akana", "--db", kb.db], environment: ["EDITOR": deleting])
        #expect(gone.status == 5)
        #expect(gone.error.contains("is gone (did the editor delete or move it?); nothing was written"), "\(gone.error)")

        let encoded = try CLIRunner.run(["edit", "404", "--vendor", "akana", "--db", kb.db], environment: ["EDITOR": latin1])
        #expect(encoded.status == 5)
        #expect(encoded.error.contains("not UTF-8 (first bad byte at offset 10); nothing was written; your edit is kept in "), "\(encoded.error)")
        let kept = try #require(encoded.error.components(separatedBy: "kept in ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(FileManager.default.contents(atPath: kept) == Data("Title: Caf\u{E9}".data(using: .isoLatin1)! + [0x0A]))
        try? FileManager.default.removeItem(atPath: kept)
        #expect(try CLIRunner.run(["export", "--db", kb.db]).output == before)
    }

    @Test("a backup says why it cannot be made: a missing folder, a full disk; no partial copy is left")
    func backupFailures() throws {
        let kb = try CLIRunner.seeded()
        let missing = try CLIRunner.run(["backup", kb.folder.path("no/such/copy.sqlite"), "--db", kb.db])
        #expect(missing.status == 1)
        #expect(missing.error == "errorkb: cannot create \(kb.folder.path("no/such/copy.sqlite")): No such file or directory\n")
        // A 64 KiB tmpfs, smaller than any knowledge base; only root may mount one.
        guard getuid() == 0 else { return }
        let mountPoint = try TemporaryFolder()
        let mount = try CLIRunner.shell("mount -t tmpfs -o size=64k tmpfs '\(mountPoint.url.path)'")
        try #require(mount == 0, "root could not mount a tmpfs")
        defer { _ = try? CLIRunner.shell("umount '\(mountPoint.url.path)'") }
        let target = mountPoint.path("copy.sqlite")
        let backup = try CLIRunner.run(["backup", target, "--db", kb.db])
        #expect(backup.status == 1)
        #expect(backup.error == "errorkb: database: database or disk is full\n")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("on a terminal, control characters in imported text are shown escaped; our colours still work")
    func terminalEscapes() throws {
        let kb = try CLIRunner.seeded()
        let page = try kb.folder.write(
            "evil\u{1B}[2J.md", "# Evil errors\n\n| Code | Title | Description |\n|---|---|---|\n| E_EVIL | Clear \u{1B}[2J screen | Rings \u{07} the bell \u{9B}31m. |\n")
        #expect(try CLIRunner.run(["import", page, "--vendor", "acme", "--db", kb.db]).status == 0)
        // `script` runs the command on a pseudo-terminal, as a person's shell would.
        let executable = PackagePaths.products.appendingPathComponent("errorkb").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(executable)' show E_EVIL --db '\(kb.db)'", "/dev/null"]
        process.environment = ["PATH": "/usr/bin:/bin", "TERM": "xterm"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let shown = String(decoding: try output.fileHandleForReading.readAll(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(shown.contains("Clear ^[[2J screen"), "\(shown)")
        #expect(shown.contains("Rings ^G the bell <U+009B>31m."))
        #expect(shown.contains("evil^[[2J.md"))
        #expect(!shown.contains("\u{1B}[2J") && !shown.contains("\u{07}"))
        #expect(shown.contains("\u{1B}[1m"), "bold, from our own styles")
        // Not on a terminal, the text is the text.
        #expect(try CLIRunner.run(["show", "E_EVIL", "--db", kb.db]).output.contains("Clear \u{1B}[2J screen"))
    }
}
