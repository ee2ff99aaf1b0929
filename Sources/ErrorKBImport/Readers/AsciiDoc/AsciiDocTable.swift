import ErrorKBCore

/// An AsciiDoc table between `|===` lines, as Asciidoctor reads one: cells start with `|` (a
/// cell's style or span before its bar, `a|` or `2+|`, is no part of the text before it), on one
/// line or one a line; the table has as many columns as its `cols` attribute names, else as
/// the cells on its first line, and the cells fill its rows in order. The first row is the
/// header when a blank line follows it or the table is marked `[%header]`.
enum AsciiDocTable {
    static func read(_ lines: [SourceLine], range: LineRange, header: Bool, columns declared: Int?, inline: (String) -> String) -> Table? {
        var cells: [(text: String, line: Int)] = []
        var columns = declared ?? 0
        var headerRow = header
        var firstLineCells: Int?
        var firstRowEnd: Int?
        for line in lines {
            if line.isBlank {
                if firstRowEnd == nil, !cells.isEmpty { firstRowEnd = cells.count }
                continue
            }
            var text = line.trimmed
            // ` +` at a line's end is a hard line break: the cell's next line is a line of its own.
            if text.hasSuffix(" +") { text = String(text.dropLast(2)).trimmingWhitespace() }
            guard text.hasPrefix("|") || (cellSpec(before: text) != nil) else {
                // A cell's text goes on from the line before, up to a bar that starts the next.
                let continued = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                if !cells.isEmpty { cells[cells.count - 1].text += "\n" + continued[0].trimmingWhitespace() }
                if continued.count == 2 {
                    for part in split("|" + continued[1]) { cells.append((part, line.number)) }
                }
                continue
            }
            let parts = split(text)
            if firstLineCells == nil { firstLineCells = parts.count }
            for part in parts { cells.append((part, line.number)) }
        }
        if columns == 0 { columns = firstLineCells ?? 0 }
        guard columns > 0, !cells.isEmpty else { return nil }
        // The implicit header: the first line holds a whole row, and a blank line follows it.
        if !header, firstLineCells == columns, firstRowEnd == columns, let first = lines.firstIndex(where: { !$0.isBlank }) {
            headerRow = first + 1 < lines.count && lines[first + 1].isBlank
        }
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

    /// `cols="20%,80%"`, `cols="1,3a"`, `cols="3*"`, `cols=2`: the number of columns, if the
    /// block attributes name it.
    static func columnCount(attributes: String) -> Int? {
        guard let range = attributes.range(of: "cols=") else { return nil }
        var value = attributes[range.upperBound...]
        if let quote = value.first, quote == "\"" || quote == "'" {
            value = value.dropFirst()
            value = value.prefix { $0 != quote }
        } else {
            value = value.prefix { $0 != "," && $0 != "]" }
        }
        let specs = value.split(separator: ",").map { $0.trimmingWhitespace() }
        if specs.count == 1, let star = specs[0].firstIndex(of: "*"), let count = Int(specs[0][..<star]) {
            return (1...100).contains(count) ? count : nil
        }
        if specs.count == 1, let count = Int(specs[0]), (1...100).contains(count) { return count }
        return specs.isEmpty ? nil : min(specs.count, 100)
    }

    /// `|404 |Not found` → ["404", "Not found"]; `a|text` → ["text"]; `|08001 2+|text` →
    /// ["08001", "text"].
    private static func split(_ line: String) -> [String] {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0) }
        // What stands before the first bar is a cell's style (`a|`), not a cell.
        parts.removeFirst()
        for index in parts.indices.dropLast() {
            // A cell's style or span for the next cell ends this one: `text 2+|`, `text a|`.
            if let spec = cellSpec(after: parts[index]) { parts[index] = String(parts[index].dropLast(spec)) }
        }
        return parts.map { $0.trimmingWhitespace() }
    }

    /// The length of a cell specifier that ends `text` after a space (`2+`, `a`, `.3+^a`).
    private static func cellSpec(after text: String) -> Int? {
        guard let space = text.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let spec = text[text.index(after: space)...]
        return isSpec(spec) ? spec.count : nil
    }

    /// A line opening with a cell specifier and its bar: `a|text`, `2+|text`.
    private static func cellSpec(before text: String) -> Int? {
        guard let bar = text.firstIndex(of: "|") else { return nil }
        let spec = text[..<bar]
        return isSpec(spec) ? spec.count : nil
    }

    private static func isSpec(_ spec: Substring) -> Bool {
        guard !spec.isEmpty, spec.count <= 8 else { return false }
        let styles = Set("adehlmsv")
        var rest = spec[...]
        // span or duplication (`2+`, `3*`, `.2+`, `2.3+`), then alignment (`<^>`, `.<`), then a style letter
        while let first = rest.first, first.isNumber || first == "." || first == "+" || first == "*" { rest = rest.dropFirst() }
        while let first = rest.first, "<^>".contains(first) || first == "." { rest = rest.dropFirst() }
        if let first = rest.first, styles.contains(first) { rest = rest.dropFirst() }
        return rest.isEmpty && spec != "." && spec.contains(where: { $0.isNumber || styles.contains($0) })
    }
}
