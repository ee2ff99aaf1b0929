import ErrorKBCore
import Testing

@testable import ErrorKBImport

/// The shapes a hostile probe found super-linear, each read at growing sizes (`LinearTime`):
/// long definition lists in every markup that has them, a line of thousands of Liquid tags,
/// nested YAML aliases, and a page of nothing but table bars. And provenance past line 65,535,
/// where libxml2 stops counting unless asked.
@Suite("Import: hostile shapes at scale", .timeLimit(.minutes(10)))
struct HostileShapeScaleTests {
    /// Definitions one after another: each reader meets them one at a time and must not copy
    /// the list so far for each (that was 236 s for 100,000).
    enum DefinitionShape: String, CaseIterable {
        case markdown = "Markdown `: ` definitions"
        case html = "HTML <dl>"
        case rstFields = "reStructuredText field list (`:E100000: ...`)"
        case asciiDoc = "AsciiDoc `E100000:: ...`"

        var fileName: String {
            switch self {
            case .markdown: "codes.md"
            case .html: "codes.html"
            case .rstFields: "codes.rst"
            case .asciiDoc: "codes.adoc"
            }
        }

        func page(_ count: Int) -> String {
            let items = (0..<count).map { (code: "E\(100_000 + $0)", text: "Widget \($0) could not be read.") }
            switch self {
            case .markdown:
                return "# Error codes\n\n" + items.map { "\($0.code)\n: \($0.text)\n\n" }.joined()
            case .html:
                return "<h1>Error codes</h1>\n<dl>\n" + items.map { "<dt>\($0.code)</dt><dd>\($0.text)</dd>\n" }.joined() + "</dl>\n"
            case .rstFields:
                return "Error codes\n===========\n\n" + items.map { ":\($0.code): \($0.text)\n" }.joined()
            case .asciiDoc:
                return "= Error codes\n\n== Codes\n\n" + items.map { "\($0.code):: \($0.text)\n" }.joined()
            }
        }
    }

    @Test("20,000 definitions read whole, in linear time", arguments: DefinitionShape.allCases)
    func longDefinitionLists(_ shape: DefinitionShape) throws {
        let count = 20_000
        let parsed = try DocumentParser.parse(shape.page(count), as: shape.fileName)
        #expect(parsed.entries.count == count, "\(shape.rawValue)")
        #expect(parsed.entries.last.map { $0.code == "E\(100_000 + count - 1)" } == true)
        #expect(parsed.entries.first.map { ($0.title ?? $0.description) == "Widget 0 could not be read." } == true)
        try LinearTime.expect(shape.rawValue, file: shape.fileName, size: count) { shape.page($0) }
    }

    @Test("a line of 100,000 Liquid tags is read once, not once per tag")
    func lineOfLiquidTags() throws {
        func page(_ tags: Int) -> String {
            "# Error codes\n\n" + String(repeating: "{% raw %}x{% endraw %}", count: tags)
                + "\n\n| Code | Description |\n|---|---|\n| E100000 | Widget unreadable |\n"
        }
        let parsed = try DocumentParser.parse(page(100_000), as: "codes.md")
        #expect(parsed.entries.map(\.code) == ["E100000"])
        try LinearTime.expect("a line of Liquid tags", file: "codes.md", size: 100_000, page: page)
    }

    @Test("nested YAML aliases are walked once each, not once per reference")
    func yamlAliasBomb() throws {
        // Nine aliases of nine aliases, `levels` deep: 9^levels nodes if each alias were walked.
        func page(_ levels: Int) -> String {
            var lines = ["anchors:", "  l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
            for level in 1..<levels {
                lines.append("  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
            }
            lines += ["errors:", "  E100000: Widget unreadable"]
            return lines.joined(separator: "\n") + "\n"
        }
        let parsed = try DocumentParser.parse(page(12), as: "codes.yaml")
        #expect(parsed.entries.map(\.code) == ["E100000"])
        // 12 levels against 3: 9^9 times the nodes if walked, the same work if not.
        try LinearTime.expect("YAML aliases, 12 levels", file: "codes.yaml", size: 12) { page(max(3, $0)) }
    }

    @Test("a page of table bars costs time in proportion to its lines")
    func pageOfTableBars() throws {
        func page(_ lines: Int) -> String {
            "# Error codes\n\n| Code | Description |\n|---|---|\n" + String(repeating: "|\n", count: lines)
        }
        let parsed = try DocumentParser.parse(page(200_000), as: "codes.md")
        #expect(parsed.entries.isEmpty)
        try LinearTime.expect("lines of `|`", file: "codes.md", size: 200_000, page: page)
    }

    @Test("an HTML entry past line 65,535 is cited at its own line", arguments: [70_000, 200_000])
    func htmlPastSixteenBitLines(fillerLines: Int) throws {
        let page = "<h1>Error codes</h1>\n" + String(repeating: "<p>filler</p>\n", count: fillerLines)
            + "<table>\n<tr><th>Code</th><th>Description</th></tr>\n<tr><td>E100000</td><td>Widget unreadable</td></tr>\n</table>\n"
        let parsed = try DocumentParser.parse(page, as: "codes.html")
        // Line 1 the heading, then the filler, the table's opening tag and its header row.
        let row = 1 + fillerLines + 3
        #expect(parsed.entries.map(\.code) == ["E100000"])
        #expect(parsed.entries.first?.lines == LineRange(start: row, end: row))
    }
}

/// The line limit that bounds a parser's tree, which costs per line whatever the bytes.
@Suite("Import: the line limit")
struct LineLimitTests {
    @Test("a page of more lines than the limit is refused in one line naming the limit; one at the limit is read")
    func lineLimit() throws {
        let limit = SourceText.maximumLines
        let over = "# Error codes\n\n| Code | Description |\n|---|---|\n" + String(repeating: "|\n", count: limit)
        #expect(throws: ImportRefusal.tooManyLines(file: "bars.md", lines: limit + 5, limit: limit)) {
            try SourceText(bytes: Array(over.utf8), fileName: "bars.md")
        }
        let message = ImportRefusal.tooManyLines(file: "bars.md", lines: limit + 5, limit: limit).description
        #expect(message == "bars.md: \(limit + 5) lines is over the limit of \(limit) lines for one document")
        // CR LF and a lone CR end a line each, as the split counts them.
        #expect(SourceText.lineCount(Array("a\r\nb\rc\nd".utf8)) == 4)
        let at = "# Error codes\n\n| Code | Description |\n|---|---|\n| E1 | Widget unreadable |\n" + String(repeating: "\n", count: limit - 6)
        #expect(try SourceText(bytes: Array(at.utf8), fileName: "bars.md").lines.count == limit)
    }
}
