import ArgumentParser
import ErrorKBCore
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole knowledge base as one JSON document.",
        discussion: """
            The same data always gives the same bytes: keys and entries are sorted. The shape is \
            documented in the README.

            Examples:
              errorkb export --format json > kb.json
              errorkb export --output kb.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "The output format.")
    var format: Format = .json

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let repository = try global.openRepository()
        let text = try JSONOutput.string(try await repository.export()) + "\n"
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIFailure(message: "cannot write \(output): \(error.localizedDescription)")
        }
    }
}
