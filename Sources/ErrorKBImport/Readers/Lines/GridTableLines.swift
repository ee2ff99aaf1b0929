import ErrorKBCore

/// Tables drawn with `+`, `-`, `=` and `|`, in reStructuredText and in plain and RFC text:
///
///     +------+----------+          |Status Code | Meaning         |
///     | Code | Solution |         -+------------+-----------------|
///     +======+==========+          | 1007       | Invalid frame   |
///     | 400  | Retry.   |          |            | payload data    |
///     +------+----------+         -+------------+-----------------|
///
/// Columns are where the border's `+` and `|` stand. A row runs from border to border; in
/// text, where many tables draw no border between rows, a line whose first cell is empty goes
/// on with the row above and any other line starts a row. Blank lines inside the table (an RFC
/// page break, whose footer and header are chrome) do not end it when the next line is one of
/// its rows, and a header repeated after such a break is not a row. The header is the part
/// above a `+===+` border, or, in text, the part above the first border when a border follows
/// it. What a cell holds is the dialect's to say (`cell`): text, or blocks read with its rules.
enum GridTableLines {
    /// How a dialect reads the lines of one cell, dedented.
    typealias CellReader = ([SourceLine]) -> TableCell

    /// `+---+---+`, `+===+`, `-+----+---|`, `|----+----|`: dashes or equals signs, with at least
    /// one `+` to mark a column, and nothing else.
    static func isBorder(_ text: String) -> Bool {
        guard text.utf8.count >= 3, text.containsBytes("+") else { return false }
        var rule = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "="): rule = true
            case UInt8(ascii: "+"), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: " "): continue
            default: return false
            }
        }
        return rule
    }

    /// A row line: text between bars, the first bar at a column of the border.
    private static func isRow(_ line: SourceLine, columns: [Int]) -> Bool {
        let characters = Array(line.text)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }), characters[first] == "|" else { return false }
        return columns.contains(first) || columns.contains(first + 1) || columns.contains(first - 1)
    }

    /// The table starting at `start` (a border, or a header row right over one), and the index
    /// of the line after it. `textRows`: split a part between borders into rows by its first
    /// cell, as text tables need; reStructuredText keeps one row per part.
    static func read(_ lines: [SourceLine], at start: Int, textRows: Bool, cell: CellReader) -> (table: Table, end: Int)? {
        let opening = lines[start].trimmed
        let borderIndex: Int
        if isBorder(opening) {
            borderIndex = start
        } else if opening.hasPrefix("|"), start + 1 < lines.count, isBorder(lines[start + 1].trimmed) {
            borderIndex = start + 1
        } else {
            return nil
        }
        let columns = boundaries(of: lines[borderIndex].text)
        guard columns.count >= 2 else { return nil }

        var parts: [[SourceLine]] = [[]]
        // Which parts a border of `=` ends: the header's, in reStructuredText.
        var headerPartEnd: Int?
        var index = start
        var last = start
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                // A page break or a gap: the table goes on if its next line is one of its own.
                var next = index + 1
                while next < lines.count, lines[next].isBlank, next - index <= maximumGap { next += 1 }
                guard next < lines.count, !lines[next].isBlank,
                    isBorder(lines[next].trimmed) && boundaries(of: lines[next].text) == columns || isRow(lines[next], columns: columns)
                else { break }
                index = next
                continue
            }
            if isBorder(line.trimmed) {
                guard boundaries(of: line.text).count >= 2 else { break }
                if line.trimmed.containsBytes("="), headerPartEnd == nil, parts.count == 1, !parts[0].isEmpty { headerPartEnd = 1 }
                if !parts[parts.count - 1].isEmpty { parts.append([]) }
                last = index
                index += 1
                continue
            }
            guard isRow(line, columns: columns) else { break }
            parts[parts.count - 1].append(line)
            last = index
            index += 1
        }
        if parts.last?.isEmpty == true { parts.removeLast() }
        guard !parts.isEmpty else { return nil }

        // The header: above `+===+`, else (in text) the part above the first border under a
        // row, when the table has more than that part. A text table with no header, whose rows
        // each stand between borders, gives its first row as the header: the entry reader,
        // which knows codes, takes a header that holds one back as a row.
        let headerParts = headerPartEnd ?? (textRows && parts.count >= 2 ? 1 : 0)
        var header: [TableCell] = []
        var rows: [TableRow] = []
        for (number, part) in parts.enumerated() {
            let partRows = textRows && number >= headerParts ? splitByFirstCell(part, columns: columns) : [part]
            for rowLines in partRows {
                let cells = cellLines(of: rowLines, columns: columns).map(cell)
                if number < headerParts {
                    header = cells
                } else if !header.isEmpty, cells.map(\.flatText) == header.map(\.flatText) {
                    continue  // the header again, after a page break
                } else if cells.contains(where: { !$0.flatText.isEmpty }) {
                    rows.append(TableRow(cells: cells, lines: LineRange(start: rowLines[0].number, end: rowLines[rowLines.count - 1].number)))
                }
            }
        }
        guard !rows.isEmpty || !header.isEmpty else { return nil }
        let range = LineRange(start: lines[start].number, end: lines[last].number)
        return (Table(header: header, rows: rows, lines: range), last + 1)
    }

    /// A page break inside a table may hold this many blank lines (footer, form feed, header,
    /// and the blank lines around them).
    static let maximumGap = 12

    /// Offsets of the `+` and `|` of a border: where columns meet.
    static func boundaries(of border: String) -> [Int] {
        var result: [Int] = []
        for (offset, character) in border.enumerated() where character == "+" || character == "|" { result.append(offset) }
        return result
    }

    /// The lines of a part, a row each, a line whose first cell is blank going on with the row above.
    private static func splitByFirstCell(_ part: [SourceLine], columns: [Int]) -> [[SourceLine]] {
        var rows: [[SourceLine]] = []
        for line in part {
            let first = cells(of: line, columns: columns).first ?? ""
            if first.trimmingWhitespace().isEmpty, !rows.isEmpty {
                rows[rows.count - 1].append(line)
            } else {
                rows.append([line])
            }
        }
        return rows
    }

    /// Each column's lines of a row, dedented, with their source line numbers.
    private static func cellLines(of row: [SourceLine], columns: [Int]) -> [[SourceLine]] {
        var result = Array(repeating: [SourceLine](), count: columns.count - 1)
        for line in row {
            for (column, text) in cells(of: line, columns: columns).enumerated() where column < result.count {
                result[column].append(SourceLine(number: line.number, text: text))
            }
        }
        return result.map { lines in
            let indentation = lines.filter { !$0.isBlank }.map(\.indentation).min() ?? 0
            return lines.map { SourceLine(number: $0.number, text: String($0.text.dropFirst(min(indentation, $0.indentation)))) }
        }
    }

    /// The text of each column of one line. Split at its bars when it has one per boundary (a
    /// cell that overflows its column moves the bars after it, not the cells); else by the
    /// border's offsets.
    private static func cells(of line: SourceLine, columns: [Int]) -> [String] {
        let characters = Array(line.text)
        let bars = characters.indices.filter { characters[$0] == "|" }
        if bars.count == columns.count {
            return (0..<(bars.count - 1)).map { String(characters[(bars[$0] + 1)..<bars[$0 + 1]]) }
        }
        return (0..<(columns.count - 1)).map { column in
            let from = min(columns[column] + 1, characters.count)
            let to = min(columns[column + 1], characters.count)
            return from < to ? String(characters[from..<to]) : ""
        }
    }
}
