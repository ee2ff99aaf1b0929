import ArgumentParser
import ErrorKBCore
import ErrorKBImport

/// `errorkb parse`: what an import of a page would find in it, field by field, without a
/// knowledge base — so a curator can check a page (and the importer) before writing anything.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show the entries the importer finds in pages, without importing them.",
        discussion: """
            For each page, how each table was read (the column taken as each role and why), \
            then every entry with its code, title, section, HTTP status, causes, fixes and \
            source lines, in page order. --tree prints the blocks the page was read \
            into instead (headings, paragraphs, lists, tables and their cells, definitions, \
            code, notes), each with its lines. No database is opened.

            Examples:
              errorkb parse stripe-errors.md
              errorkb parse --json rfc6749.txt
              errorkb parse --tree errors.rst
            """)

    @Flag(help: "Print the document model's tree instead of the entries.")
    var tree = false

    @Flag(help: "Print the entries as JSON.")
    var json = false

    @Argument(help: "The pages to read.")
    var files: [String]

    func validate() throws {
        if tree, json { throw ValidationError("--tree and --json are two different outputs; choose one") }
    }

    func run() async throws {
        var results: [ParsedPage] = []
        for file in files {
            let inspection = try await PageInspection.inspect(path: file)
            if tree {
                print(BlockTreeDump.dump(inspection.model), terminator: "")
                continue
            }
            let page = ParsedPage(file: file, inspection.parsed)
            if json {
                results.append(page)
            } else {
                print(page.text, terminator: "")
            }
        }
        if json { try JSONOutput.print(results) }
    }
}

/// One page's entries, as `errorkb parse` prints them.
struct ParsedPage: Encodable {
    struct Entry: Encodable {
        var code: String
        var kind: String
        var title: String?
        var section: String?
        var httpStatus: Int?
        var description: String
        var causes: [String]
        var fixes: [String]
        var lines: LineRange
    }

    var file: String
    var format: String
    var title: String?
    var layouts: [String]
    var tables: [TableReading]
    var entries: [Entry]

    init(file: String, _ parsed: ParsedDocument) {
        self.file = file
        format = parsed.format.rawValue
        title = parsed.title
        layouts = parsed.layouts.map(\.rawValue)
        tables = parsed.tables
        entries = parsed.entries.map {
            Entry(
                code: $0.code, kind: $0.kind.rawValue, title: $0.title, section: $0.section, httpStatus: $0.httpStatus,
                description: $0.description, causes: $0.causes, fixes: $0.fixes, lines: $0.lines)
        }
    }

    var text: String {
        var out = "\(file): \(entries.count) entr\(entries.count == 1 ? "y" : "ies") (\(format); \(layouts.joined(separator: ", ")))\n"
        for table in tables { out += "  \(table.summary)\n" }
        for entry in entries {
            let lines = entry.lines.start == entry.lines.end ? "line \(entry.lines.start)" : "lines \(entry.lines.start)-\(entry.lines.end)"
            var facts = [lines]
            if let section = entry.section { facts.append("section \(section)") }
            if let status = entry.httpStatus { facts.append("HTTP \(status)") }
            facts.append("\(entry.causes.count) cause\(entry.causes.count == 1 ? "" : "s"), \(entry.fixes.count) fix\(entry.fixes.count == 1 ? "" : "es")")
            out += "  \(entry.code)\(entry.title.map { "  \($0)" } ?? "")  (\(facts.joined(separator: " · ")))\n"
        }
        return out
    }
}
