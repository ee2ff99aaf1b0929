import ErrorKBCore

/// Tables whose columns are set by where their text starts, in plain text and in
/// reStructuredText's simple tables:
///
///     Code   Name      Description           ================== ===========
///     -----  --------  -------------------   Normal Status Code Description
///     0      NOERROR   No error condition    ================== ===========
///     1      FORMERR   The name server was   200                OK
///                      unable to interpret   ================== ===========
///
/// A column starts where a run of the rule's `-` or `=` starts, or, with no rule, where a
/// header word starts after a gap of two spaces. A line whose first column is empty goes on
/// with the row above; a word that runs past the start of the next column stays whole.
enum AlignedTableLines {
    /// `-----  -------`, `=====  =====`: runs of one mark, at least two, and spaces.
    static func isRule(_ text: String, mark: Character) -> Bool {
        guard text.contains(mark), text.allSatisfy({ $0 == mark || $0 == " " }) else { return false }
        return text.split(separator: " ").count >= 2
    }

    /// Where each run of `mark` starts in `line`.
    static func ruleStarts(_ line: String, mark: Character) -> [Int] {
        var starts: [Int] = []
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if character == mark, previous != mark { starts.append(offset) }
            previous = character
        }
        return starts
    }

    /// Where each group of words starts in a header line, groups being set apart by two or more
    /// spaces (or a tab).
    static func groupStarts(_ line: String) -> [Int] {
        var starts: [Int] = []
        var spaces = 2
        for (offset, character) in line.enumerated() {
            if character == " " || character == "\t" {
                spaces += character == "\t" ? 2 : 1
            } else {
                if spaces >= 2 { starts.append(offset) }
                spaces = 0
            }
        }
        return starts
    }

    /// The cells of `line` at `starts`: a cell runs to the next column's start, or on to the
    /// next gap when a word is cut there.
    static func cells(of line: String, starts: [Int]) -> [String] {
        let characters = Array(line)
        var bounds = starts.map { min($0, characters.count) }
        for column in bounds.indices.dropFirst() {
            var bound = bounds[column]
            // A word crossing the column's start belongs to the cell it began in.
            while bound < characters.count, bound > 0, !characters[bound - 1].isWhitespace, !characters[bound].isWhitespace {
                bound += 1
            }
            bounds[column] = max(bound, bounds[column - 1])
        }
        return bounds.indices.map { column in
            let from = column == 0 ? min(bounds[0], characters.count) : bounds[column]
            let to = column + 1 < bounds.count ? bounds[column + 1] : characters.count
            guard from < to else { return "" }
            return String(characters[from..<to]).trimmingWhitespace()
        }
    }

    /// Rows of `lines` at `starts`: one a line, a line whose first cell is empty going on with
    /// the row above, cell by cell.
    static func rows(_ lines: [SourceLine], starts: [Int]) -> [(cells: [String], lines: LineRange)] {
        var rows: [(cells: [String], lines: LineRange)] = []
        for line in lines where !line.isBlank {
            let texts = cells(of: line.text, starts: starts)
            let range = LineRange(start: line.number, end: line.number)
            if texts.first?.isEmpty == true, !rows.isEmpty {
                let last = rows.count - 1
                rows[last].cells = zip(rows[last].cells, texts).map { cell, more in
                    more.isEmpty ? cell : cell.isEmpty ? more : cell + "\n" + more
                }
                rows[last].lines = rows[last].lines.union(range)
                continue
            }
            rows.append((texts, range))
        }
        return rows
    }

    /// A text table at `start`: a header line over a rule of dashes (perhaps with a rule over
    /// it too), or a header line of column names (`ColumnRole`) set apart by gaps, then rows
    /// that start at the first column. Blank lines between rows are allowed.
    static func readText(_ lines: [SourceLine], at start: Int) -> (table: Table, end: Int)? {
        var headerIndex = start
        if isRule(lines[start].trimmed, mark: "-") {
            guard start + 2 < lines.count, isRule(lines[start + 2].trimmed, mark: "-") else { return nil }
            headerIndex = start + 1
        }
        let header = lines[headerIndex]
        guard !header.isBlank, !header.trimmed.hasPrefix("|") else { return nil }
        var starts: [Int]
        var bodyStart: Int
        if headerIndex + 1 < lines.count, isRule(lines[headerIndex + 1].trimmed, mark: "-") {
            starts = ruleStarts(lines[headerIndex + 1].text, mark: "-")
            bodyStart = headerIndex + 2
        } else {
            starts = groupStarts(header.text)
            let names = cells(of: header.text, starts: starts)
            // Without a rule, only a line of column names is a header.
            guard names.count >= 2, names.allSatisfy({ $0.split(separator: " ").count <= 3 }),
                ColumnRole.isHeaderRow(names, strict: true)
            else { return nil }
            bodyStart = headerIndex + 1
        }
        guard starts.count >= 2 else { return nil }
        let names = cells(of: header.text, starts: starts)
        guard names.filter({ !$0.isEmpty }).count >= 2 else { return nil }

        let firstColumn = starts[0]
        var end = bodyStart
        var last = headerIndex
        while end < lines.count {
            let line = lines[end]
            if line.isBlank {
                var next = end + 1
                while next < lines.count, lines[next].isBlank, next - end <= 2 { next += 1 }
                guard next < lines.count, startsRow(lines[next], at: firstColumn) else { break }
                end = next
                continue
            }
            if isRule(line.trimmed, mark: "-") {
                last = end
                end += 1
                continue
            }
            guard line.indentation >= firstColumn, startsRow(line, at: firstColumn) || line.indentation > firstColumn else { break }
            // A row under the header must fill more than its first column, or go on with one.
            if line.indentation == firstColumn, cells(of: line.text, starts: starts).dropFirst().allSatisfy(\.isEmpty) { break }
            last = end
            end += 1
        }
        let body = Array(lines[bodyStart..<end])
        let rows = self.rows(body, starts: starts)
        guard !rows.isEmpty else { return nil }
        let headerCells = names.map { TableCell(text: $0, lines: LineRange(start: header.number, end: header.number)) }
        let tableRows = rows.map { row in
            TableRow(cells: row.cells.map { TableCell(text: $0, lines: row.lines) }, lines: row.lines)
        }
        return (Table(header: headerCells, rows: tableRows, lines: LineRange(start: lines[start].number, end: lines[last].number)), last + 1)
    }

    private static func startsRow(_ line: SourceLine, at column: Int) -> Bool {
        !line.isBlank && line.indentation == column
    }
}
