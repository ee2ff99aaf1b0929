import ArgumentParser
import ErrorKBCore
import ErrorKBImport
import Foundation

/// Runs `errorkb` and turns every failure into one line on standard error and a documented
/// exit code.
public enum ErrorKBMain {
    public static func main(_ arguments: [String]? = nil) async -> Int32 {
        let opened = OpenedStores()
        let status = await OpenedStores.$current.withValue(opened) { await run(arguments) }
        opened.closeAll()
        // Whatever the command printed must have reached its destination, or the run failed.
        if let failure = StandardOutput.shared.finish() {
            return fail(failure, code: 1)
        }
        return status
    }

    private static func run(_ arguments: [String]?) async -> Int32 {
        do {
            var command = try ErrorKBCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as KnowledgeBaseError {
            return fail(message(for: error), code: exitCode(for: error))
        } catch let error as ImportRefusal {
            return fail(error.description, code: 5)
        } catch let error as CLIFailure {
            return fail(error.message, code: error.code)
        } catch where KnowledgeBaseError.storageMessage(for: error) != nil {
            return fail("database: \(KnowledgeBaseError.storageMessage(for: error) ?? "")", code: 1)
        } catch {
            // Help, version and usage errors: ArgumentParser words them and picks the code. A
            // usage error is one line, like every other failure; --help has the usage.
            let code = ErrorKBCommand.exitCode(for: error).rawValue
            if code == 0 {
                print(ErrorKBCommand.fullMessage(for: error))
                return 0
            }
            let message = ErrorKBCommand.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
            return fail(message.replacingOccurrences(of: "Error: ", with: "") + " (see --help)", code: code)
        }
    }

    static func exitCode(for error: KnowledgeBaseError) -> Int32 {
        switch error {
        case .unknownCode, .unknownVendor, .unknownDocument, .unknownVariant, .unknownVariantOf, .unknownRevision, .unknownGuidance: 3
        case .conflict, .ambiguousVariant: 4
        case .invalid: 5
        case .schema, .storage: 1
        }
    }

    /// The error's words, with the options that resolve it where the CLI has them.
    static func message(for error: KnowledgeBaseError) -> String {
        guard case .ambiguousVariant(let code, let candidates) = error else { return error.description }
        return "\(candidates.count) variants of \(code) match; narrow with --document or --section, or give --id: "
            + KnowledgeBaseError.listing(candidates)
    }

    private static func fail(_ message: String, code: Int32) -> Int32 {
        var oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        // Values are quoted short where messages are made (``String/quotedForMessage(limit:)``);
        // this keeps any message a line a person can read, whatever it quotes.
        let limit = 1_000
        if oneLine.count > limit { oneLine = String(oneLine.prefix(limit)) + "… (cut at \(limit) of \(oneLine.count) characters)" }
        if isatty(STDERR_FILENO) == 1 { oneLine = Terminal.escapingControls(oneLine) }
        FileHandle.standardError.write(Data("errorkb: \(oneLine)\n".utf8))
        return code
    }
}

/// A failure the CLI itself detects, with the exit code it deserves.
struct CLIFailure: Error {
    var message: String
    var code: Int32 = 1
}
