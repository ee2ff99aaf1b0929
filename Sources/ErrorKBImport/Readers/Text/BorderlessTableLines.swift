import ErrorKBCore

/// Tables that lost their borders when the page was copied: a header such as `Code Name
/// Description`, then one row a line, `404 Not Found The requested resource was not found`;
/// and lists of codes written the same way, one a line, with what explains a code indented
/// under it (`500 Syntax error, command unrecognized.` / `    This may include errors ...`).
/// Each row becomes three cells, the code, the rest of its line and the lines indented under it;
/// the entry reader splits the rest by the columns the header names.
enum BorderlessTableLines {
    static func read(_ lines: [SourceLine], at start: Int) -> (table: Table, end: Int)? {
        var index = start
        var header: [TableCell] = []
        if ColumnRole.isHeaderLine(lines[start].text) != nil {
            let number = lines[start].number
            header = lines[start].trimmed.split(separator: " ").map {
                TableCell(text: String($0), lines: LineRange(start: number, end: number))
            }
            index += 1
            while index < lines.count, lines[index].isBlank, index - start < 2 { index += 1 }
            guard index < lines.count, isRow(lines[index]) else { return nil }
        } else {
            // Without a header, two rows in a row make a table (lines indented under the first
            // between them); one is just a sentence.
            guard isRow(lines[start]) else { return nil }
            var next = start + 1
            while next < lines.count, !lines[next].isBlank, lines[next].indentation > lines[start].indentation { next += 1 }
            guard next < lines.count, isRow(lines[next]), lines[next].indentation == lines[start].indentation else { return nil }
        }
        var rows: [(line: SourceLine, code: String, rest: String, under: [String], last: Int)] = []
        let rowIndentation = lines[index].indentation
        while index < lines.count {
            let line = lines[index]
            if isRow(line), line.indentation == rowIndentation || rows.isEmpty, let (code, rest) = CodeToken.leading(line.trimmed) {
                rows.append((line, code, rest, [], line.number))
            } else if !rows.isEmpty, !line.isBlank, line.indentation > rowIndentation {
                // Indented under a row: what explains its code.
                rows[rows.count - 1].under.append(line.trimmed)
                rows[rows.count - 1].last = line.number
            } else if !rows.isEmpty, !line.isBlank, line.trimmed.first?.isLowercase == true,
                CodeToken.leading(line.trimmed) == nil
            {
                // A wrapped row: the sentence goes on in lower case on the next line.
                rows[rows.count - 1].rest += " " + line.trimmed
                rows[rows.count - 1].last = line.number
            } else {
                break
            }
            index += 1
        }
        guard !rows.isEmpty else { return nil }
        let tableRows = rows.map { row in
            let range = LineRange(start: row.line.number, end: row.last)
            let restLines = LineRange(start: row.line.number, end: row.under.isEmpty ? row.last : row.line.number)
            let underLines = LineRange(start: min(row.line.number + 1, row.last), end: row.last)
            return TableRow(
                cells: [
                    TableCell(text: row.code, lines: restLines), TableCell(text: row.rest, lines: restLines),
                    TableCell(text: row.under.joined(separator: " "), lines: underLines),
                ], lines: range)
        }
        // Rows with nothing but a code and text indented under it are a definition list's.
        guard rows.contains(where: { !$0.rest.isEmpty }) else { return nil }
        let range = LineRange(start: lines[start].number, end: rows[rows.count - 1].last)
        return (Table(header: header, rows: tableRows, lines: range, borderless: true), index)
    }

    /// A line that starts with a code and says something after it.
    static func isRow(_ line: SourceLine) -> Bool {
        guard let (_, rest) = CodeToken.leading(line.trimmed) else { return false }
        return !rest.isEmpty && !line.trimmed.hasPrefix("#")
    }
}
