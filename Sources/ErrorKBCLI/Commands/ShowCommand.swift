import ArgumentParser
import ErrorKBCore

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every variant of a code side by side.",
        discussion: """
            Examples:
              errorkb show 404
              errorkb show invalid_grant --vendor akana --json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this vendor's variants.")
    var vendor: String?

    @Flag(help: "Print JSON (the shape of GET /v1/codes/{code}).")
    var json = false

    @Argument(help: "An HTTP status (404) or a string code (invalid_grant).")
    var code: String

    func run() async throws {
        let repository = try global.openForReading()
        guard let entry = try await repository.code(code, vendor: vendor) else {
            throw KnowledgeBaseError.unknownCode(code)
        }
        if json {
            try JSONOutput.print(entry)
        } else {
            CodeEntryPrinter(terminal: .current).print(entry)
        }
    }
}
