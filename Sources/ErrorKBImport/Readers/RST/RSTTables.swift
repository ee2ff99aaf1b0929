import ErrorKBCore

/// reStructuredText's three kinds of table. A grid table's cell is any blocks (read with the
/// page's own parser); a simple table's cell is a line of text per row; a `list-table` is a list
/// of rows, each a list of cells.
enum RSTTables {
    // MARK: Grid tables

    ///     +------+----------+
    ///     | Code | Solution |
    ///     +======+==========+
    ///     | 400  | Retry.   |
    ///     |      |          |
    ///     |      | .. note::|
    ///     +------+----------+
    static func grid(_ lines: [SourceLine], at start: Int, parser: inout RSTBlockParser, depth: Int) -> (Table, Int)? {
        let border = lines[start].text
        let offset = lines[start].indentation
        let columns = border.enumerated().filter { $0.element == "+" }.map(\.offset)
        guard columns.count >= 2, border.trimmingWhitespace().allSatisfy({ "+-=".contains($0) }) else { return nil }
        var header: [TableCell] = []
        var rows: [TableRow] = []
        var pending: [[SourceLine]] = Array(repeating: [], count: columns.count - 1)
        var rowStart = start + 1
        var index = start + 1
        while index < lines.count {
            let text = lines[index].text
            let trimmed = text.trimmingWhitespace()
            guard lines[index].indentation == offset, let first = trimmed.first, first == "|" || first == "+" else { break }
            if first == "+" {
                // A border ends the row; `+===+` also ends the header.
                let cells = pending.map { cell(from: $0, parser: &parser, depth: depth, fallback: lines[rowStart].number) }
                if pending.contains(where: { $0.contains { !$0.isBlank } }) {
                    let range = LineRange(start: lines[rowStart].number, end: lines[index - 1].number)
                    if trimmed.contains("=") && header.isEmpty && rows.isEmpty { header = cells } else { rows.append(TableRow(cells: cells, lines: range)) }
                }
                pending = Array(repeating: [], count: columns.count - 1)
                rowStart = index + 1
                index += 1
                continue
            }
            let characters = Array(text)
            for column in 0..<(columns.count - 1) {
                let from = columns[column] + 1
                let to = min(columns[column + 1], characters.count)
                let part = from < to ? String(characters[from..<to]) : ""
                pending[column].append(SourceLine(number: lines[index].number, text: part))
            }
            index += 1
        }
        guard !rows.isEmpty || !header.isEmpty else { return nil }
        let range = LineRange(start: lines[start].number, end: lines[max(start, index - 1)].number)
        return (Table(header: header, rows: rows, lines: range), index)
    }

    /// A cell's lines, dedented and read as blocks.
    private static func cell(from lines: [SourceLine], parser: inout RSTBlockParser, depth: Int, fallback: Int) -> TableCell {
        let indentation = lines.filter { !$0.isBlank }.map(\.indentation).min() ?? 0
        let dedented = lines.map { SourceLine(number: $0.number, text: String($0.text.dropFirst(min(indentation, $0.indentation)))) }
        let blocks = parser.parse(dedented, depth: depth + 1)
        let numbers = lines.filter { !$0.isBlank }.map(\.number)
        return TableCell(blocks: blocks, lines: LineRange(start: numbers.first ?? fallback, end: numbers.last ?? fallback))
    }

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

    // MARK: List tables

    ///     .. list-table::
    ///        :header-rows: 1
    ///
    ///        * - Code
    ///          - Meaning
    ///        * - 404
    ///          - Not found
    static func listTable(_ body: [SourceLine], parser: inout RSTBlockParser, depth: Int, lines: LineRange, headerRows: Int) -> Table? {
        let blocks = parser.parse(body, depth: depth + 1)
        guard case .list(let list)? = blocks.first(where: { if case .list = $0 { true } else { false } }) else { return nil }
        let rows: [TableRow] = list.items.compactMap { item in
            guard case .list(let cells)? = item.blocks.first else { return nil }
            return TableRow(cells: cells.items.map { TableCell(blocks: $0.blocks, lines: $0.lines) }, lines: item.lines)
        }
        guard !rows.isEmpty else { return nil }
        let header = headerRows > 0 ? rows[0].cells : []
        return Table(header: header, rows: Array(rows.dropFirst(headerRows > 0 ? 1 : 0)), lines: lines)
    }
}
