import ArgumentParser
import ErrorKBCore

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every variant of a code side by side, with its registration, retry guidance and divergences.",
        discussion: """
            The code may be given by any name: 404, "HTTP 404", "Not Found", NOT_FOUND, \
            invalid_grant, or an old title such as "Unprocessable Entity". A name that names \
            more than one code shows the best match and lists the others.

            Examples:
              errorkb show 404
              errorkb show "Unprocessable Entity"
              errorkb show invalid_grant --vendor akana --json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this vendor's variants.")
    var vendor: String?

    @Flag(help: "Print JSON (the shape of GET /v1/codes/{code}).")
    var json = false

    @Argument(help: "An HTTP status (404), a string code (invalid_grant), or a name for one (\"Not Found\").")
    var code: String

    func run() async throws {
        let repository = try global.openForReading()
        let (answer, others) = try await Self.answer(for: code, vendor: vendor, in: repository, today: CalendarDay.today())
        if json {
            try JSONOutput.print(answer)
        } else {
            CodeEntryPrinter(terminal: .current).print(answer, alsoNamed: others)
        }
    }

    /// The code `name` names and the other codes it could name. The name is read as a code
    /// first, so `404` never costs a search.
    static func answer(for name: String, vendor: String?, in knowledgeBase: some KnowledgeBaseReading, today: String)
        async throws -> (CodeAnswer, [CodeNameResolution])
    {
        if ErrorCode.isValid(name), let answer = try await CodeAnswer.read(name, vendor: vendor, in: knowledgeBase, today: today) {
            return (try requireVariants(answer, vendor: vendor), [])
        }
        let found = try await CodeNameLookup.resolve(name, in: knowledgeBase)
        guard let best = found.first,
            let answer = try await CodeAnswer.read(best.code, vendor: vendor, in: knowledgeBase, today: today)
        else { throw KnowledgeBaseError.unknownCode(name) }
        return (try requireVariants(answer, vendor: vendor), Array(found.dropFirst()))
    }

    private static func requireVariants(_ answer: CodeAnswer, vendor: String?) throws -> CodeAnswer {
        if let vendor, answer.variants.isEmpty {
            throw KnowledgeBaseError.unknownVariantOf(code: answer.code, vendor: vendor, document: nil, section: nil)
        }
        return answer
    }
}
