import ErrorKBCore
import Testing

@testable import ErrorKBImport

/// The table readers on the sizes a generated reference or a hostile page reaches: a 10,000-row
/// table in every table family, a cell wrapped over 10,000 lines, borders never closed. Each
/// must read whole and in time linear in its size (`LinearTime`).
@Suite("Import: table readers at scale", .timeLimit(.minutes(10)))
struct TableScaleTests {
    static let rows = 10_000

    /// One page of `rows` codes in each table family.
    enum Family: String, CaseIterable {
        case textGrid = "text table drawn with +---+"
        case rfcTable = "RFC table drawn with -+- and |"
        case aligned = "aligned columns under a header"
        case rstGrid = "reStructuredText grid table"
        case rstSimple = "reStructuredText simple table"
        case asciiDocRows = "AsciiDoc |=== a row a line"
        case asciiDocCells = "AsciiDoc |=== a cell a line"

        var fileName: String {
            switch self {
            case .textGrid, .rfcTable, .aligned: "codes.txt"
            case .rstGrid, .rstSimple: "codes.rst"
            case .asciiDocRows, .asciiDocCells: "codes.adoc"
            }
        }

        func page(rows: Int) -> String {
            let codes = (0..<rows).map { (code: "E\(100_000 + $0)", text: "Widget \($0) could not be read") }
            var lines: [String] = []
            switch self {
            case .textGrid:
                let border = "+---------+--------------------------------+"
                lines = ["Error codes", "", border, "| Code    | Description                    |", border]
                for row in codes { lines += ["| \(row.code) | \(row.text.padding(30)) |", border] }
            case .rfcTable:
                let rule = "   +---------+--------------------------------+"
                lines = ["Error codes", "", rule, "   | Code    | Description                    |", "   +=========+================================+"]
                for row in codes { lines.append("   | \(row.code) | \(row.text.padding(30)) |") }
                lines.append(rule)
            case .aligned:
                lines = ["Error codes", "", "   Code      Description", "   -------   ------------------------------"]
                for row in codes { lines.append("   \(row.code)   \(row.text)") }
            case .rstGrid:
                let border = "+---------+--------------------------------+"
                lines = ["Error codes", "===========", "", border, "| Code    | Description                    |", "+=========+================================+"]
                for row in codes { lines += ["| \(row.code) | \(row.text.padding(30)) |", border] }
            case .rstSimple:
                let rule = "=======  =============================="
                lines = ["Error codes", "===========", "", rule, "Code     Description", rule]
                for row in codes { lines.append("\(row.code)  \(row.text)") }
                lines.append(rule)
            case .asciiDocRows:
                lines = ["= Error codes", "", "[cols=\"1,3\",options=\"header\"]", "|===", "|Code |Description", ""]
                for row in codes { lines.append("|\(row.code) |\(row.text)") }
                lines.append("|===")
            case .asciiDocCells:
                lines = ["= Error codes", "", "[cols=\"1,3\",options=\"header\"]", "|===", "|Code", "|Description", ""]
                for row in codes { lines += ["|\(row.code)", "|\(row.text)", ""] }
                lines.append("|===")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    @Test("a 10,000-row table reads whole, in linear time", arguments: Family.allCases)
    func tenThousandRows(_ family: Family) throws {
        let parsed = try DocumentParser.parse(family.page(rows: Self.rows), as: family.fileName)
        #expect(parsed.entries.count == Self.rows, "\(family.rawValue)")
        #expect(parsed.entries.last?.code == "E\(100_000 + Self.rows - 1)")
        #expect(parsed.entries.first?.title ?? parsed.entries.first?.description == "Widget 0 could not be read")
        try Self.expectLinear(family.rawValue, file: family.fileName) { family.page(rows: $0) }
    }

    /// One code whose description cell goes on for `lines` lines.
    static func wrappedCell(lines: Int, rst: Bool) -> String {
        let border = "+---------+--------------------------------+"
        var page = ["Error codes", rst ? "===========" : "", "", border, "| Code    | Description                    |", rst ? "+=========+================================+" : border]
        page.append("| E100000 | \("The widget could not".padding(30)) |")
        for line in 1..<lines { page.append("|         | \("be read, line \(line)".padding(30)) |") }
        page.append(border)
        return page.joined(separator: "\n") + "\n"
    }

    @Test("a cell wrapped over 10,000 lines is one cell, read in linear time", arguments: [false, true])
    func cellWrappedOverTenThousandLines(rst: Bool) throws {
        let file = rst ? "codes.rst" : "codes.txt"
        let parsed = try DocumentParser.parse(Self.wrappedCell(lines: Self.rows, rst: rst), as: file)
        #expect(parsed.entries.map(\.code) == ["E100000"])
        let text = [parsed.entries.first?.title, parsed.entries.first?.description].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        // Booleans first: the expectation would print the 300,000-character text.
        let opens = text.hasPrefix("The widget could not be read, line 1 be read, line 2")
        let ends = text.hasSuffix("be read, line \(Self.rows - 1)")
        #expect(opens, "\(text.prefix(80))")
        #expect(ends, "\(text.suffix(80))")
        try Self.expectLinear("a cell wrapped (\(file))", file: file) { Self.wrappedCell(lines: $0, rst: rst) }
    }

    @Test("borders never closed: every row still read, in linear time", arguments: ["codes.txt", "codes.rst", "codes.adoc"])
    func unclosedBorders(file: String) throws {
        func page(_ rows: Int) -> String {
            let codes = (0..<rows).map { "E\(100_000 + $0)" }
            switch file {
            case "codes.adoc":
                // `|===` opened and never closed.
                return (["= Error codes", "", "|===", "|Code |Description", ""] + codes.map { "|\($0) |Widget unreadable" }).joined(separator: "\n")
            default:
                // A top border and a header rule, then rows with no border under any of them.
                let border = "+---------+--------------------+"
                return (["Error codes", file == "codes.rst" ? "===========" : "", "", border, "| Code    | Description        |",
                    file == "codes.rst" ? "+=========+====================+" : border]
                    + codes.map { "| \($0) | Widget unreadable  |" }).joined(separator: "\n")
            }
        }
        let parsed = try DocumentParser.parse(page(Self.rows), as: file)
        // Every row is still a row: an entry each, none taking another's text.
        #expect(parsed.entries.count == Self.rows, "\(file)")
        #expect(Set(parsed.entries.map(\.code)).count == Self.rows, "\(file)")
        #expect(parsed.entries.allSatisfy { ($0.title ?? $0.description) == "Widget unreadable" }, "\(file)")
        try Self.expectLinear("unclosed borders (\(file))", file: file, size: page)
    }

    static func expectLinear(_ name: String, file: String, size page: (Int) -> String) throws {
        try LinearTime.expect(name, file: file, size: rows, page: page)
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
