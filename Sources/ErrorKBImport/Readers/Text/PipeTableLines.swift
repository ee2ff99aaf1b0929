import ErrorKBCore

/// Tables drawn with pipes in plain text: markdown tables, and their looser kin that no
/// Markdown parser reads, where each cell sits on a line of its own (`Error code |` /
/// `Description |` / ...), or a row runs on to the next line. Rows are assembled here from the
/// lines; what the cells mean is the entry reader's question.
enum PipeTableLines {
    /// Headers longer than this many lines are not headers.
    static let maximumHeaderLines = 12

    static func read(_ lines: [SourceLine], at start: Int) -> (table: Table, end: Int)? {
        guard let header = readHeader(lines, at: start) else { return nil }
        var assembler = RowAssembler(columns: header.columns, cellPerLine: header.trailingPipes)
        var index = header.end
        while index < lines.count, lines[index].text.containsBytes("|"), !isSeparator(lines[index].text) {
            assembler.consume(lines[index])
            index += 1
        }
        assembler.flush()
        let range = LineRange(start: lines[start].number, end: lines[max(start, index - 1)].number)
        let cells = header.cells.map { TableCell(text: $0, lines: LineRange(start: lines[start].number, end: lines[start].number)) }
        return (Table(header: cells, rows: assembler.rows, lines: range, rowsMayOmitFirstCell: true), index)
    }

    private struct Header {
        var cells: [String]
        var columns: Int
        var trailingPipes: Bool
        var end: Int
    }

    private static func readHeader(_ lines: [SourceLine], at start: Int) -> Header? {
        var cells: [String] = []
        var trailingPipes = true
        var index = start
        while index < lines.count, index - start < maximumHeaderLines {
            let text = lines[index].trimmed
            guard text.containsBytes("|") else { return nil }
            if isSeparator(text) {
                let separatorColumns = splitCells(text).count
                guard !cells.isEmpty else { return nil }
                return Header(
                    cells: cells, columns: max(separatorColumns, cells.count), trailingPipes: trailingPipes,
                    end: index + 1)
            }
            trailingPipes = trailingPipes && text.hasSuffix("|")
            cells += splitCells(text)
            index += 1
        }
        return nil
    }

    /// `---|---|`, `| :--- | ---: |`
    static func isSeparator(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        guard text.containsBytes("---") else { return false }
        return text.allSatisfy { "-:| \t".contains($0) }
    }

    /// The cells of one line: text between pipes, trimmed. An outer pipe opens or closes the
    /// row, and `\|` is a pipe inside a cell.
    ///
    /// Walked as UTF-8 bytes, not Characters (8% of a 40,000-row import): `|` and `\` are ASCII,
    /// and UTF-8 never uses an ASCII byte inside another character. The one difference: a pipe
    /// or backslash with a combining mark on it (one Character) now acts as one; no table writes it.
    static func splitCells(_ line: String) -> [String] {
        var text = line.trimmingWhitespace()
        return text.withUTF8 { bytes in
            var rest = bytes[...]
            if rest.first == UInt8(ascii: "|") { rest = rest.dropFirst() }
            var cells: [String] = []
            var current: [UInt8] = []
            var escaped = false
            for byte in rest {
                if escaped {
                    current.append(byte)
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "|") {
                    cells.append(String(decoding: current, as: UTF8.self).trimmingWhitespace())
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(byte)
                }
            }
            let last = String(decoding: current, as: UTF8.self).trimmingWhitespace()
            if !last.isEmpty || rest.last != UInt8(ascii: "|") { cells.append(last) }
            return cells
        }
    }
}

/// Gathers the cells of consecutive lines into rows.
private struct RowAssembler {
    let columns: Int
    /// Rows end with a pipe and may spread over several lines.
    let cellPerLine: Bool

    var rows: [TableRow] = []
    private var pending: [String] = []
    private var pendingLines: [SourceLine] = []
    /// How many of `pending`'s cells each pending line gave.
    private var pendingCounts: [Int] = []

    init(columns: Int, cellPerLine: Bool) {
        self.columns = columns
        self.cellPerLine = cellPerLine
    }

    mutating func consume(_ line: SourceLine) {
        let cells = PipeTableLines.splitCells(line.text)
        guard cellPerLine else {
            pending = cells
            pendingLines = [line]
            pendingCounts = [cells.count]
            flush()
            return
        }
        if !pending.isEmpty, pending.count + cells.count > columns { flush() }
        pending += cells
        pendingLines.append(line)
        pendingCounts.append(cells.count)
        if pending.count >= columns { flush() }
    }

    mutating func flush() {
        defer {
            pending = []
            pendingLines = []
            pendingCounts = []
        }
        guard let first = pendingLines.first, let last = pendingLines.last,
            pending.contains(where: { !$0.isEmpty })
        else { return }
        let range = LineRange(start: first.number, end: last.number)
        // Each cell's own line, where a row spreads over several.
        var cells: [TableCell] = []
        for (line, count) in zip(pendingLines, pendingCounts) {
            for _ in 0..<count where cells.count < pending.count {
                cells.append(TableCell(text: pending[cells.count], lines: LineRange(start: line.number, end: line.number)))
            }
        }
        while cells.count < pending.count {
            cells.append(TableCell(text: pending[cells.count], lines: LineRange(start: last.number, end: last.number)))
        }
        rows.append(TableRow(cells: cells, lines: range))
    }
}
