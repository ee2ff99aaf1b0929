import ErrorKBCore

/// Reads tables drawn with pipes: markdown tables, and their looser kin where each cell sits on
/// a line of its own (`Error code |` / `Description |` / ...), where a cell runs on to the next
/// line, where a row with a label alone (`Client error codes: | ||`) opens a section, and where a
/// row that leaves its first cell out shares the one above it (a row span).
enum PipeTableReader {
    /// Headers longer than this many lines are not headers.
    static let maximumHeaderLines = 12

    static func read(_ lines: [SourceLine], at start: Int, section: String?) -> LayoutBlock? {
        guard let header = readHeader(lines, at: start) else { return nil }
        let roles = ColumnRole.roles(of: header.cells + Array(repeating: "", count: max(0, header.columns - header.cells.count)))
        guard let codeColumn = roles.firstIndex(of: .code) else { return nil }
        var reader = RowReader(columns: header.columns, roles: roles, codeColumn: codeColumn, section: section,
            cellPerLine: header.trailingPipes)
        var index = header.end
        while index < lines.count, lines[index].text.containsBytes("|"), !isSeparator(lines[index].text) {
            reader.consume(lines[index])
            index += 1
        }
        reader.flush()
        return LayoutBlock(entries: reader.entries, unplaced: reader.unplaced, end: index, declaredSections: reader.sections)
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

/// Gathers cells into rows and rows into entries.
private struct RowReader {
    let columns: Int
    let roles: [ColumnRole]
    let codeColumn: Int
    var section: String?
    /// Rows end with a pipe and may spread over several lines.
    let cellPerLine: Bool

    var entries: [ParsedEntry] = []
    var unplaced: [UnplacedLine] = []
    var sections: [String] = []
    private var pending: [String] = []
    private var pendingLines: [SourceLine] = []
    private var lastCodeCell: String?

    init(columns: Int, roles: [ColumnRole], codeColumn: Int, section: String?, cellPerLine: Bool) {
        self.columns = columns
        self.roles = roles
        self.codeColumn = codeColumn
        self.section = section
        self.cellPerLine = cellPerLine
    }

    mutating func consume(_ line: SourceLine) {
        let cells = PipeTableReader.splitCells(line.text)
        guard cellPerLine else {
            pending = cells
            pendingLines = [line]
            flush()
            return
        }
        if !pending.isEmpty, pending.count + cells.count > columns { flush() }
        pending += cells
        pendingLines.append(line)
        if pending.count >= columns { flush() }
    }

    mutating func flush() {
        defer {
            pending = []
            pendingLines = []
        }
        guard let first = pendingLines.first, let last = pendingLines.last else { return }
        var cells = pending
        let nonEmpty = cells.filter { !$0.isEmpty }
        if nonEmpty.isEmpty { return }
        if nonEmpty.count == 1, let label = cells.first, !label.isEmpty, CodeToken.leading(label) == nil {
            let name = label.hasSuffix(":") ? String(label.dropLast()).trimmingWhitespace() : label
            section = name
            sections.append(name)
            return
        }
        // A row span: the row leaves out the cell it shares with the row above, so everything
        // after it slides one column left and the row ends with an empty cell.
        if cellPerLine, cells.count == columns, let shared = lastCodeCell, CodeToken.leading(cells[codeColumn]) == nil,
            cells.last?.isEmpty == true
        {
            cells.removeLast()
            cells.insert(shared, at: codeColumn)
        }
        cells += Array(repeating: "", count: max(0, columns - cells.count))
        var fields = EntryFields(codeText: cells[codeColumn], section: section, lines: LineRange(start: first.number, end: last.number))
        fields.splitsTitleFromCode = true
        for (column, role) in roles.enumerated() where column < cells.count && column != codeColumn {
            let cell = cells[column]
            switch role {
            case .title: fields.title = cell.isEmpty ? nil : cell
            case .description: fields.description = fields.description.isEmpty ? cell : fields.description + " " + cell
            case .causes: fields.causes = cell
            case .fixes: fields.fixes = cell
            case .httpStatus: fields.httpStatusText = cell
            case .code, .ignored: break
            }
        }
        if let entry = EntryBuilder.build(fields) {
            lastCodeCell = cells[codeColumn]
            entries.append(entry)
        } else {
            unplaced += pendingLines.map { UnplacedLine(number: $0.number, text: $0.text, reason: .noCode) }
        }
    }
}
