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
        let highlight = json ? Highlight.brackets : terminal.searchHighlight
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
            print(terminal.wrap(hit.snippet, indent: 4))
        }
    }
}
