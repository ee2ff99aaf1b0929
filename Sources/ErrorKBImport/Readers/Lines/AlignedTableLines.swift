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
            if bound < characters.count, bound > 0, !characters[bound - 1].isWhitespace, !characters[bound].isWhitespace {
                // A word crossing the column's start: it begins the column when a gap of two
                // spaces sets it apart from what comes before it (the text sits left of its
                // header), else it runs over from the cell it began in.
                var wordStart = bound
                while wordStart > 0, !characters[wordStart - 1].isWhitespace { wordStart -= 1 }
                let gap = wordStart >= 2 && characters[wordStart - 1].isWhitespace && characters[wordStart - 2].isWhitespace
                if gap, wordStart > bounds[column - 1] {
                    bound = wordStart
                } else {
                    while bound < characters.count, !characters[bound].isWhitespace { bound += 1 }
                }
            }
            bounds[column] = max(bound, bounds[column - 1])
        }
        return bounds.indices.map { column in
            // The first column takes what stands left of its start too: numbers set right.
            let from = column == 0 ? 0 : bounds[column]
            let to = column + 1 < bounds.count ? bounds[column + 1] : characters.count
            guard from < to else { return "" }
            return String(characters[from..<to]).trimmingWhitespace()
        }
    }

    /// Rows of `lines` at `starts`: one a line, a line whose first cell is empty going on with
    /// the row above, cell by cell.
    static func rows(_ lines: [SourceLine], starts: [Int]) -> [(cells: [String], lines: LineRange)] {
        var rows: [(cells: [String], lines: LineRange)] = []
        // A row that fills only its first cell, right over another line: one cell stacked over
        // two lines (`11 - 15` over `0xB - 0xF        Unassigned`).
        var stacked: (text: String, number: Int)?
        for line in lines {
            if line.isBlank {
                if let pending = stacked {
                    rows.append(([pending.text] + Array(repeating: "", count: starts.count - 1), LineRange(start: pending.number, end: pending.number)))
                }
                stacked = nil
                continue
            }
            var texts = cells(of: line.text, starts: starts)
            var range = LineRange(start: line.number, end: line.number)
            if let pending = stacked {
                stacked = nil
                if texts.first?.isEmpty == false {
                    texts[0] = pending.text + "\n" + texts[0]
                    range = LineRange(start: pending.number, end: line.number)
                    rows.append((texts, range))
                    continue
                }
                rows.append(([pending.text] + Array(repeating: "", count: starts.count - 1), LineRange(start: pending.number, end: pending.number)))
            }
            if texts.first?.isEmpty == false, texts.dropFirst().allSatisfy(\.isEmpty) {
                stacked = (texts[0], line.number)
                continue
            }
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
        if let pending = stacked {
            rows.append(([pending.text] + Array(repeating: "", count: starts.count - 1), LineRange(start: pending.number, end: pending.number)))
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
        // A header may stack a column's name over two lines (`RCODE` / `Decimal`): lines under it
        // that only fill its first column, before the rows.
        while bodyStart < lines.count, bodyStart - headerIndex <= 3, !lines[bodyStart].isBlank,
            cells(of: lines[bodyStart].text, starts: starts).dropFirst().allSatisfy(\.isEmpty),
            lines[bodyStart].trimmed.split(separator: " ").count == 1, lines[bodyStart].trimmed.first?.isLetter == true
        {
            bodyStart += 1
        }

        let firstColumn = starts[0]
        let secondColumn = starts[1]
        var end = bodyStart
        var last = headerIndex
        while end < lines.count {
            let line = lines[end]
            if line.isBlank {
                // A gap of a few lines, or a page break (whose footer and header are blank here)
                // before a line that fills two columns.
                var next = end + 1
                while next < lines.count, lines[next].isBlank, next - end <= GridTableLines.maximumGap { next += 1 }
                guard next < lines.count, startsRow(lines[next], first: firstColumn, second: secondColumn),
                    next - end <= 3 || cells(of: lines[next].text, starts: starts).filter({ !$0.isEmpty }).count >= 2
                        && groupStarts(lines[next].text).count >= 2
                else { break }
                end = next
                continue
            }
            if isRule(line.trimmed, mark: "-") {
                last = end
                end += 1
                continue
            }
            guard startsRow(line, first: firstColumn, second: secondColumn) || line.indentation >= secondColumn else { break }
            last = end
            end += 1
        }
        let body = Array(lines[bodyStart..<end])
        // A column the header leaves unnamed (RTSP's `100  Continue  all`, whose methods have no
        // header): where most rows start text again past the header's last column.
        if let extra = unnamedColumn(body, after: starts) { starts.append(extra) }
        let rows = self.rows(body, starts: starts)
        guard !rows.isEmpty else { return nil }
        let headerCells = (names + Array(repeating: "", count: starts.count - names.count)).map {
            TableCell(text: $0, lines: LineRange(start: header.number, end: header.number))
        }
        let tableRows = rows.map { row in
            TableRow(cells: row.cells.map { TableCell(text: $0, lines: row.lines) }, lines: row.lines)
        }
        return (Table(header: headerCells, rows: tableRows, lines: LineRange(start: lines[start].number, end: lines[last].number)), last + 1)
    }

    /// A row's first cell starts near the first column's start (numbers may be set right, up to
    /// where the second column starts).
    /// Rows of three or more columns set apart by gaps of two spaces, with no header (a data
    /// file's `00000    S    ERRCODE_SUCCESSFUL_COMPLETION    successful_completion`): two or
    /// more lines whose columns start at the same places, or one of four columns or more. Every
    /// cell but the last is a few words, so prose with two spaces after its periods is none.
    static func readHeaderless(_ lines: [SourceLine], at start: Int) -> (table: Table, end: Int)? {
        func columns(_ line: SourceLine) -> [Int]? {
            let starts = groupStarts(line.text)
            guard starts.count >= 3 else { return nil }
            let texts = cells(of: line.text, starts: starts)
            guard texts.dropLast().allSatisfy({ !$0.isEmpty && $0.split(separator: " ").count <= 3 }) else { return nil }
            return starts
        }
        guard let starts = columns(lines[start]) else { return nil }
        var end = start + 1
        while end < lines.count, !lines[end].isBlank, columns(lines[end]) == starts { end += 1 }
        guard end - start >= 2 || starts.count >= 4 else { return nil }
        let rows = lines[start..<end].map { line in
            let range = LineRange(start: line.number, end: line.number)
            return TableRow(cells: cells(of: line.text, starts: starts).map { TableCell(text: $0, lines: range) }, lines: range)
        }
        return (Table(header: [], rows: rows, lines: LineRange(start: lines[start].number, end: lines[end - 1].number)), end)
    }

    private static func unnamedColumn(_ body: [SourceLine], after starts: [Int]) -> Int? {
        guard let last = starts.last else { return nil }
        let rows = body.filter { !$0.isBlank }
        guard rows.count >= 2 else { return nil }
        var counts: [Int: Int] = [:]
        for row in rows {
            for start in groupStarts(row.text) where start > last + 1 { counts[start, default: 0] += 1 }
        }
        guard let (column, count) = counts.max(by: { $0.value < $1.value }), count * 10 >= rows.count * 7 else { return nil }
        return column
    }

    private static func startsRow(_ line: SourceLine, first: Int, second: Int) -> Bool {
        !line.isBlank && line.indentation + 6 >= first && line.indentation < second
    }
}
