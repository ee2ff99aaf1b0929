import ArgumentParser
import ErrorKBCore

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, descriptions, causes and fixes, best match first.",
        discussion: """
            Every word must match, by its stem (requests finds requested); end a word with * to \
            match it as a prefix (tok*). Quotes and operators are \
            searched as plain text.

            Examples:
              errorkb search expired token
              errorkb search "rate limit" --class 4xx --json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: "At most this many results (1-\(PageRequest.maximumLimit)).")
    var limit = 20

    @Flag(help: "Print JSON; matches in snippets are wrapped in [ and ].")
    var json = false

    @Argument(help: "The words to search for.")
    var words: [String]

    func run() async throws {
        let repository = try global.openForReading()
        let terminal = Terminal.current
        // Private-use markers cannot occur in the text, so they are safe to recolour.
        let highlight = json ? Highlight.brackets : Highlight(open: "\u{E000}", close: "\u{E001}")
        let page = try await repository.search(
            words.joined(separator: " "), filter: filters.filter, page: PageRequest(limit: limit), highlight: highlight)
        if json {
            try JSONOutput.print(page.items)
            return
        }
        if page.items.isEmpty { print("no matches") }
        for hit in page.items {
            let place = [hit.vendor, hit.document, hit.section].compactMap { $0 }.joined(separator: " · ")
            print("\(terminal.bold(hit.code))  \(hit.title ?? "")  \(terminal.dim(place))")
            let snippet = hit.snippet
                .replacingOccurrences(of: "\u{E000}", with: terminal.colour ? "\u{1B}[1;33m" : "[")
                .replacingOccurrences(of: "\u{E001}", with: terminal.colour ? "\u{1B}[0m" : "]")
            print(terminal.wrap(snippet, indent: 4))
        }
    }
}
