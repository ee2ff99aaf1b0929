import ErrorKBCore

/// Yandex Flavored Markdown's multiline tables (Diplodoc, the YDB and Yandex Cloud docs), which
/// no CommonMark parser knows:
///
///     #|
///     || Code | Status ||
///     ||
///     [400010](#bad-request)
///     |
///     The request is malformed.
///     ||
///     |#
///
/// `#|` and `|#` open and close the table, `||` opens and closes a row, a `|` alone on its line
/// (or between cells of a row written on one line) ends a cell. A cell is Markdown of its own,
/// read with the page's reader. The first row is the header, as Diplodoc shows it.
///
/// Written by hand: it is a few lines of syntax on top of CommonMark, and the only parser of it
/// is Diplodoc's own (JavaScript).
enum YFMTables {
    /// The tables of `lines` (line `firstLine` first), and the lines left for the Markdown
    /// parser, each table's lines blank so every other line keeps its number.
    static func extract(_ lines: [String], firstLine: Int) -> (lines: [String], tables: [Table]) {
        // Most pages have none: one byte search decides.
        guard lines.contains(where: { $0.containsBytes("#|") }) else { return (lines, []) }
        var remaining = lines
        var tables: [Table] = []
        var index = 0
        var nextClose: Int?
        while index < lines.count {
            guard lines[index].trimmingWhitespace() == "#|" else {
                index += 1
                continue
            }
            // Where the next `|#` stands, found once and kept, so unclosed openers cost no search each.
            if nextClose.map({ $0 <= index }) ?? true {
                nextClose = lines[(index + 1)...].firstIndex { $0.trimmingWhitespace() == "|#" } ?? lines.count
            }
            guard let close = nextClose, close < lines.count else { break }
            if let table = table(lines, from: index, to: close, firstLine: firstLine) {
                tables.append(table)
                for blank in index...close { remaining[blank] = "" }
            }
            index = close + 1
        }
        return (remaining, tables)
    }

    /// `tables` placed among `blocks` by their lines.
    static func merge(_ tables: [Table], into blocks: [Block]) -> [Block] {
        guard !tables.isEmpty else { return blocks }
        var result: [Block] = []
        result.reserveCapacity(blocks.count + tables.count)
        var pending = tables[...]
        for block in blocks {
            while let table = pending.first, table.lines.start < block.lines.start {
                result.append(.table(table))
                pending.removeFirst()
            }
            result.append(block)
        }
        result += pending.map { .table($0) }
        return result
    }

    private static func table(_ lines: [String], from open: Int, to close: Int, firstLine: Int) -> Table? {
        var rows: [(cells: [TableCell], lines: LineRange)] = []
        var cells: [TableCell] = []
        var cell: [SourceLine] = []
        var rowStart: Int?
        func number(_ index: Int) -> Int { firstLine + index }
        func endCell(at index: Int) {
            cells.append(Self.cell(cell, at: number(index)))
            cell = []
        }
        for index in (open + 1)..<close {
            let text = lines[index].trimmingWhitespace()
            if text == "||" {
                if let start = rowStart {
                    endCell(at: index)
                    rows.append((cells, LineRange(start: number(start), end: number(index))))
                    cells = []
                    rowStart = nil
                } else {
                    rowStart = index
                }
            } else if rowStart != nil, text == "|" {
                endCell(at: index)
            } else if rowStart == nil, text.hasPrefix("||"), text.hasSuffix("||"), text.utf8.count >= 4 {
                // A row on one line: `|| Code | Status ||`.
                let inner = text.dropFirst(2).dropLast(2)
                let line = number(index)
                let rowCells = inner.split(separator: "|", omittingEmptySubsequences: false).map { part in
                    Self.cell([SourceLine(number: line, text: String(part))], at: line)
                }
                rows.append((rowCells, LineRange(start: line, end: line)))
            } else if rowStart != nil {
                cell.append(SourceLine(number: number(index), text: lines[index]))
            }
        }
        guard let header = rows.first, rows.count >= 2, header.cells.count >= 2 else { return nil }
        return Table(
            header: header.cells, rows: rows.dropFirst().map { TableRow(cells: $0.cells, lines: $0.lines) },
            lines: LineRange(start: number(open), end: number(close)))
    }

    /// A cell's lines as Markdown of their own, dedented.
    private static func cell(_ lines: [SourceLine], at fallback: Int) -> TableCell {
        let content = lines.filter { !$0.isBlank }
        guard let first = content.first, let last = content.last else {
            return TableCell(text: "", lines: LineRange(start: fallback, end: fallback))
        }
        let indentation = content.map(\.indentation).min() ?? 0
        let text = lines.drop { $0.isBlank }.map { String($0.text.dropFirst(min(indentation, $0.indentation))) }.joined(separator: "\n")
        return TableCell(blocks: MarkdownReader.parse(text, firstLine: first.number), lines: LineRange(start: first.number, end: last.number))
    }
}
