import ErrorKBCore

/// reStructuredText as a line dialect: section titles, grid and simple tables, directives,
/// field lists, lists and definitions; any other line begins a paragraph, which a `::` ending
/// turns into the lead of a literal block.
struct RSTDialect: LineDialect {
    static let maximumDepth = 16
    var chrome: Set<Int> = []
    /// Adornment styles in the order the page first uses them: the first is level 1.
    private var styles: [String] = []
    /// A section title has been read at the top level: field lists after it are content.
    private var sectionSeen = false

    static let rules: [LineRule<RSTDialect>] = [
        LineRule("section title") { dialect, spot in
            guard let (heading, end) = dialect.heading(at: spot) else { return nil }
            if spot.depth == 0 { dialect.sectionSeen = true }
            return BlockMatch(.heading(heading), end: end)
        },
        LineRule("grid table") { dialect, spot in
            guard spot.text.hasPrefix("+-") || spot.text.hasPrefix("+=") else { return nil }
            let depth = spot.depth
            return GridTableLines.read(spot.lines, at: spot.index, textRows: false) { lines in
                // A grid cell is any blocks, read with the page's own rules.
                let numbers = lines.filter { !$0.isBlank }.map(\.number)
                let first = numbers.first ?? lines.first?.number ?? spot.line.number
                return TableCell(blocks: dialect.parse(lines, depth: depth + 1), lines: LineRange(start: first, end: numbers.last ?? first))
            }.map { BlockMatch(.table($0.table), end: $0.end) }
        },
        LineRule("simple table") { _, spot in
            guard spot.text.hasPrefix("="), RSTTables.isSimpleBorder(spot.text) else { return nil }
            return RSTTables.simple(spot.lines, at: spot.index).map { BlockMatch(.table($0.0), end: $0.1) }
        },
        LineRule("directive") { dialect, spot in
            guard spot.text.hasPrefix(".. ") || spot.text == ".." else { return nil }
            let end = spot.indentedEnd(deeperThan: spot.line.indentation)
            let blocks = dialect.directive(spot, end: end)
            // Object descriptions one after another are one definition list.
            if blocks.count == 1, case .definitions = blocks[0] { return BlockMatch(blocks, end: end, continuesDefinitions: true) }
            return BlockMatch(blocks, end: end)
        },
        LineRule("metadata") { dialect, spot in
            let text = spot.text
            guard spot.depth == 0, !dialect.sectionSeen, text.hasPrefix(":"), let close = text.dropFirst().firstIndex(of: ":"),
                close > text.index(after: text.startIndex)
            else { return nil }
            // A field list before the first section: the page's metadata.
            let end = spot.indentedEnd(deeperThan: spot.line.indentation)
            for number in spot.lines[spot.index..<end].map(\.number) { dialect.chrome.insert(number) }
            return BlockMatch([], end: end)
        },
        LineRule("field list") { _, spot in
            // A field list in the body (`:404: Not found. The resource ...`): a definition list
            // whose terms are the field names.
            guard let field = RSTDialect.fieldName(spot.text) else { return nil }
            let lines = spot.lines
            let end = spot.indentedEnd(deeperThan: spot.line.indentation)
            let rest = String(spot.text.dropFirst(field.count + 2)).trimmingWhitespace()
            let body = ([rest] + lines[(spot.index + 1)..<end].map { $0.text.trimmingWhitespace() }).filter { !$0.isEmpty }
            let range = LineRange(start: spot.line.number, end: lines[end - 1].number)
            let item = Definition(
                term: RSTInline.render(field), termLines: LineRange(start: spot.line.number, end: spot.line.number),
                blocks: body.isEmpty ? [] : [.paragraph(Paragraph(text: RSTInline.render(body.joined(separator: "\n")), lines: range))],
                lines: range)
            return BlockMatch(.definitions(DefinitionList(items: [item], lines: range)), end: end, continuesDefinitions: true)
        },
        LineRule("list") { dialect, spot in
            guard let marker = RSTListMarker(spot.text) else { return nil }
            return dialect.list(spot, ordered: marker.ordered)
        },
        LineRule("definition") { dialect, spot in
            // A term with its definition indented on the very next line.
            guard let next = spot.line(1), !next.isBlank, next.indentation > spot.line.indentation else { return nil }
            let end = spot.indentedEnd(deeperThan: spot.line.indentation)
            let body = dialect.parse(Array(spot.lines[(spot.index + 1)..<end]), depth: spot.depth + 1)
            let item = Definition(
                term: RSTInline.render(spot.text), termLines: LineRange(start: spot.line.number, end: spot.line.number), blocks: body,
                lines: LineRange(start: spot.line.number, end: spot.lines[end - 1].number))
            return BlockMatch(.definitions(DefinitionList(items: [item], lines: item.lines)), end: end, continuesDefinitions: true)
        },
    ]

    func inlineText(_ line: SourceLine) -> String { RSTInline.render(line.trimmed) }

    /// A paragraph, and a literal block after one that ends with `::`, or a quotation indented
    /// right under it.
    mutating func readParagraph(_ spot: LineSpot) -> BlockMatch {
        let lines = spot.lines
        let indentation = spot.line.indentation
        var end = spot.index + 1
        while end < lines.count, !lines[end].isBlank, lines[end].indentation == indentation, heading(at: spot.at(end), registering: false) == nil {
            end += 1
        }
        var paragraphLines = Array(lines[spot.index..<end])
        var literal = false
        if let last = paragraphLines.last?.text, last.hasSuffix("::") {
            literal = true
            let trimmed = String(last.dropLast(last.hasSuffix(" ::") ? 3 : 1))
            paragraphLines[paragraphLines.count - 1] = SourceLine(number: paragraphLines[paragraphLines.count - 1].number, text: trimmed)
        }
        var blocks: [Block] = []
        if !paragraphLines.allSatisfy(\.isBlank) { blocks.append(paragraph(of: paragraphLines[...])) }
        var index = end
        if literal {
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            if next < lines.count, lines[next].indentation > indentation {
                let codeEnd = spot.at(next - 1).indentedEnd(deeperThan: indentation)
                blocks.append(code(Array(lines[next..<codeEnd])))
                index = codeEnd
            }
        } else if index < lines.count, !lines[index].isBlank, lines[index].indentation > indentation {
            // An indented block right under a paragraph: a quotation, read as blocks.
            let quoteEnd = spot.at(index - 1).indentedEnd(deeperThan: indentation)
            blocks += parse(Array(lines[index..<quoteEnd]), depth: spot.depth + 1)
            index = quoteEnd
        }
        return BlockMatch(blocks, end: index)
    }

    /// The name of a field-list line (`:404: ...` → `404`), if the line is one: a colon, a name
    /// without spaces at its ends, a colon, then a space or the end of the line.
    static func fieldName(_ text: String) -> String? {
        guard text.hasPrefix(":"), let close = text.dropFirst().firstIndex(of: ":") else { return nil }
        let name = text[text.index(after: text.startIndex)..<close]
        let after = text[text.index(after: close)...]
        guard !name.isEmpty, name.first != " ", name.last != " ", after.isEmpty || after.first == " " else { return nil }
        return String(name)
    }

    private func code(_ lines: [SourceLine]) -> Block {
        let first = lines.first?.number ?? 1
        return .code(
            CodeBlock(
                text: lines.map(\.text).joined(separator: "\n"), language: nil,
                lines: LineRange(start: first, end: lines.last?.number ?? first)))
    }

    // MARK: Section titles

    private static let adornment = Set("=-`:'\"~^_*+#<>.")

    private static func isAdornment(_ text: String) -> Bool {
        guard text.count >= 3, let first = text.first, adornment.contains(first) else { return false }
        return text.allSatisfy { $0 == first }
    }

    /// `Title` over `=====` (and under one, for an overlined title).
    private mutating func heading(at spot: LineSpot) -> (Heading, Int)? {
        heading(at: spot, registering: true)
    }

    private mutating func heading(at spot: LineSpot, registering: Bool) -> (Heading, Int)? {
        let lines = spot.lines
        let index = spot.index
        let line = lines[index]
        guard line.indentation == 0 || Self.isAdornment(line.trimmed) else { return nil }
        var titleIndex = index
        var style = ""
        if Self.isAdornment(line.trimmed), index + 2 < lines.count, lines[index + 2].trimmed == line.trimmed,
            !lines[index + 1].isBlank
        {
            titleIndex = index + 1
            style = "over" + String(line.trimmed.first ?? "=")
        } else if index + 1 < lines.count, !line.isBlank, !Self.isAdornment(line.trimmed), Self.isAdornment(lines[index + 1].trimmed),
            lines[index + 1].trimmed.count >= min(line.trimmed.count, 3), line.indentation == 0
        {
            style = String(lines[index + 1].trimmed.first ?? "=")
        } else {
            return nil
        }
        if !styles.contains(style) {
            guard registering else { return (Heading(level: styles.count + 1, text: "", lines: LineRange(start: line.number, end: line.number)), index + 1) }
            styles.append(style)
        }
        let level = (styles.firstIndex(of: style) ?? 0) + 1
        let title = lines[titleIndex]
        let end = style.hasPrefix("over") ? index + 3 : index + 2
        return (
            Heading(
                level: level, text: RSTInline.render(title.trimmed),
                lines: LineRange(start: lines[index].number, end: lines[end - 1].number)),
            end
        )
    }

    // MARK: Directives

    private static let admonitions: Set<String> = [
        "note", "warning", "caution", "tip", "hint", "important", "attention", "danger", "error", "admonition", "seealso",
        "versionadded", "versionchanged", "deprecated",
    ]

    private mutating func directive(_ spot: LineSpot, end: Int) -> [Block] {
        let lines = spot.lines
        let index = spot.index
        let text = spot.text
        guard let marker = text.range(of: "::") else {
            // A comment or a hyperlink target: no content.
            for number in lines[index..<end].map(\.number) { chrome.insert(number) }
            return []
        }
        let name = text[text.index(text.startIndex, offsetBy: 3)..<marker.lowerBound].trimmingWhitespace().lowercased()
        let argument = text[marker.upperBound...].trimmingWhitespace()
        // The body, after any `:option:` lines.
        var bodyStart = index + 1
        while bodyStart < end, lines[bodyStart].trimmed.hasPrefix(":") { bodyStart += 1 }
        let body = Array(lines[min(bodyStart, end)..<end])
        let range = LineRange(start: lines[index].number, end: lines[end - 1].number)
        // `.. c:macro:: UV_EACCES`, `.. py:exception:: Warning`, `.. describe:: E2BIG`: Sphinx's
        // object descriptions, a term (the object) over its description.
        if Self.isObjectDescription(name) || Self.isExceptionClass(name, argument: String(argument), body: body), !argument.isEmpty {
            let term = Definition(
                term: RSTInline.render(String(argument)), termLines: LineRange(start: lines[index].number, end: lines[index].number),
                blocks: parse(body, depth: spot.depth + 1), lines: range)
            return [.definitions(DefinitionList(items: [term], lines: range))]
        }
        if Self.admonitions.contains(name) {
            var inner = parse(body, depth: spot.depth + 1)
            if !argument.isEmpty { inner.insert(.paragraph(Paragraph(text: RSTInline.render(argument), lines: range)), at: 0) }
            return [.note(Note(blocks: inner, lines: range))]
        }
        switch name {
        case "code-block", "code", "sourcecode", "highlight", "parsed-literal":
            return body.isEmpty ? [] : [code(body)]
        case "list-table", "flat-table":
            return listTable(body, depth: spot.depth, lines: range, headerRows: Self.headerRows(lines[index..<end])).map { [.table($0)] } ?? []
        case "image", "figure", "toctree", "contents", "include", "raw", "only", "meta", "index", "literalinclude", "_", "tabularcolumns":
            for number in lines[index..<end].map(\.number) { chrome.insert(number) }
            return []
        default:
            return parse(body, depth: spot.depth + 1)
        }
    }

    /// The object descriptions that can name codes: a macro, an enumerator, an exception, a
    /// constant (`c:macro`, `cpp:enumerator`, `py:exception`, `js:data`), or a generic `describe`;
    /// not a class, function or option, which document an API.
    private static func isObjectDescription(_ name: String) -> Bool {
        let role = name.split(separator: ":").last.map(String.init) ?? name
        // Bare, `exception` and `data` are the Python domain's, Sphinx's default; a bare
        // `error` is docutils' admonition.
        return ["describe", "object", "exception", "data", "macro", "enumerator", "const", "constant", "error"].contains(role)
            && (name.contains(":") || ["describe", "object", "exception", "data"].contains(name))
    }

    /// A class that is an exception: named so (`ClientPayloadError`), or said to derive from
    /// one (`Derived from :exc:\`ClientResponseError\``), as Python's reference documents them.
    private static func isExceptionClass(_ name: String, argument: String, body: [SourceLine]) -> Bool {
        guard name == "class" || name == "py:class" else { return false }
        let className = argument.prefix { $0 != "(" && !$0.isWhitespace }.split(separator: ".").last.map(String.init) ?? ""
        if ["Error", "Exception", "Warning"].contains(where: { className.hasSuffix($0) && className.count > $0.count }) { return true }
        return body.contains { line in
            let text = line.trimmed
            return ["Derived from ", "Subclass of ", "Inherits from ", "Bases: "].contains { text.hasPrefix($0) } && text.containsBytes(":exc:`")
        }
    }

    private static func headerRows(_ lines: ArraySlice<SourceLine>) -> Int {
        for line in lines where line.trimmed.hasPrefix(":header-rows:") {
            return Int(line.trimmed.dropFirst(":header-rows:".count).trimmingWhitespace()) ?? 0
        }
        return 0
    }

    ///     .. list-table::
    ///        :header-rows: 1
    ///
    ///        * - Code
    ///          - Meaning
    ///        * - 404
    ///          - Not found
    private mutating func listTable(_ body: [SourceLine], depth: Int, lines: LineRange, headerRows: Int) -> Table? {
        let blocks = parse(body, depth: depth + 1)
        guard case .list(let list)? = blocks.first(where: { if case .list = $0 { true } else { false } }) else { return nil }
        let rows: [TableRow] = list.items.compactMap { item in
            guard case .list(let cells)? = item.blocks.first else { return nil }
            return TableRow(cells: cells.items.map { TableCell(blocks: $0.blocks, lines: $0.lines) }, lines: item.lines)
        }
        guard !rows.isEmpty else { return nil }
        let header = headerRows > 0 ? rows[0].cells : []
        return Table(header: header, rows: Array(rows.dropFirst(headerRows > 0 ? 1 : 0)), lines: lines)
    }

    // MARK: Lists

    private mutating func list(_ spot: LineSpot, ordered: Bool) -> BlockMatch {
        let lines = spot.lines
        let indentation = spot.line.indentation
        var items: [ListItem] = []
        var index = spot.index
        while index < lines.count, !lines[index].isBlank, lines[index].indentation == indentation,
            let marker = RSTListMarker(lines[index].trimmed), marker.ordered == ordered
        {
            let end = spot.at(index).indentedEnd(deeperThan: indentation)
            let first = SourceLine(number: lines[index].number, text: String(repeating: " ", count: indentation + marker.width) + marker.rest)
            let body = [first] + lines[(index + 1)..<end].map { line in
                line.isBlank ? line : SourceLine(number: line.number, text: String(repeating: " ", count: indentation + marker.width) + line.trimmed)
            }
            items.append(
                ListItem(blocks: parse(body, depth: spot.depth + 1), lines: LineRange(start: lines[index].number, end: lines[end - 1].number)))
            index = end
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next < lines.count, lines[next].indentation == indentation, RSTListMarker(lines[next].trimmed) != nil else { break }
            index = next
        }
        let range = LineRange(start: spot.line.number, end: items.last?.lines.end ?? spot.line.number)
        return BlockMatch(.list(BlockList(ordered: ordered, items: items, lines: range)), end: index)
    }
}
