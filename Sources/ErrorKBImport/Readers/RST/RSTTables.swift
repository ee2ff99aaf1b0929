import ErrorKBCore

/// reStructuredText's simple tables, whose cells are a line of text per row. (Grid tables are
/// `GridTableLines`, shared with plain text; a `list-table` is read by `RSTDialect`.)
enum RSTTables {
    // MARK: Simple tables

    static func isSimpleBorder(_ text: String) -> Bool {
        text.contains("=") && text.allSatisfy { $0 == "=" || $0 == " " } && text.split(separator: " ").count >= 2
    }

    ///     ================== ===========
    ///     Normal Status Code Description
    ///     ================== ===========
    ///     200                OK
    ///     ================== ===========
    static func simple(_ lines: [SourceLine], at start: Int) -> (Table, Int)? {
        let border = lines[start].text
        // Each column starts where a run of `=` starts; the last runs to the end of the line.
        var starts: [Int] = []
        var previous: Character = " "
        for (offset, character) in border.enumerated() {
            if character == "=", previous == " " { starts.append(offset) }
            previous = character
        }
        guard starts.count >= 2 else { return nil }
        // Top border, header, border, body, border; or top border, body, border.
        let indentation = lines[start].indentation
        var segments: [[SourceLine]] = [[]]
        var borders = 1
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            if line.indentation == indentation, isSimpleBorder(line.trimmed) {
                borders += 1
                index += 1
                if borders == 3 || index >= lines.count || lines[index].isBlank { break }
                segments.append([])
                continue
            }
            if !line.isBlank, line.indentation < indentation { break }
            segments[segments.count - 1].append(line)
            index += 1
        }
        let headerLines = segments.count >= 2 ? segments[0] : []
        let bodyLines = segments.count >= 2 ? segments[1] : segments[0]
        func cells(of line: SourceLine) -> [String] {
            let characters = Array(line.text)
            return starts.indices.map { column in
                let from = starts[column]
                let to = column + 1 < starts.count ? starts[column + 1] : characters.count
                guard from < characters.count else { return "" }
                return String(characters[from..<max(from, min(to, characters.count))]).trimmingWhitespace()
            }
        }
        var rows: [TableRow] = []
        for line in bodyLines where !line.isBlank && !line.trimmed.allSatisfy({ $0 == "-" || $0 == " " }) {
            let texts = cells(of: line)
            let range = LineRange(start: line.number, end: line.number)
            // A row whose first column is blank goes on with the row above.
            if texts[0].isEmpty, var last = rows.popLast() {
                last.cells = zip(last.cells, texts).map { cell, more in
                    more.isEmpty ? cell : TableCell(text: (InlineText.flat(cell.text) + " " + more).trimmingWhitespace(), lines: cell.lines.union(range))
                }
                last.lines = last.lines.union(range)
                rows.append(last)
                continue
            }
            rows.append(TableRow(cells: texts.map { TableCell(text: RSTInline.render($0), lines: range) }, lines: range))
        }
        let header = headerLines.first.map { line in
            cells(of: line).map { TableCell(text: $0, lines: LineRange(start: line.number, end: line.number)) }
        } ?? []
        guard !rows.isEmpty else { return nil }
        let range = LineRange(start: lines[start].number, end: lines[max(start, index - 1)].number)
        return (Table(header: header, rows: rows, lines: range), index)
    }
}
