import Foundation

/// Runs the built `errorkb` executable as a person would, and captures what it prints.
public struct CLIResult: Sendable {
    public var status: Int32
    public var output: String
    public var error: String
}

public enum CLIRunner {
    /// - Parameter standardOutput: where its output goes instead of being captured (`output` is
    ///   then empty): `/dev/full`, a FIFO, ...
    /// - Parameter input: written to its standard input, which is then closed; without it the
    ///   command reads an empty input.
    /// - Parameter hangGuard: seconds after which a command that has not exited is killed
    ///   (SIGKILL, so `status` is 9), for tests of commands that must exit: a hang then fails
    ///   the test instead of stopping the suite. Not a timing assertion: far longer than any run.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], as user: OtherUser? = nil,
        standardOutput: FileHandle? = nil, input: Data? = nil, hangGuard: Int? = nil, product: String = "errorkb"
    ) throws -> CLIResult {
        let process = Process()
        let executable = PackagePaths.products.appendingPathComponent(product)
        try OtherUser.prepare(process, running: executable, arguments: arguments, as: user)
        var base = ["PATH": "/usr/bin:/bin", "USER": "tester", "NO_COLOR": "1"]
        base.merge(environment) { _, new in new }
        process.environment = base
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = standardOutput ?? output
        process.standardError = error
        let standardInput = Pipe()
        process.standardInput = standardInput
        try process.run()
        // Signalled once the command has exited, so the guard never signals another process.
        let exited = DispatchSemaphore(value: 0)
        defer { exited.signal() }
        if let hangGuard {
            let pid = process.processIdentifier
            Thread {
                if exited.wait(timeout: .now() + .seconds(hangGuard)) == .timedOut { kill(pid, SIGKILL) }
            }.start()
        }
        let writer = standardInput.fileHandleForWriting
        // Written on its own thread: a command that answers as it reads could otherwise fill
        // its output pipe while this one waits to write.
        let writing = Thread {
            if let input { try? writer.write(contentsOf: input) }
            try? writer.close()
        }
        writing.start()
        // Read before waiting, and both at once, so a large output on either pipe cannot fill
        // it and stall the child.
        if standardOutput != nil { try output.fileHandleForWriting.close() }
        let errorReading = BackgroundRead(error.fileHandleForReading)
        let outputData = try output.fileHandleForReading.readAll()
        let errorData = try errorReading.wait()
        process.waitUntilExit()
        exited.signal()
        return CLIResult(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }
}

extension CLIRunner {
    /// Runs the built `errorkb-server` as ``run(_:environment:as:standardOutput:input:hangGuard:product:)`` runs `errorkb`.
    public static func runServer(_ arguments: [String], hangGuard: Int) throws -> CLIResult {
        try run(arguments, hangGuard: hangGuard, product: "errorkb-server")
    }

    /// A knowledge base filled by `errorkb init`, in a folder of its own that lives as long as
    /// the returned value is kept.
    public static func seeded() throws -> (folder: TemporaryFolder, db: String) {
        let folder = try TemporaryFolder()
        let db = folder.path("kb.sqlite")
        let result = try run(["init", "--db", db])
        guard result.status == 0 else { throw SetUpFailure(message: "errorkb init: \(result.error)") }
        return (folder, db)
    }

    /// A test's set-up that did not work, with what the command said.
    public struct SetUpFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Runs a shell command line (mount, umount, ...) and returns its exit status.
    public static func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// An unprivileged user to run a built executable as, for what root may always do (write a
/// file of mode 0444). The executable is copied into a folder that user can read, since the
/// build folder may not be.
public struct OtherUser: Sendable {
    public static let runuser = URL(fileURLWithPath: "/usr/sbin/runuser")
    public let name: String
    let folder: TemporaryFolder

    /// `nobody` when this process is root and `runuser` exists; `nil` for anyone else, who
    /// is unprivileged already.
    public static func unprivileged() throws -> OtherUser? {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: runuser.path) else { return nil }
        let folder = try TemporaryFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        return OtherUser(name: "nobody", folder: folder)
    }

    /// Sets `process` to run `executable` with `arguments`, as `user` when one is given.
    static func prepare(_ process: Process, running executable: URL, arguments: [String], as user: OtherUser?) throws {
        guard let user else {
            process.executableURL = executable
            process.arguments = arguments
            return
        }
        process.executableURL = runuser
        process.arguments = ["-u", user.name, "--", try user.copy(executable)] + arguments
    }

    /// The executable's copy this user can run.
    public func copy(_ executable: URL) throws -> String {
        let copy = folder.path(executable.lastPathComponent)
        if !FileManager.default.fileExists(atPath: copy) {
            try FileManager.default.copyItem(atPath: executable.path, toPath: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy)
        }
        return copy
    }
}
