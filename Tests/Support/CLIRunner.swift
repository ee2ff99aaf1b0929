import Foundation

/// Runs the built `errorkb` executable as a person would, and captures what it prints.
public struct CLIResult: Sendable {
    public var status: Int32
    public var output: String
    public var error: String
}

public enum CLIRunner {
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = PackagePaths.products.appendingPathComponent("errorkb")
        process.arguments = arguments
        var base = ["PATH": "/usr/bin:/bin", "USER": "tester", "NO_COLOR": "1"]
        base.merge(environment) { _, new in new }
        process.environment = base
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and stall the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }
}
