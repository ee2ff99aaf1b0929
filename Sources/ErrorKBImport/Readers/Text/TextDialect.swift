import ErrorKBCore

/// Plain and RFC text as a line dialect: fenced code, program source, tables drawn with `+---+`
/// or pipes, aligned columns and tables that lost their borders, Markdown and numbered headings,
/// lists, hanging definitions, title-shaped headings and indented examples; any other line
/// begins a paragraph.
struct TextDialect: LineDialect {
    static let maximumDepth = 24
    var chrome: Set<Int> = []

    static let rules: [LineRule<TextDialect>] = [
        LineRules.fencedCode(),
        LineRule("source code") { _, spot in SourceCodeLines.read(spot) },
        LineRule("grid table", interrupts: { _, spot in GridTableLines.isBorder(spot.text) }) { _, spot in
            guard spot.text.hasPrefix("+") || spot.text.hasPrefix("-") || spot.text.hasPrefix("|") else { return nil }
            return GridTableLines.read(spot.lines, at: spot.index, textRows: true, cell: TextDialect.cell).map { BlockMatch(.table($0.table), end: $0.end) }
        },
        LineRule("pipe table", interrupts: { _, spot in spot.text.containsBytes("|") && PipeTableLines.read(spot.lines, at: spot.index) != nil }) { _, spot in
            guard spot.text.containsBytes("|") else { return nil }
            return PipeTableLines.read(spot.lines, at: spot.index).map { BlockMatch(.table($0.table), end: $0.end) }
        },
        LineRule("grammar alternatives") { _, spot in GrammarAlternatives.read(spot) },
        LineRule("aligned table") { _, spot in
            let table = spot.followsParagraph ? nil : AlignedTableLines.readText(spot.lines, at: spot.index)
            return (table ?? AlignedTableLines.readHeaderless(spot.lines, at: spot.index)).map { BlockMatch(.table($0.table), end: $0.end) }
        },
        LineRule("borderless table") { _, spot in
            guard !spot.followsParagraph else { return nil }
            return BorderlessTableLines.read(spot.lines, at: spot.index).map { BlockMatch(.table($0.table), end: $0.end) }
        },
        LineRule("comment lines") { _, spot in TextComments.read(spot) },
        LineRule("heading", interrupts: { _, spot in spot.text.hasPrefix("#") || TextHeadings.numbered(spot.line) != nil }) { _, spot in
            (TextHeadings.markdown(spot.line) ?? TextHeadings.numbered(spot.line)).map { BlockMatch(.heading($0), end: spot.index + 1) }
        },
        LineRule("list", interrupts: { _, spot in ListMarker(spot.text) != nil }) { dialect, spot in
            guard let marker = ListMarker(spot.text) else { return nil }
            return TextLists.list(spot, marker: marker, dialect: &dialect)
        },
        LineRule("definitions") { dialect, spot in TextDefinitions.read(spot, dialect: &dialect) },
        LineRule("title heading") { _, spot in
            let line = spot.line
            guard !spot.followsParagraph, line.indentation == 0 || spot.depth == 0 && line.indentation <= 1,
                LineShape.heading(spot.text) != nil, !TextHeadings.continuesInLowerCase(spot)
            else { return nil }
            return BlockMatch(.heading(Heading(level: 1, text: spot.text, lines: LineRange(start: line.number, end: line.number))), end: spot.index + 1)
        },
        LineRule("indented example") { _, spot in
            guard spot.followsParagraph || spot.previous != nil, spot.line.indentation > TextDialect.proseIndentation(spot),
                TextDialect.looksLikeCode(spot.text)
            else { return nil }
            return LineRules.indentedCode(spot)
        },
    ]

    func inlineText(_ line: SourceLine) -> String { line.trimmed }

    mutating func readParagraph(_ spot: LineSpot) -> BlockMatch {
        let end = paragraphEnd(from: spot)
        return BlockMatch(paragraph(of: spot.lines[spot.index..<end]), end: end)
    }

    /// A text table's cell: its lines, each on a line of its own in the cell's text.
    static func cell(_ lines: [SourceLine]) -> TableCell {
        let texts = lines.map(\.trimmed).filter { !$0.isEmpty }
        let numbers = lines.filter { !$0.isBlank }.map(\.number)
        let range = LineRange(start: numbers.first ?? lines.first?.number ?? 1, end: numbers.last ?? lines.last?.number ?? 1)
        return TableCell(text: texts.joined(separator: "\n"), lines: range)
    }

    /// How far the running text before this line is indented: an example stands deeper.
    private static func proseIndentation(_ spot: LineSpot) -> Int {
        guard case .paragraph? = spot.previous, let start = spot.previousStart else { return 0 }
        return spot.lines[start].indentation
    }

    /// The first line of an example message, request or payload.
    static func looksLikeCode(_ text: String) -> Bool {
        let starts = ["HTTP/", "{", "[", "<", "GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "Host:", "Content-Type:",
            "Location:", "WWW-Authenticate:", "Cache-Control:", "Authorization:", "$ ", "curl ", "\""]
        return starts.contains { text.hasPrefix($0) }
    }
}

/// A data file's comments (`#` lines, run together, a bare `#` among them), or a `# comment`
/// with lower-case text right over the line it explains: prose, not Markdown headings.
enum TextComments {
    static func read(_ spot: LineSpot) -> BlockMatch? {
        guard spot.text.hasPrefix("#") else { return nil }
        var end = spot.index
        while end < spot.lines.count, spot.lines[end].trimmed.hasPrefix("#") { end += 1 }
        let run = spot.lines[spot.index..<end]
        let bare = run.contains { $0.trimmed.allSatisfy { $0 == "#" } }
        let lowerCaseOverText = run.count == 1 && end < spot.lines.count && !spot.lines[end].isBlank
            && spot.text.drop { $0 == "#" }.trimmingWhitespace().first?.isLowercase == true
        guard run.count >= 3 && bare || lowerCaseOverText else { return nil }
        let text = run.map { String($0.trimmed.drop { $0 == "#" }).trimmingWhitespace() }.filter { !$0.isEmpty }
        guard let first = run.first, let last = run.last else { return nil }
        let paragraph = Paragraph(text: text.joined(separator: "\n"), lines: LineRange(start: first.number, end: last.number))
        return BlockMatch(text.isEmpty ? [] : [.paragraph(paragraph)], end: end)
    }
}

/// An ABNF rule listing the values it allows, one a line with its name in a comment:
///
///     Status-Code  =     "100"      ; Continue
///                  |     "200"      ; OK
///
/// as RFC 2616, RFC 2326 and SIP define their status codes: a table of values and names.
enum GrammarAlternatives {
    static func read(_ spot: LineSpot) -> BlockMatch? {
        guard alternative(spot.text) != nil else { return nil }
        var rows: [TableRow] = []
        var index = spot.index
        var last = index
        while index < spot.lines.count {
            let line = spot.lines[index]
            if line.isBlank {
                // A page break between alternatives.
                var next = index + 1
                while next < spot.lines.count, spot.lines[next].isBlank, next - index <= GridTableLines.maximumGap { next += 1 }
                guard next < spot.lines.count, alternative(spot.lines[next].trimmed) != nil || isContinuation(spot.lines[next].trimmed) else { break }
                index = next
                continue
            }
            if let (value, name) = alternative(line.trimmed) {
                let range = LineRange(start: line.number, end: line.number)
                rows.append(TableRow(cells: [TableCell(text: value, lines: range), TableCell(text: name, lines: range)], lines: range))
            } else if !isContinuation(line.trimmed) {
                break
            }
            last = index
            index += 1
        }
        guard rows.count >= 3, let first = rows.first else { return nil }
        let header = ["Code", "Reason"].map { TableCell(text: $0, lines: first.lines) }
        let range = LineRange(start: spot.line.number, end: spot.lines[last].number)
        return BlockMatch(.table(Table(header: header, rows: rows, lines: range)), end: last + 1)
    }

    /// `| "200" ; OK` or `Status-Code = "100" ; Continue` → ("200", "OK"); a `Section 10.1.1:`
    /// before the name (RFC 2616) is dropped.
    static func alternative(_ text: String) -> (String, String)? {
        var rest = Substring(text)
        if rest.hasPrefix("|") {
            rest = rest.dropFirst()
        } else if let equals = rest.firstIndex(of: "="), !rest[..<equals].trimmingWhitespace().contains(" "), equals != rest.startIndex {
            rest = rest[rest.index(after: equals)...]
        } else {
            return nil
        }
        rest = rest.drop { $0 == " " }
        guard rest.hasPrefix("\""), let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
        let value = String(rest[rest.index(after: rest.startIndex)..<close])
        var comment = rest[rest.index(after: close)...].drop { $0 == " " }
        guard !value.isEmpty, comment.hasPrefix(";") else { return nil }
        comment = comment.dropFirst().drop { $0 == " " }
        var name = comment.trimmingWhitespace()
        if name.lowercased().hasPrefix("section "), let colon = name.firstIndex(of: ":") {
            name = name[name.index(after: colon)...].trimmingWhitespace()
        }
        return name.isEmpty ? nil : (value, name)
    }

    /// `| extension-code`: an alternative that is another rule, not a value.
    private static func isContinuation(_ text: String) -> Bool {
        text.hasPrefix("|") && !text.contains("\"")
    }
}

/// The headings plain text writes.
enum TextHeadings {
    /// `## Errors` in a text file.
    static func markdown(_ line: SourceLine) -> Heading? {
        let text = line.trimmed
        guard text.hasPrefix("#") else { return nil }
        let level = text.prefix { $0 == "#" }.count
        let rest = text.dropFirst(level)
        guard (1...6).contains(level), rest.first == " ", !rest.trimmingWhitespace().isEmpty else { return nil }
        return Heading(level: level, text: rest.trimmingWhitespace(), lines: LineRange(start: line.number, end: line.number))
    }

    /// `4.1.2.1.  Error Response` (level 4), `Appendix B.  Notices` (level 1), flush left.
    static func numbered(_ line: SourceLine) -> Heading? {
        guard line.indentation == 0 else { return nil }
        var text = line.trimmed
        var level = 0
        // `8.3.3.1.  bad-request`: RFC numbering, dot and two spaces, may title in lower case.
        var rfcNumbered = false
        if text.hasPrefix("Appendix "), let dot = text.firstIndex(of: "."), text.distance(from: text.startIndex, to: dot) <= 12 {
            level = 1
            text = String(text[text.index(after: dot)...])
        } else {
            // `B.1.4.1.  client-error-bad-request`: an appendix's letter leads its numbers.
            let letter = text.count > 3 && text.first?.isUppercase == true && text.first?.isASCII == true
                && text.dropFirst().first == "." && text.dropFirst(2).first?.isNumber == true ? 2 : 0
            let number = text.prefix(letter) + text.dropFirst(letter).prefix { $0.isNumber || $0 == "." }
            guard letter > 0 || number.first?.isNumber == true, !number.containsBytes("..") else { return nil }
            level = number.split(separator: ".").count
            text = String(text.dropFirst(number.count))
            rfcNumbered = number.hasSuffix(".") && text.hasPrefix("  ") && level >= 2
            // `3.4  Mail system status`: RFC 3463 writes its numbers without the final dot, RFC 2326
            // with one space after (`11.3.1 405 Method Not Allowed`).
            guard number.hasSuffix(".") || level > 1 && (text.hasPrefix("  ") || text.hasPrefix(" ") && level >= 3) else { return nil }
            // `1. Log in` is a list item; RFCs set a heading's number apart with two spaces.
            guard level > 1 || text.hasPrefix("  ") || text.hasPrefix("\t") else { return nil }
        }
        guard text.first == " " || text.first == "\t" else { return nil }
        let title = text.trimmingWhitespace()
        guard !title.isEmpty, title.count <= 90, title.last.map({ !".,;".contains($0) }) ?? false,
            title.first.map({ $0.isUppercase || $0.isNumber || $0 == "\"" || rfcNumbered && $0.isLowercase }) ?? false
        else { return nil }
        return Heading(level: level, text: title, lines: LineRange(start: line.number, end: line.number))
    }

    /// The next line goes on with the sentence: a title-shaped first line of a paragraph.
    static func continuesInLowerCase(_ spot: LineSpot) -> Bool {
        guard let next = spot.line(1) else { return false }
        return !next.isBlank && next.indentation == spot.line.indentation && next.trimmed.first?.isLowercase == true
    }
}
