import ErrorKBCore

/// Entries from a table: which column holds the code, which the title, description, causes,
/// fixes, HTTP status and context, judged by the header's words and then by what the cells
/// hold; then one entry per code in each row. A row with a label alone (`Client error codes:`)
/// opens a section; a row that leaves out its first cell shares the row above's (a row span).
/// A table of parameters, fields or methods is no table of errors.
struct TableEntries {
    let table: Table
    let roles: [ColumnRole]
    let codeColumn: Int
    /// The header names the code column ("Error code"), so any identifier in it is a code.
    let namedCodeColumn: Bool

    /// What each column was taken as, and why: for the import report.
    let columns: TableColumns

    /// `inCodeSection`: the table stands in a section about errors or codes.
    /// Why `init` found no table of codes in `table`, for the import report.
    static func setAside(_ table: Table) -> String {
        guard !table.rows.isEmpty else { return "no rows" }
        let width = max(table.header.count, table.rows.map(\.cells.count).max() ?? 0)
        let headers = (0..<width).map { $0 < table.header.count ? table.header[$0].flatText : "" }
        let cells = (0..<width).map { column in
            table.rows.prefix(TableColumns.sampleRows).compactMap { $0.cells.indices.contains(column) ? $0.cells[column].flatText : nil }
        }
        return TableColumns.setAside(headers: headers, cells: cells) ?? "no column reads as codes"
    }

    init?(_ table: Table, inCodeSection: Bool = false) {
        var table = table
        let width = max(table.header.count, table.rows.map(\.cells.count).max() ?? 0)
        guard width >= 1, !table.rows.isEmpty else { return nil }
        // A header of codes is the table's first row: a text table drawn with a border under
        // every row gives no other sign of having no header.
        if !table.header.isEmpty, table.header.contains(where: { Self.code(inCell: $0.flatText, named: false)?.distinct == true }),
            table.header.allSatisfy({ ColumnRole.of(header: $0.flatText) == .ignored })
        {
            table.rows.insert(TableRow(cells: table.header, lines: table.header[0].lines), at: 0)
            table.header = []
        }
        let headers = (0..<width).map { $0 < table.header.count ? table.header[$0].flatText : "" }
        // Each cell's first line: a code cell may list several codes, one a line.
        let cells = (0..<width).map { column in
            table.rows.compactMap { $0.cells.indices.contains(column) ? InlineText.lines($0.cells[column].text).first.map(InlineText.flat) : nil }
                .filter { !$0.isEmpty && $0 != "-" && $0 != "—" }
        }
        guard let columns = TableColumns(headers: headers, cells: cells, inCodeSection: inCodeSection) else { return nil }
        self.table = table
        self.columns = columns
        linesAreTitles = Self.linesAreTitles(table)
        let descriptions = columns.roles.indices.filter { columns.roles[$0] == .description }.flatMap { column in
            table.rows.prefix(Self.sampleRows).compactMap { $0.cells.indices.contains(column) ? $0.cells[column].flatText : nil }.filter { !$0.isEmpty }
        }
        namesBeforeDashes = descriptions.count >= 3
            && descriptions.filter { LeadText.namedDescription($0) != nil }.count * 5 >= descriptions.count * 3
        roles = columns.roles
        codeColumn = columns.codeColumn
        namedCodeColumn = columns.namedCodeColumn
    }

    static let sampleRows = TableColumns.sampleRows

    /// In a list of codes one a line, the text on a code's line is its title when the list
    /// explains codes on the lines under them, or when nearly every such text is short: judged
    /// over the list (`200 Command okay.` / `500 Syntax error, command unrecognized.`).
    let linesAreTitles: Bool
    /// Most cells of the description column open with a name and a dash (`UserUnauthorized -
    /// The user account ...`), judged over the column.
    let namesBeforeDashes: Bool

    private static func linesAreTitles(_ table: Table) -> Bool {
        guard table.borderless, table.header.isEmpty else { return false }
        let rests = table.rows.compactMap { $0.cells.count > 1 ? InlineText.flat($0.cells[1].text) : nil }.filter { !$0.isEmpty }
        guard !rests.isEmpty else { return false }
        if table.rows.contains(where: { $0.cells.count > 2 && !$0.cells[2].text.isEmpty }) { return true }
        let short = rests.filter { $0.split(separator: " ").count <= 8 && !$0.containsBytes(". ") }
        return rests.count >= 2 && short.count * 10 >= rests.count * 9
    }

    /// The entries of every row, in order, and the rows that gave none.
    func entries(in place: SectionContext) -> (entries: [ParsedEntry], unplacedRows: [TableRow]) {
        var entries: [ParsedEntry] = []
        var unplaced: [TableRow] = []
        var tableSection: String?
        var previousCodeCell: TableCell?
        for row in table.rows.flatMap(lineRows) {
            var cells = row.cells
            let filled = cells.filter { !$0.flatText.isEmpty }
            guard !filled.isEmpty else { continue }
            // A label alone in its row opens a section of the table; a value or range alone (`11 -
            // 15`) is a row that names no code.
            if filled.count == 1, cells.count > 1, code(in: filled[0]) == nil, !table.borderless,
                !CodeMention.isRange(filled[0].flatText), filled[0].flatText.first?.isNumber != true
            {
                var name = filled[0].flatText
                if name.hasSuffix(":") { name = String(name.dropLast()).trimmingWhitespace() }
                tableSection = name
                continue
            }
            // A row span: the row leaves out the cell it shares with the row above, so the rest
            // slides one column left and the row ends with an empty cell.
            if table.rowsMayOmitFirstCell, let shared = previousCodeCell, cells.count == roles.count, codeColumn < cells.count,
                code(in: cells[codeColumn]) == nil, cells[cells.count - 1].flatText.isEmpty
            {
                cells.removeLast()
                cells.insert(shared, at: codeColumn)
            }
            let built = self.entries(of: row, cells: cells, tableSection: tableSection, place: place)
            if built.isEmpty {
                unplaced.append(row)
            } else {
                previousCodeCell = cells[codeColumn]
                entries += built
            }
        }
        return (entries, unplaced)
    }

    /// Every cell of the code column is a different code of a shape only codes have
    /// (`ACCESS_TOKEN_EXPIRED`, `E0000011`): a table of codes even in a section whose heading
    /// names fields or values, as an SDK's page of an error enum heads its table "Fields".
    var listsOnlyCodes: Bool {
        let cells = table.rows.compactMap { codeColumn < $0.cells.count ? $0.cells[codeColumn].flatText : nil }
        let evidence = ColumnEvidence(header: "", cells: cells)
        return evidence.count >= 3 && evidence.unique && evidence.distinctShare >= 0.9
    }

    /// A row whose code cell holds a code alone on every line, and whose other cells hold a line
    /// each beside them, is a row a line: a grid whose borders between rows were left out (or
    /// never drawn, the table left open). Read as one row, every code would take all the text.
    private func lineRows(_ row: TableRow) -> [TableRow] {
        let count = row.lines.end - row.lines.start + 1
        guard count >= 2, codeColumn < row.cells.count, row.cells[codeColumn].text.containsBytes("\n") else { return [row] }
        let columns = row.cells.map { InlineText.lines($0.text) }
        guard columns[codeColumn].count == count, columns.allSatisfy({ $0.isEmpty || $0.count == count }),
            columns[codeColumn].allSatisfy({ code(in: TableCell(text: $0, lines: row.lines))?.fullRest.isEmpty == true })
        else { return [row] }
        return (0..<count).map { offset in
            let line = LineRange(start: row.lines.start + offset, end: row.lines.start + offset)
            return TableRow(cells: columns.map { TableCell(text: $0.isEmpty ? "" : $0[offset], lines: line) }, lines: line)
        }
    }

    private func code(in cell: TableCell) -> CodeMention? {
        guard let first = InlineText.lines(cell.text).first else { return nil }
        if columns.phraseCodes, ColumnEvidence.isPhrase(first) {
            let phrase = InlineText.flat(first).trimmingCharacters(in: "`*")
            return CodeMention(codes: [phrase], rest: "", inSpan: false, afterSpan: "", distinct: false)
        }
        return Self.code(inCell: first, named: namedCodeColumn)
    }

    /// The code a cell's first line opens with, in a column whose header names codes or not.
    static func code(inCell first: String, named: Bool) -> CodeMention? {
        guard let mention = CodeMention.leading(first, in: .column(named: named)) else { return nil }
        // A word is a code only standing alone in its cell (`Conflict`) or with a note in
        // brackets (`EAGAIN (aka EWOULDBLOCK)`), not `Success codes:`.
        let rest = mention.fullRest.trimmingWhitespace()
        let bracketed = rest.hasPrefix("(") && rest.hasSuffix(")")
        // In a column of codes a number goes with the name after it (`1000 DNS points to
        // prohibited IP`, `-32700 ParseError`).
        // So does a name in capitals (`EACCES Permission denied`), as no word with a title does.
        let numberWithName = named && mention.codes.allSatisfy {
            CodeMention.isNumber($0) || CodeMention.isDottedNumber($0) || $0.count >= 2 && $0.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        } && LeadText.isTitle(rest.prefix(1).uppercased() + rest.dropFirst())
        if !rest.isEmpty, !bracketed, !numberWithName, !mention.codes.allSatisfy({ CodeMention.isCode($0, in: .lead(codeSection: false), announced: false) }) {
            return nil
        }
        return mention
    }

    private func entries(of row: TableRow, cells: [TableCell], tableSection: String?, place: SectionContext) -> [ParsedEntry] {
        guard codeColumn < cells.count, let mention = code(in: cells[codeColumn]) else { return [] }
        // The code cell may list several codes, one a line (`InvalidTemplateDeployment <br> InvalidTemplate`).
        // Lines of another shape name one code twice (`HttpStatusCode.BadRequest <br> 400`): the
        // line whose shape only a code has is the code.
        var mentions = [mention]
        for line in InlineText.lines(cells[codeColumn].text).dropFirst() {
            if let more = CodeMention.leading(line, in: .column(named: namedCodeColumn)), more.fullRest.isEmpty { mentions.append(more) }
        }
        let firstShape = CodeMention.isNumber(mention.codes[0])
        if mentions.contains(where: { CodeMention.isNumber($0.codes[0]) != firstShape }) {
            let distinct = mentions.filter(\.distinct)
            mentions = distinct.isEmpty ? mentions.filter { CodeMention.isNumber($0.codes[0]) == firstShape } : distinct
        }
        let codes = mentions.flatMap(\.codes)
        var fields = RowFields(hasTitleColumn: roles.contains(.title), namesBeforeDashes: namesBeforeDashes)
        if table.borderless {
            // The rest of the line holds the columns the header names after the code; lines
            // indented under it, what explains it.
            let rest = cells.count > 1 ? InlineText.flat(cells[1].text) : ""
            let under = cells.count > 2 ? InlineText.flat(cells[2].text) : ""
            if linesAreTitles {
                fields.title = rest.isEmpty ? nil : rest
            } else {
                let (title, description) = BorderlessSplit.split(code: codes[0], rest: rest, hasTitleColumn: roles.contains(.title))
                fields.title = title
                if !description.isEmpty { fields.descriptions.append(description) }
            }
            if !under.isEmpty { fields.descriptions.append(under) }
        } else {
            for (column, role) in roles.enumerated() where column != codeColumn && column < cells.count {
                fields.add(cells[column], as: role)
            }
        }
        // What follows the code in its own cell: its title, or `Name - description`.
        if !table.borderless, !mention.fullRest.isEmpty {
            // In a column of codes, a lower-case name after one is its title too.
            let (title, description) = LeadText.split(mention.inSpan ? mention.rest : mention.fullRest, lowercaseNames: true)
            if fields.title == nil { fields.title = title } else if let title { fields.descriptions.insert(title, at: 0) }
            if let description { fields.descriptions.insert(description, at: 0) }
        }
        let columnStatus = fields.statusText.flatMap { CodeMention.leading($0, in: .lead(codeSection: false)) }
            .flatMap { HTTPStatus(code: $0.codes[0])?.value }
        let stated = StatedStatus.find(in: fields.text.joined(separator: "\n")).first
        var text: EntryBuilder.CleanText?
        return codes.compactMap { code in
            let isString = HTTPStatus(code: code) == nil
            var draft = EntryDraft(code: code, title: fields.title, lines: row.lines)
            draft.description = fields.descriptions.joined(separator: " ")
            draft.causes = fields.causes
            draft.fixes = fields.fixes
            draft.httpStatus = columnStatus ?? stated ?? (isString ? place.statedStatus : nil)
            draft.section = place.section(forStringCode: isString, tableSection: fields.context ?? tableSection)
            draft.inOAuthContext = place.mentionsOAuth || KnownErrorCodes.mentionsOAuth(tableSection)
            draft.titleFromColumn = true
            let shared = text ?? EntryBuilder.CleanText(draft)
            text = shared
            return EntryBuilder.build(draft, text: shared)
        }
    }
}

/// The cells of one row, by what their column holds.
private struct RowFields {
    /// The table has a column of titles, so a description's first words are not one.
    let hasTitleColumn: Bool
    /// Most description cells open with a name and a dash.
    let namesBeforeDashes: Bool
    var title: String?
    var descriptions: [String] = []
    var causes: [String] = []
    var fixes: [String] = []
    var statusText: String?
    var context: String?
    /// Everything that may state the code's HTTP status.
    var text: [String] = []

    mutating func add(_ cell: TableCell, as role: ColumnRole) {
        let flat = cell.flatText
        guard !flat.isEmpty, flat != "-", flat != "—" else { return }
        switch role {
        case .title:
            title = title ?? flat
        case .description:
            // A description may carry run-in labels: `<strong>Fix:</strong> ...`.
            let body = EntryBody(cell)
            var paragraphs = body.paragraphs
            // `UserUnauthorized - The user account ...`: a name, then what it means; where most
            // of the column is written so, a longer name too.
            if !hasTitleColumn, title == nil, descriptions.isEmpty, let first = paragraphs.first,
                let (name, rest) = LeadText.namedDescription(first, maximumWords: namesBeforeDashes ? 14 : 4)
            {
                title = name
                paragraphs[0] = rest
            }
            descriptions += paragraphs
            causes += body.causes
            fixes += body.fixes
            text += body.paragraphs + body.statusText
        case .causes:
            let body = EntryBody(cell, labelled: .causes)
            causes += body.causes
            text += body.causes + body.statusText
        case .fixes:
            let body = EntryBody(cell, labelled: .fixes)
            fixes += body.fixes
            text += body.fixes + body.statusText
        case .httpStatus:
            statusText = flat
        case .context:
            context = flat
        case .code, .reason, .ignored:
            break
        }
    }
}
