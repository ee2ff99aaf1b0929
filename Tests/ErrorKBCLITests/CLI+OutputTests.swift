import ErrorKBTestSupport
import Foundation
import Testing

/// Where `errorkb`'s output goes, and that a command whose output did not all get there fails.
@Suite("errorkb: output that cannot be written")
struct OutputTests {

    @Test("every command that prints, printing to a full device, exits 1 with one line",
        arguments: [
            ["export"], ["export", "--format", "csv"], ["show", "404"], ["show", "404", "--json"], ["list"],
            ["list", "--json"], ["history"], ["history", "--json"], ["search", "token"], ["migrate", "--status"],
            ["--help"],
        ])
    func printingToAFullDeviceFails(command: [String]) throws {
        let seeded = try CLIRunner.seeded()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try CLIRunner.run(command + (command == ["--help"] ? [] : ["--db", seeded.db]), standardOutput: full)
        #expect(result.status == 1, "\(command)")
        #expect(result.error == "errorkb: cannot write to standard output (No space left on device); the output is incomplete\n")
        // The same command with somewhere to write succeeds.
        #expect(try CLIRunner.run(command + (command == ["--help"] ? [] : ["--db", seeded.db])).status == 0)
    }

    @Test("export --output replaces a regular file atomically, created 0600, and follows a symbolic link to its target")
    func outputToRegularFilesAndLinks() throws {
        let seeded = try CLIRunner.seeded()
        let folder = try TemporaryFolder()
        let expected = try CLIRunner.run(["export", "--db", seeded.db]).output
        let file = folder.path("kb.json")
        #expect(try CLIRunner.run(["export", "--db", seeded.db, "--output", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == expected)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600)

        let target = try folder.write("target.json", "old")
        let link = folder.path("link.json")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try CLIRunner.run(["export", "--db", seeded.db, "--output", link]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["kb.json", "link.json", "target.json"])
    }

    @Test("export --output writes through a FIFO to its reader, and to a device in place")
    func outputToFIFOAndDevices() async throws {
        let seeded = try CLIRunner.seeded()
        let folder = try TemporaryFolder()
        let expected = try CLIRunner.run(["export", "--db", seeded.db]).output
        let fifo = folder.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () -> Data in
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return Data() }
            return (try? handle.readAll()) ?? Data()
        }
        #expect(try CLIRunner.run(["export", "--db", seeded.db, "--output", fifo]).status == 0)
        #expect(String(decoding: await reader.value, as: UTF8.self) == expected)
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)

        // A full device: the write fails, the command says so, and the device node stays.
        let full = try CLIRunner.run(["export", "--db", seeded.db, "--output", "/dev/full"])
        #expect(full.status == 1)
        #expect(full.error == "errorkb: cannot write /dev/full: No space left on device; the output there is incomplete\n")
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        let null = try CLIRunner.run(["export", "--db", seeded.db, "--output", "/dev/null"])
        #expect(null.status == 0)
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("export --output that cannot be written leaves what was there, and no temporary file")
    func failedOutputLeavesTheOldFile() throws {
        let seeded = try CLIRunner.seeded()
        let folder = try TemporaryFolder()
        let missing = try CLIRunner.run(["export", "--db", seeded.db, "--output", folder.path("no/such/folder.json")])
        #expect(missing.status == 1)
        #expect(missing.error.hasPrefix("errorkb: cannot write \(folder.path("no/such/folder.json")): No such file or directory"))
        let directory = try CLIRunner.run(["export", "--db", seeded.db, "--output", folder.url.path])
        #expect(directory.status == 1 && directory.error.contains("it is a folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
