import ErrorKBCore

/// An AsciiDoc table between `|===` lines: cells start with `|` (`a|` and other cell styles
/// before the bar are ignored), a row has as many cells as the first line, and the first row is
/// the header when a blank line follows it or the table is marked `[%header]`.
enum AsciiDocTable {
    static func read(_ lines: [SourceLine], range: LineRange, header: Bool, inline: (String) -> String) -> Table? {
        var cells: [(text: String, line: Int)] = []
        var columns = 0
        var headerRow = header
        var firstRowEnd: Int?
        for (offset, line) in lines.enumerated() {
            if line.isBlank {
                if firstRowEnd == nil, !cells.isEmpty { firstRowEnd = cells.count }
                continue
            }
            let text = line.trimmed
            guard text.contains("|") else {
                // A cell's text goes on from the line before.
                if !cells.isEmpty { cells[cells.count - 1].text += "\n" + text }
                continue
            }
            let parts = split(text)
            if columns == 0 { columns = parts.count }
            for part in parts { cells.append((part, line.number)) }
            if offset == 0, lines.count > 1, lines[1].isBlank { headerRow = true }
        }
        guard columns > 0, !cells.isEmpty else { return nil }
        if firstRowEnd != columns, !header { headerRow = headerRow && firstRowEnd == columns }
        var rows: [TableRow] = []
        var index = 0
        while index < cells.count {
            let row = cells[index..<min(index + columns, cells.count)]
            let lines = LineRange(start: row.first?.line ?? range.start, end: row.last?.line ?? range.start)
            rows.append(TableRow(cells: row.map { TableCell(text: inline($0.text), lines: LineRange(start: $0.line, end: $0.line)) }, lines: lines))
            index += columns
        }
        let head = headerRow && rows.count > 1 ? rows[0].cells : []
        return Table(header: head, rows: headerRow && rows.count > 1 ? Array(rows.dropFirst()) : rows, lines: range)
    }

    /// `|404 |Not found` → ["404", "Not found"]; `a|text` → ["text"].
    private static func split(_ line: String) -> [String] {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        // What stands before the first bar is a cell's style (`a|`), not a cell.
        parts.removeFirst()
        return parts
    }
}
