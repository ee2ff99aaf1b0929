import ArgumentParser
import ErrorKBCore

extension CodeKind: ExpressibleByArgument {}

/// The filters `list` and `search` share.
struct FilterOptions: ParsableArguments {
    @Option(help: "Only codes of this kind: http, oauth or other.")
    var kind: CodeKind?

    @Option(name: .customLong("class"), help: "Only HTTP codes of this class, e.g. 4xx.")
    var httpClass: String?

    @Option(help: "Only codes this vendor documents.")
    var vendor: String?

    @Option(help: "Only codes from this document (its file name).")
    var document: String?

    func validate() throws {
        if let httpClass, CodeFilter.normalizedClass(httpClass) == nil {
            throw ValidationError("--class must be 1xx, 2xx, 3xx, 4xx or 5xx")
        }
    }

    var filter: CodeFilter {
        CodeFilter(kind: kind, httpClass: httpClass.flatMap(CodeFilter.normalizedClass), vendor: vendor, document: document)
    }
}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List codes, optionally filtered.",
        discussion: """
            Examples:
              errorkb list --class 4xx
              errorkb list --kind oauth --vendor akana --json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filters: FilterOptions

    @Option(help: "At most this many codes (1-\(PageRequest.maximumLimit)).")
    var limit = PageRequest.maximumLimit

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let items = try await Self.codes(in: global.openForReading(), filter: filters.filter, limit: limit)
        if json {
            try JSONOutput.print(items)
            return
        }
        let terminal = Terminal.current
        let width = items.map(\.code.count).max() ?? 4
        for item in items {
            let padded = item.code.padding(toLength: max(width, 4), withPad: " ", startingAt: 0)
            let title = item.titles.first ?? ""
            print("\(terminal.bold(padded))  \(item.kind.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0))  \(item.variantCount) variants  \(terminal.dim(item.vendors.joined(separator: ",")))  \(title)")
        }
    }

    /// Up to `limit` codes of the filtered listing, in code order, over as many pages as that takes.
    static func codes(in knowledgeBase: some KnowledgeBaseReading, filter: CodeFilter, limit: Int) async throws -> [CodeSummary] {
        var items: [CodeSummary] = []
        var cursor: Cursor?
        repeat {
            let page = try await knowledgeBase.codes(
                filter: filter, page: PageRequest(limit: min(limit - items.count, PageRequest.maximumLimit), cursor: cursor))
            items += page.items
            cursor = page.next
        } while cursor != nil && items.count < limit
        return items
    }
}
