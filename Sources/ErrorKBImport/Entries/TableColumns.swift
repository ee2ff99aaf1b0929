import ErrorKBCore

/// Which column of a table holds what, decided from the whole column — its header's words and
/// what its cells hold, all of them together — never from one cell: the codes are the column
/// the header names for them whose cells mostly read as codes (and, of an HTTP status column
/// and a column of names, the one the header calls the code, as the corpus README's "A name
/// and a number" says), else the first column whose cells mostly have a shape only codes have.
/// Each decision keeps its reason, for the import report.
struct TableColumns {
    /// What each column is taken as.
    private(set) var roles: [ColumnRole]
    let codeColumn: Int
    /// The header names the code column ("Error code"), so any identifier in it is a code.
    let namedCodeColumn: Bool
    /// The code column's cells are short lower-case phrases (WebDriver's `no such element`):
    /// each whole cell is a code.
    let phraseCodes: Bool
    /// Why each column was taken as what it was.
    private(set) var reasons: [String]

    /// The table's reading for the import report.
    func reading(of table: Table, entries: Int) -> TableReading {
        let columns = roles.indices.map { TableReading.Column(header: headers[$0], role: roles[$0].reportName, reason: reasons[$0]) }
        return TableReading(lines: table.lines, columns: columns, setAside: nil, entries: entries)
    }

    /// The header's text of each column, empty where there is none.
    let headers: [String]

    static let sampleRows = 256

    /// Why a table whose header or cells say it lists something else than errors is no table
    /// of codes; `nil` when nothing says so.
    static func setAside(headers: [String], cells: [[String]]) -> String? {
        if let header = headers.first(where: ColumnRole.namesNonErrors) { return "header \"\(header)\" names parameters, fields or events" }
        // A column of data types (`string`, `integer`) or of "Required." notes: parameters.
        if cells.contains(where: { ColumnRole.holdsParameterFacts(Array($0.prefix(Self.sampleRows))) }) {
            return "a column of data types or \"Required\" notes: parameters"
        }
        // `GET`, `POST`, `PUT`: a table of methods (CoAP's method codes), not of errors.
        if cells.contains(where: Self.holdsMethodNames) { return "a column of method names" }
        return nil
    }

    /// `nil` when the table lists no codes: no column reads as one, or its header or cells say
    /// it lists parameters, fields or methods.
    init?(headers: [String], cells: [[String]], inCodeSection: Bool = false) {
        guard Self.setAside(headers: headers, cells: cells) == nil else { return nil }
        self.headers = headers
        var roles = headers.map(ColumnRole.of(header:))
        var reasons = headers.map { $0.isEmpty ? "no header" : "header \"\($0)\"" }
        Self.adjust(&roles, reasons: &reasons, headers: headers, cells: cells)
        let evidence = cells.indices.map { ColumnEvidence(header: headers[$0], cells: cells[$0]) }
        guard let (code, why, readAsNamed) = Self.codeColumn(roles: roles, evidence: evidence, inCodeSection: inCodeSection) else {
            return nil
        }
        if roles[code] != .code {
            if let previous = roles.firstIndex(of: .code) {
                roles[previous] = .ignored
                reasons[previous] += "; not the codes"
            }
            roles[code] = .code
        }
        reasons[code] = why
        // The codes' HTTP status, in a column no header named for it.
        for column in roles.indices where column != code && roles[column] == .ignored && evidence[column].statusShare >= 0.9
            && evidence[code].statusShare < 0.5 && !roles.contains(.httpStatus)
        {
            roles[column] = .httpStatus
            reasons[column] += ": HTTP statuses beside the codes, so their status"
        }
        // Another column named for codes repeats them (WebDriver's "JSON Error Code"), or names
        // them while the numbers are the codes (Kafka's `Error`): the names are the titles. A
        // column of statuses beside it is the codes' status.
        for column in roles.indices where column != code && roles[column] == .code {
            if evidence[column].statusShare >= 0.9 {
                roles[column] = .httpStatus
                reasons[column] += "; the codes' HTTP status"
            } else if !roles.contains(.title), evidence[column].identifierShare >= 0.8, evidence[column].numberShare < 0.5,
                evidence[code].numberShare >= 0.5
            {
                roles[column] = .title
                reasons[column] += "; names beside the numbers that are the codes, so the titles"
            } else {
                roles[column] = .ignored
                reasons[column] += "; another column holds the codes"
            }
        }
        self.roles = roles
        self.reasons = reasons
        codeColumn = code
        // A column taken for codes by what its cells are, not its header, is read as one the
        // header names: its cells are codes.
        namedCodeColumn = ColumnRole.namesCodes(headers[code]) || readAsNamed
        phraseCodes = evidence[code].phraseShare >= 0.8
    }

    /// Roles by content where the header says little: a "Description" of reason phrases is the
    /// title (IANA's registry), a "Reason" of sentences the causes.
    private static func adjust(_ roles: inout [ColumnRole], reasons: inout [String], headers: [String], cells: [[String]]) {
        // Asked once, not per column: a table may have thousands of columns.
        var hasTitle = roles.contains(.title)
        for (column, role) in roles.enumerated() where !cells[column].isEmpty {
            let short = cells[column].prefix(Self.sampleRows).allSatisfy(ColumnRole.isTitleShaped)
            switch role {
            // A "Status" of names, not numbers (`SUCCESS`, `INVALID_ARGUMENT`): the status's
            // name, which is the title.
            case .httpStatus where !hasTitle && Self.holdsNames(cells[column]):
                roles[column] = .title
                reasons[column] += ": names, not HTTP statuses, so the titles"
                hasTitle = true
            // The first "Description" of names, not sentences, is the title: `Unknown error`
            // beside an "Explanation", `Bad Request` in a registry.
            case .description where !hasTitle && short:
                roles[column] = .title
                reasons[column] += ": every cell is a name, so the titles"
                hasTitle = true
            case .reason:
                roles[column] = short ? .title : .causes
                reasons[column] += short ? ": names, so the titles" : ": sentences, so the causes"
            default:
                break
            }
        }
        for column in roles.indices where roles[column] == .reason { roles[column] = .title }
        // Without a header, a column of short names is a title, one of sentences a description;
        // the first column of names is the title, a constant's macro name (`ERRCODE_X`) only if
        // nothing else names the code, and a column of one-letter flags nothing.
        if headers.allSatisfy(\.isEmpty) {
            for column in roles.indices {
                let sample = cells[column].prefix(Self.sampleRows)
                let short = sample.allSatisfy(ColumnRole.isTitleShaped)
                let flags = !sample.isEmpty && sample.allSatisfy { $0.count <= 2 }
                roles[column] = flags ? .ignored : short ? .title : .description
                reasons[column] = flags ? "no header; flags" : short ? "no header; short names" : "no header; sentences"
            }
            let titles = roles.indices.filter { roles[$0] == .title }
            let constants = titles.filter { column in
                let sample = cells[column].prefix(Self.sampleRows)
                return !sample.isEmpty && sample.allSatisfy { $0.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" } && $0.contains("_") }
            }
            if titles.count > constants.count {
                for column in constants {
                    roles[column] = .ignored
                    reasons[column] = "no header; constant names, another column names the codes"
                }
            }
        }
    }

    /// The column of codes, and why.
    private static func codeColumn(roles: [ColumnRole], evidence: [ColumnEvidence], inCodeSection: Bool)
        -> (Int, String, readAsNamed: Bool)?
    {
        // A column the header names for codes whose cells mostly read as codes there.
        var named = roles.indices.filter { roles[$0] == .code && evidence[$0].namedShare >= 0.5 }
        // `Error | Code` of `AccessDenied | 403`: the statuses are the named codes' status, and a
        // column of them is the codes only where nothing else is.
        let names = roles.indices.filter { evidence[$0].identifierShare >= 0.8 && evidence[$0].numberShare < 0.5 }
        if named.count > 1 || !names.isEmpty {
            let statuses = named.filter { evidence[$0].statusShare >= 0.9 }
            if !statuses.isEmpty, named.count > statuses.count || names.contains(where: { !statuses.contains($0) && roles[$0] == .code }) {
                named.removeAll { statuses.contains($0) }
            }
        }
        // Of several, the one whose header says "code" (Kafka's `Error | Code` of names and
        // numbers: the numbers), then the one more of whose cells have a code's shape
        // (`BLOB_UNKNOWN` over `code-1`), then the first.
        func rank(_ column: Int) -> (Int, Int, Double, Double, Int) {
            (ColumnRole.namesCodes(evidence[column].header) ? 1 : 0, ColumnRole.saysCode(evidence[column].header) ? 1 : 0,
                evidence[column].distinctShare, evidence[column].namedShare, -column)
        }
        // A "Value" or "ID" beside a "Name" of symbolic codes (`H3_NO_ERROR | 0x0100`): the name
        // is the code and the value its number, as in an enum; only a header that says "code"
        // makes the number the code.
        if let best = named.max(by: { rank($0) < rank($1) }), !ColumnRole.namesCodes(evidence[best].header),
            let name = roles.indices.first(where: {
                $0 != best && roles[$0] == .title && ColumnRole.isNameHeader(evidence[$0].header) && evidence[$0].distinctShare >= 0.8
                    && evidence[$0].unique
            })
        {
            return (name, "header \"\(evidence[name].header)\" names symbolic codes beside \"\(evidence[best].header)\", their values", true)
        }
        if let best = named.max(by: { rank($0) < rank($1) }) {
            return (best, "header \"\(evidence[best].header)\" names the codes; \(evidence[best].namedCount) of \(evidence[best].count) cells are codes", false)
        }
        // No header names the codes, but one column is numbers each written once beside
        // another of HTTP statuses (`gRPC | REST | Status`: 3 | 400 | INVALID_ARGUMENT): the
        // numbers are the codes and the statuses theirs.
        if let status = evidence.indices.first(where: {
            evidence[$0].statusShare >= 0.9 && evidence[$0].count >= 2 && [.ignored, .httpStatus, .code].contains(roles[$0])
        }),
            roles.contains(.title) || roles.contains(.description),
            let numbers = evidence.indices.first(where: {
                $0 != status && evidence[$0].numberShare >= 0.9 && evidence[$0].unique && evidence[$0].count >= 2
                    && [.ignored, .code].contains(roles[$0])
            })
        {
            return (numbers, "numbers each written once beside \"\(evidence[status].header)\", a column of HTTP statuses", true)
        }
        if let status = roles.firstIndex(of: .httpStatus), evidence[status].namedShare >= 0.5 {
            return (status, "header \"\(evidence[status].header)\" names statuses and no column names codes; \(evidence[status].namedCount) of \(evidence[status].count) cells are codes", false)
        }
        // A column headed "Name" of identifiers each written once, where no header names codes
        // (Web IDL's `IndexSizeError` beside its legacy constant): the names are the codes.
        if let column = roles.indices.first(where: {
            roles[$0] == .title && ColumnRole.isNameHeader(evidence[$0].header) && evidence[$0].identifierShare >= 0.9 && evidence[$0].unique
        }) {
            return (column, "header \"\(evidence[column].header)\" names identifiers and no column names codes", true)
        }
        // No header at all: the first column, when its cells are codes each once (`00000`, `01000`).
        if evidence.allSatisfy({ $0.header.isEmpty }), let first = evidence.first, first.namedShare >= 0.9, first.unique, first.count >= 1 {
            return (0, "no header; the first column's cells are distinct codes", true)
        }
        // In a section about errors, a first column of identifiers each written once beside
        // their description (ACME's `Type | Description`: `accountDoesNotExist`, `badCSR`).
        if inCodeSection, evidence.count >= 2, let first = evidence.first, first.identifierShare >= 0.9, first.unique, first.count >= 2,
            roles[0] != .description, roles.dropFirst().contains(where: { $0 == .description || $0 == .title })
        {
            return (0, "the section is about errors, and the first column's cells are identifiers each written once", true)
        }
        // No header says: the first column most of whose cells have a shape only codes have.
        if let column = roles.indices.first(where: { evidence[$0].distinctShare >= 0.6 && roles[$0] != .fixes && roles[$0] != .causes }) {
            return (column, "\(evidence[column].distinctCount) of \(evidence[column].count) cells have a code's shape", false)
        }
        return nil
    }

    /// Every sampled cell one identifier and none a number.
    private static func holdsNames(_ cells: [String]) -> Bool {
        let evidence = ColumnEvidence(header: "", cells: cells)
        return evidence.count >= 2 && evidence.identifierShare >= 0.8 && evidence.numberShare == 0 && evidence.statusShare == 0
    }

    /// A column most of whose cells are HTTP method names.
    private static func holdsMethodNames(_ cells: [String]) -> Bool {
        let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "FETCH", "IPATCH"]
        let sample = cells.prefix(sampleRows)
        guard sample.count >= 2 else { return false }
        return sample.filter { methods.contains($0.trimmingCharacters(in: "`*")) }.count * 2 > sample.count
    }
}

/// What one column's cells are, counted over the column.
struct ColumnEvidence {
    let header: String
    /// Non-empty cells looked at.
    let count: Int
    /// Cells that read as codes in a column whose header names codes.
    let namedCount: Int
    /// Cells with a shape only codes have (`404`, `invalid_grant`, `E0000011`).
    let distinctCount: Int
    /// Cells that are short lower-case phrases: `no such element`.
    let phraseCount: Int
    /// No cell is written twice.
    let unique: Bool
    /// Cells that are one identifier (`IndexSizeError`, `"IndexSizeError"`), quotes aside.
    let identifierCount: Int
    /// Cells that are HTTP statuses; cells that are whole numbers.
    let statusCount: Int
    let numberCount: Int
    var statusShare: Double { count == 0 ? 0 : Double(statusCount) / Double(count) }
    var numberShare: Double { count == 0 ? 0 : Double(numberCount) / Double(count) }
    var identifierShare: Double { count == 0 ? 0 : Double(identifierCount) / Double(count) }

    init(header: String, cells: [String]) {
        self.header = header
        let sample = cells.prefix(TableColumns.sampleRows)
        count = sample.count
        var named = 0
        var distinct = 0
        var phrases = 0
        for cell in sample {
            if let mention = TableEntries.code(inCell: cell, named: true) {
                named += 1
                if mention.distinct { distinct += 1 }
            } else if ColumnEvidence.isPhrase(cell) {
                phrases += 1
            }
        }
        namedCount = named + phrases
        unique = Set(sample).count == sample.count
        statusCount = sample.filter { HTTPStatus(code: $0.trimmingCharacters(in: "`*")) != nil }.count
        numberCount = sample.filter { CodeMention.isNumber($0.trimmingCharacters(in: "`*")) || CodeMention.isNumber($0.split(separator: " ").first.map(String.init) ?? "") }.count
        identifierCount = sample.filter { cell in
            let bare = cell.trimmingCharacters(in: "\"'`*“” ")
            return !bare.isEmpty && bare.count <= ErrorCode.maximumLength
                && bare.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") } && bare.first?.isLetter == true
        }.count
        distinctCount = distinct
        phraseCount = phrases
    }

    var namedShare: Double { count == 0 ? 0 : Double(namedCount) / Double(count) }
    var distinctShare: Double { count == 0 ? 0 : Double(distinctCount) / Double(count) }
    var phraseShare: Double { count == 0 ? 0 : Double(phraseCount) / Double(count) }

    /// Two to five lower-case words, letters only: a code written as a phrase.
    static func isPhrase(_ text: String) -> Bool {
        let plain = InlineText.flat(text).trimmingCharacters(in: "`*")
        let words = plain.split(separator: " ")
        return (2...5).contains(words.count) && plain.utf8.count <= ErrorCode.maximumLength
            && words.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
