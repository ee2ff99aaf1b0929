import ArgumentParser
import ErrorKBCore
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole knowledge base as JSON (lossless) or CSV.",
        discussion: """
            The same data always gives the same bytes: keys and entries are sorted. The JSON \
            shape is documented in the README; `errorkb import --format json` restores it.

            Examples:
              errorkb export --format json > kb.json
              errorkb export --format csv --output kb.csv
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "The output format.")
    var format: Format = .json

    @Option(help: "Write to this file instead of standard output (replaced atomically; created 0600).")
    var output: String?

    func run() async throws {
        let repository = try global.openForReading()
        let export = try await repository.export()
        let text = format == .json ? try JSONOutput.string(export) + "\n" : CSVExport.render(export)
        guard let output else {
            print(text, terminator: "")
            return
        }
        try OutputFile.write(Array(text.utf8), to: output)
    }
}
