import ErrorKBCore

/// The document model as indented text, one block a line with its source lines, the way
/// swift-markdown's `debugDescription` and pandoc's `native` writer show a tree: what `errorkb
/// parse --tree` prints, and what the readers' tests compare, so a reader's change shows as a
/// diff of the tree.
public enum BlockTreeDump {
    public static func dump(_ model: DocumentModel) -> String {
        var lines = ["document \(model.format.rawValue)" + (model.title.map { " title=\(quoted($0))" } ?? "")]
        for block in model.blocks { append(block, depth: 1, to: &lines) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func dump(_ blocks: [Block]) -> String {
        var lines: [String] = []
        for block in blocks { append(block, depth: 0, to: &lines) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func append(_ block: Block, depth: Int, to lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        switch block {
        case .heading(let heading):
            lines.append("\(indent)heading \(heading.level) \(quoted(heading.text)) \(range(heading.lines))")
        case .paragraph(let paragraph):
            lines.append("\(indent)paragraph \(quoted(paragraph.text)) \(range(paragraph.lines))")
        case .list(let list):
            lines.append("\(indent)list \(list.ordered ? "ordered" : "bullets") \(range(list.lines))")
            for item in list.items {
                lines.append("\(indent)  item \(range(item.lines))")
                for inner in item.blocks { append(inner, depth: depth + 2, to: &lines) }
            }
        case .table(let table):
            var flags: [String] = []
            if table.borderless { flags.append("borderless") }
            if table.rowsMayOmitFirstCell { flags.append("row-spans") }
            lines.append("\(indent)table \(range(table.lines))" + (flags.isEmpty ? "" : " " + flags.joined(separator: " ")))
            if !table.header.isEmpty { lines.append("\(indent)  header " + cells(table.header)) }
            for row in table.rows { lines.append("\(indent)  row \(range(row.lines)) " + cells(row.cells)) }
        case .definitions(let list):
            lines.append("\(indent)definitions \(range(list.lines))")
            for item in list.items {
                lines.append("\(indent)  term \(quoted(item.term)) \(range(item.lines))")
                for inner in item.blocks { append(inner, depth: depth + 2, to: &lines) }
            }
        case .code(let code):
            let count = code.text.split(separator: "\n", omittingEmptySubsequences: false).count
            lines.append(
                "\(indent)code\(code.language.map { " \($0)" } ?? "")\(code.indented ? " indented" : "") \(range(code.lines)) "
                    + "\(count) line\(count == 1 ? "" : "s")")
        case .note(let note):
            lines.append("\(indent)note \(range(note.lines))")
            for inner in note.blocks { append(inner, depth: depth + 1, to: &lines) }
        }
    }

    private static func cells(_ cells: [TableCell]) -> String {
        cells.map { quoted($0.text) }.joined(separator: " | ")
    }

    private static func range(_ lines: LineRange) -> String {
        lines.start == lines.end ? "[\(lines.start)]" : "[\(lines.start)-\(lines.end)]"
    }

    /// The text in quotes, line breaks as `\n`, long text cut with its length said.
    private static func quoted(_ text: String) -> String {
        var shown = text.replacingNewlines(with: "\\n")
        if shown.count > 120 { shown = String(shown.prefix(117)) + "... (\(text.count) characters)" }
        return "\"" + shown.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingNewlines(with replacement: String) -> String {
        guard containsBytes("\n") else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }

    fileprivate func replacingQuotes() -> String {
        guard containsBytes("\"") else { return self }
        return split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\"")
    }
}
