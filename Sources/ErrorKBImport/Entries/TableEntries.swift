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

    init?(_ table: Table) {
        self.table = table
        let columns = max(table.header.count, table.rows.map(\.cells.count).max() ?? 0)
        guard columns >= 1, !table.rows.isEmpty else { return nil }
        let headers = (0..<columns).map { $0 < table.header.count ? table.header[$0].flatText : "" }
        if headers.contains(where: ColumnRole.namesNonErrors) { return nil }
        var roles = headers.map(ColumnRole.of(header:))
        let cells = (0..<columns).map { column in
            table.rows.compactMap { $0.cells.indices.contains(column) ? $0.cells[column].flatText : nil }
                .filter { !$0.isEmpty && $0 != "-" && $0 != "—" }
        }
        // A column of data types (`string`, `integer`) or of "Required." notes: parameters.
        if cells.contains(where: { ColumnRole.holdsParameterFacts(Array($0.prefix(Self.sampleRows))) }) { return nil }
        Self.adjust(&roles, headers: headers, cells: cells)
        guard let code = Self.codeColumn(roles: roles, headers: headers, cells: cells) else { return nil }
        if roles[code] != .code {
            if let previous = roles.firstIndex(of: .code) { roles[previous] = .ignored }
            roles[code] = .code
        }
        self.roles = roles
        codeColumn = code
        namedCodeColumn = ColumnRole.namesCodes(headers[code])
    }

    static let sampleRows = 256

    /// Roles by content where the header says little: a "Description" of reason phrases is the
    /// title (IANA's registry), a "Reason" of sentences the causes.
    private static func adjust(_ roles: inout [ColumnRole], headers: [String], cells: [[String]]) {
        // Asked once, not per column: a table may have thousands of columns.
        var hasTitle = roles.contains(.title)
        for (column, role) in roles.enumerated() where !cells[column].isEmpty {
            let short = cells[column].prefix(Self.sampleRows).allSatisfy(ColumnRole.isTitleShaped)
            switch role {
            // The first "Description" of names, not sentences, is the title: `Unknown error`
            // beside an "Explanation", `Bad Request` in a registry.
            case .description where !hasTitle && short:
                roles[column] = .title
                hasTitle = true
            case .reason:
                roles[column] = short ? .title : .causes
            default:
                break
            }
        }
        for column in roles.indices where roles[column] == .reason { roles[column] = .title }
        // Without a header, the column after the code is a title if short, else a description.
        if headers.allSatisfy(\.isEmpty) {
            for column in roles.indices {
                roles[column] = cells[column].prefix(Self.sampleRows).allSatisfy(ColumnRole.isTitleShaped) ? .title : .description
            }
        }
    }

    /// The column of codes: the one the header names (a status column when no other is),
    /// checked against its cells; failing that, the first whose cells are mostly codes.
    private static func codeColumn(roles: [ColumnRole], headers: [String], cells: [[String]]) -> Int? {
        func share(_ column: Int) -> Double {
            // What a column holds shows in its first few hundred cells; a 40,000-row table need
            // not be read twice to know it.
            let values = cells[column].prefix(Self.sampleRows)
            guard !values.isEmpty else { return 0 }
            let place = CodeMention.Place.column(named: ColumnRole.namesCodes(headers[column]))
            let codes = values.filter { CodeMention.leading($0, in: place) != nil }.count
            return Double(codes) / Double(values.count)
        }
        let named = roles.indices.filter { roles[$0] == .code }
        if let best = named.max(by: { share($0) < share($1) }), share(best) >= 0.5 { return best }
        if let status = roles.firstIndex(of: .httpStatus), share(status) >= 0.5 { return status }
        return roles.indices.first { share($0) >= 0.6 && roles[$0] != .fixes && roles[$0] != .causes }
    }

    /// The entries of every row, in order, and the rows that gave none.
    func entries(in place: SectionContext) -> (entries: [ParsedEntry], unplacedRows: [TableRow]) {
        var entries: [ParsedEntry] = []
        var unplaced: [TableRow] = []
        var tableSection: String?
        var previousCodeCell: TableCell?
        for row in table.rows {
            var cells = row.cells
            let filled = cells.filter { !$0.flatText.isEmpty }
            guard !filled.isEmpty else { continue }
            if filled.count == 1, cells.count > 1, code(in: filled[0]) == nil, !table.borderless {
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

    private func code(in cell: TableCell) -> CodeMention? {
        guard let first = InlineText.lines(cell.text).first,
            let mention = CodeMention.leading(first, in: .column(named: namedCodeColumn))
        else { return nil }
        // A word is a code only standing alone in its cell (`Conflict`), not `Success codes:`.
        if !mention.fullRest.isEmpty, !mention.codes.allSatisfy({ CodeMention.isCode($0, in: .lead(codeSection: false), announced: false) }) {
            return nil
        }
        return mention
    }

    private func entries(of row: TableRow, cells: [TableCell], tableSection: String?, place: SectionContext) -> [ParsedEntry] {
        guard codeColumn < cells.count, let mention = code(in: cells[codeColumn]) else { return [] }
        // The code cell may list several codes, one a line (`InvalidTemplateDeployment <br> InvalidTemplate`).
        var codes = mention.codes
        for line in InlineText.lines(cells[codeColumn].text).dropFirst() {
            if let more = CodeMention.leading(line, in: .column(named: namedCodeColumn)), more.fullRest.isEmpty {
                codes += more.codes
            }
        }
        var fields = RowFields(hasTitleColumn: roles.contains(.title))
        if table.borderless {
            // The rest of the line holds the columns the header names after the code.
            let rest = cells.count > 1 ? InlineText.flat(cells[1].text) : ""
            let (title, description) = BorderlessSplit.split(code: codes[0], rest: rest, hasTitleColumn: roles.contains(.title))
            fields.title = title
            if !description.isEmpty { fields.descriptions.append(description) }
        } else {
            for (column, role) in roles.enumerated() where column != codeColumn && column < cells.count {
                fields.add(cells[column], as: role)
            }
        }
        // What follows the code in its own cell: its title, or `Name - description`.
        if !table.borderless, !mention.fullRest.isEmpty {
            let (title, description) = LeadText.split(mention.inSpan ? mention.rest : mention.fullRest)
            if fields.title == nil { fields.title = title } else if let title { fields.descriptions.insert(title, at: 0) }
            if let description { fields.descriptions.insert(description, at: 0) }
        }
        let columnStatus = fields.statusText.flatMap { CodeMention.leading($0, in: .lead(codeSection: false)) }
            .flatMap { HTTPStatus(code: $0.codes[0])?.value }
        let stated = StatedStatus.find(in: fields.text.joined(separator: "\n")).first
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
            return EntryBuilder.build(draft)
        }
    }
}

/// The cells of one row, by what their column holds.
private struct RowFields {
    /// The table has a column of titles, so a description's first words are not one.
    let hasTitleColumn: Bool
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
            // `UserUnauthorized - The user account ...`: a name, then what it means.
            if !hasTitleColumn, title == nil, descriptions.isEmpty, let first = paragraphs.first,
                let (name, rest) = LeadText.namedDescription(first)
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
